// The vendors `oncall import` reads, as messages name them, and the environment variable each
// one's token comes from (tokens are never taken from options, which shells keep in history).

export type Vendor = 'pagerduty' | 'opsgenie' | 'grafana';

export const VENDORS: Record<Vendor, { label: string; tokenVariable: string }> = {
  pagerduty: { label: 'PagerDuty', tokenVariable: 'PAGERDUTY_TOKEN' },
  opsgenie: { label: 'Opsgenie', tokenVariable: 'OPSGENIE_API_KEY' },
  grafana: { label: 'Grafana OnCall', tokenVariable: 'GRAFANA_ONCALL_TOKEN' },
};
