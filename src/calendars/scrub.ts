// What a calendar provider or a sign-in server says (error messages, response bodies) is not
// ours: a server or a proxy may echo the request's Authorization header, a token or a secret,
// and may send control characters or megabytes. Every such text passes through `peerText`
// before it is printed or stored. It replaces every secret this run holds (exact values, the
// strongest guarantee), then anything shaped like a credential, and returns one bounded,
// terminal-safe line.

/** Longest peer text kept, in characters (the rest becomes "…"). */
export const PEER_TEXT_MAX = 300;
/** Only this much of a peer's text is looked at; a secret cut at this edge is dropped whole. */
const SCAN_MAX = 16_384;
/** Shorter values are not treated as secrets: replacing them would garble ordinary words. */
const MIN_SECRET = 6;
const REDACTED = '[redacted]';
// C0 and C1 controls, DEL, and invisible format characters (bidi overrides, zero widths, BOM).
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
/** What a peer could slip between a secret's characters without changing how it reads. */
const FILLER = `\\s|${UNSAFE.source}|<[^<>]{0,100}>`;

/** The secrets one run holds (tokens, client secret, device code), to replace wherever they show. */
export class Secrets {
  private readonly values = new Set<string>();

  add(...values: (string | null | undefined)[]): this {
    for (const value of values) if (typeof value === 'string' && value.length >= MIN_SECRET) this.values.add(value);
    return this;
  }

  /**
   * A pattern for each secret, as written plainly, URL-encoded, form-encoded or JSON-escaped,
   * that also matches it with whitespace, control or invisible characters or markup inserted
   * between its characters (so a peer cannot get a secret past by splitting it); longest first.
   */
  patterns(): RegExp[] {
    const forms = new Set<string>();
    for (const value of this.values) {
      forms.add(value);
      forms.add(encodeURIComponent(value));
      forms.add(new URLSearchParams({ v: value }).toString().slice(2));
      forms.add(JSON.stringify(value).slice(1, -1));
      forms.add(JSON.stringify(value).slice(1, -1).replace(/\//g, '\\/'));
    }
    return [...forms]
      .sort((a, b) => b.length - a.length)
      .map((form) => new RegExp([...form].map((c) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join(`(?:${FILLER})*`), 'g'));
  }
}

// Names under which credentials travel, in headers, query strings, forms and JSON.
const SECRET_KEYS = 'access_token|refresh_token|id_token|client_secret|device_code|code_verifier|client_assertion|assertion|password|api_key|apikey';
const GENERIC: [RegExp, string][] = [
  // An Authorization header, echoed as a header line, in a JSON dump of headers, or in prose.
  [/\b((?:proxy-)?authorization)(["']?\s*[:=]\s*["']?)[^"'\r\n,;}]*/gi, `$1$2${REDACTED}`],
  // An authentication scheme followed by its credentials (RFC 9110 token68).
  [/\b(Bearer|Basic|Digest|Negotiate|NTLM)\s+[A-Za-z0-9._~+/-]{8,}=*/gi, `$1 ${REDACTED}`],
  // key=value, key: value and "key":"value" for the names above.
  [new RegExp(`\\b(${SECRET_KEYS})(["']?\\s*[:=]\\s*["']?)[^\\s"'&,;<>}]+`, 'gi'), `$1$2${REDACTED}`],
  // An authorization code or a token in a URL (`code` alone is too common a word elsewhere).
  [/([?&#;](?:code|token|sig|signature)=)[^&#\s"'<>]+/gi, `$1${REDACTED}`],
  // JWTs (Microsoft access and id tokens) and JWT-like dotted values.
  [/\beyJ[A-Za-z0-9_-]{2,}(?:\.[A-Za-z0-9_-]*){1,2}/g, REDACTED],
  // Google: access tokens, refresh tokens, authorization codes, client secrets.
  [/\bya29\.[A-Za-z0-9._-]+/g, REDACTED],
  [/\b1\/\/[A-Za-z0-9._-]{8,}/g, REDACTED],
  [/\b4\/[A-Za-z0-9._-]{20,}/g, REDACTED],
  [/\bGOCSPX-[A-Za-z0-9_-]+/g, REDACTED],
  // Microsoft: opaque access tokens of personal accounts, refresh tokens.
  [/\bEw[A-D][A-Za-z0-9+/=_-]{20,}/g, REDACTED],
  [/\b0\.A[A-Za-z0-9._-]{20,}/g, REDACTED],
  [/\bM\.[CR]\d+_[A-Za-z0-9.!*$_-]{20,}/g, REDACTED],
];
// Any other long opaque value that mixes upper case, lower case and digits, as tokens do
// (paths, words and hex ids do not).
const OPAQUE = /[A-Za-z0-9+/_=~-]{40,}/g;
const opaque = (run: string) => (/[a-z]/.test(run) && /[A-Z]/.test(run) && /\d/.test(run) ? REDACTED : run);

/**
 * A peer's text made safe to print and store: secrets and credential-shaped values replaced
 * by "[redacted]", markup and control characters gone, one line of at most PEER_TEXT_MAX
 * characters. Markup and controls become spaces, never nothing, so they can never join the
 * pieces of a value the patterns did not recognise into one.
 */
export function peerText(raw: unknown, secrets?: Secrets): string {
  let text = typeof raw === 'string' ? raw : raw instanceof Error ? raw.message : String(raw ?? '');
  if (text.length > SCAN_MAX) text = text.slice(0, SCAN_MAX).replace(/\S*$/, '');
  for (const pattern of secrets?.patterns() ?? []) text = text.replace(pattern, REDACTED);
  text = text.replace(/<[^<>]{0,1000}>/g, ' ').replace(UNSAFE, ' ');
  for (const [pattern, replacement] of GENERIC) text = text.replace(pattern, replacement);
  text = text.replace(OPAQUE, opaque).replace(/\s+/g, ' ').trim();
  return text.length > PEER_TEXT_MAX ? `${text.slice(0, PEER_TEXT_MAX - 1)}…` : text;
}
