// The example CI workflows a team copies (examples/*.github-actions.yml) keep the history in the
// team's shared database (docs/team.md), never in the Actions cache, which GitHub evicts after
// a week unused; and no job a pull request runs is given a login that may change anything.

import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import YAML from 'yaml';

interface Step {
  uses?: string;
  run?: string;
  env?: Record<string, string>;
}
interface Job {
  if?: string;
  environment?: string | { name: string };
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const read = (name: string): { text: string; workflow: Workflow } => {
  const text = fs.readFileSync(EXAMPLES + name, 'utf8');
  return { text, workflow: YAML.parse(text) as Workflow };
};
const databases = (job: Job): string[] => job.steps.flatMap((s) => (s.env?.ONCALL_DB ? [s.env.ONCALL_DB] : []));
const oncallRuns = (job: Job): string[] => job.steps.flatMap((s) => (s.run ?? '').split('\n')).filter((line) => line.includes('bin/oncall.js'));

describe('publish-feeds: the feeds come from the shared database', () => {
  const { text, workflow } = read('publish-feeds.github-actions.yml');
  const { apply, publish } = workflow.jobs;

  test('nothing is kept in the Actions cache', () => {
    expect(text).not.toMatch(/actions\/cache/);
  });

  test('publishing reads with the read-only login, and changes nothing', () => {
    expect(databases(publish)).toEqual(['${{ secrets.ONCALL_DB }}']);
    expect(oncallRuns(publish).every((line) => / export ics /.test(line))).toBe(true);
  });

  test('only a push to main applies, with the admin login of a protected environment', () => {
    expect(apply.if).toBe("github.event_name == 'push'");
    expect(workflow.on.push).toEqual({ branches: ['main'], paths: ['team.yaml'] });
    expect(apply.environment).toBe('oncall-admin');
    expect(databases(apply)).toEqual(['${{ secrets.ONCALL_ADMIN_DB }}']);
    // The hourly run still publishes when apply is skipped, but not after a failed apply.
    expect(publish.if).toContain("needs.apply.result != 'failure'");
  });
});

describe('plan-on-pull-request: a pull request never holds a login that can write', () => {
  const { text, workflow } = read('plan-on-pull-request.github-actions.yml');
  const jobs = Object.values(workflow.jobs);

  test('it plans against a copy made with the read-only login', () => {
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    expect(text).not.toMatch(/actions\/cache|ONCALL_ADMIN_DB/);
    const [plan] = jobs;
    expect(databases(plan)).toEqual(['${{ secrets.ONCALL_DB }}', '${{ runner.temp }}/plan.db']);
    expect(oncallRuns(plan).map((line) => line.trim())).toEqual([
      'node .oncall/bin/oncall.js db copy --to "$RUNNER_TEMP/plan.db"',
      'node .oncall/bin/oncall.js apply -f team.yaml --dry-run || status=$?',
    ]);
  });
});
