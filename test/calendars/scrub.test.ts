// peerText: what a provider or sign-in server says is scrubbed of every secret the run holds
// and of anything shaped like a credential, and made one bounded, terminal-safe line. Each
// case is text a hostile or careless server (or proxy) could send back.

import { describe, expect, test } from 'vitest';
import { PEER_TEXT_MAX, peerText, Secrets } from '../../src/calendars/scrub.js';

const ACCESS = 'ya29.a0AfB_byC3-held-access-token';
const REFRESH = '1//0gHeldRefresh-Token/with+slashes=';
const CLIENT_SECRET = 'GOCSPX-heldClientSecret42';
const DEVICE_CODE = 'DAQABAAEAAAD-held-device-code';
/** A held secret with no recognisable shape: only the exact-value replacement can catch it. */
const PLAIN = 'S3cr3tOpaqueValueX';
const held = () => new Secrets().add(ACCESS, REFRESH, CLIENT_SECRET, DEVICE_CODE, PLAIN);

/** Each hostile text, and the strings that must not survive it. */
const HOSTILE: [string, string, string[]][] = [
  ['a held secret in prose', `token ${PLAIN} was rejected`, [PLAIN]],
  ['a held secret URL-encoded', `GET /x?t=${encodeURIComponent(REFRESH)}`, [REFRESH, encodeURIComponent(REFRESH), '0gHeldRefresh']],
  ['a held secret form-encoded', `body: t=${new URLSearchParams({ t: REFRESH }).toString().slice(2)}`, ['0gHeldRefresh']],
  ['a held secret JSON-escaped with \\/', JSON.stringify({ echo: REFRESH }).replace(/\//g, '\\/'), ['0gHeldRefresh']],
  ['the Authorization header echoed', `bad header Authorization: Bearer ${ACCESS}`, [ACCESS, 'held-access-token']],
  ['an unknown bearer token', 'Bearer Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5', ['Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5']],
  ['Basic credentials', 'proxy said: Basic Y2xpZW50OnNlY3JldC12YWx1ZQ==', ['Y2xpZW50OnNlY3JldC12YWx1ZQ']],
  ['headers dumped as JSON', 'Headers: {"authorization":"Bearer unknownTokenValue123","host":"x"}', ['unknownTokenValue123']],
  ['access_token in a redirect URL', 'moved to https://evil.example/cb?access_token=unknownAccess987&x=1', ['unknownAccess987']],
  ['refresh_token in a JSON body', '{"error":"invalid_grant","refresh_token":"unknownRefresh555"}', ['unknownRefresh555']],
  ['client_secret in a form', 'client_id=abc&client_secret=unknownSecret321&grant_type=x', ['unknownSecret321']],
  ['an authorization code in a URL', 'http://127.0.0.1:5/?state=s&code=4/0AUnknownAuthCode', ['0AUnknownAuthCode']],
  ['a JWT', 'id_token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl ok', ['eyJhbGciOiJSUzI1NiJ9', 'eyJzdWIiOiIxMjM0In0', 'c2lnbmF0dXJl']],
  ['a Google access token', 'saw ya29.unknown-google-token_value here', ['unknown-google-token_value']],
  ['a Google refresh token', 'saw 1//0gUnknownRefreshTokenValue here', ['0gUnknownRefreshTokenValue']],
  ['a Google client secret', 'saw GOCSPX-unknownSecretValue here', ['unknownSecretValue']],
  ['a Microsoft opaque token', 'saw EwBwA8l6BAAUunknownMicrosoftToken here', ['EwBwA8l6BAAUunknownMicrosoftToken']],
  ['a Microsoft refresh token', 'saw 0.AAAAunknownMicrosoftRefresh-value here', ['unknownMicrosoftRefresh']],
  ['a long opaque value', 'key A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0 end', ['A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0']],
  ['a held secret split by a zero-width space', `${PLAIN.slice(0, 6)}\u200b${PLAIN.slice(6)}`, [PLAIN]],
  ['a held secret split by a NUL', `${PLAIN.slice(0, 6)}\u0000${PLAIN.slice(6)}`, [PLAIN]],
  ['a held secret split by markup', `<p>${PLAIN.slice(0, 6)}<b></b>${PLAIN.slice(6)}</p>`, [PLAIN]],
  ['the device code in an error', `AADSTS70019: device_code ${DEVICE_CODE} expired`, [DEVICE_CODE]],
];

describe('peerText removes secrets', () => {
  test.each(HOSTILE)('%s', (_what, text, gone) => {
    const out = peerText(text, held());
    for (const secret of gone) expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
  });
});

describe('peerText removes secrets', () => {
  test('a secret cut at the edge of what is scanned is dropped whole, not shown in part', () => {
    const out = peerText(`${' '.repeat(16_380)}${PLAIN}`, held());
    expect(out).not.toContain(PLAIN.slice(0, 4));
  });

  test('a secret the run is given after the start (a refreshed token) is scrubbed from then on', () => {
    const secrets = held();
    expect(peerText('echo: fresh0pa9ueT0ken', secrets)).toContain('fresh0pa9ueT0ken');
    secrets.add('fresh0pa9ueT0ken');
    expect(peerText('echo: fresh0pa9ueT0ken', secrets)).toBe('echo: [redacted]');
  });
});

describe('peerText makes one safe, bounded line', () => {
  test('escape sequences, BEL, C1 controls and bidi overrides are gone; lines are joined', () => {
    const out = peerText('denied\x1b]0;pwned\x07 now\r\nsecond\u009b31m line \u202eevil\u2066 end');
    expect(out).toBe('denied ]0;pwned now second 31m line evil end');
    expect(out).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  test('a megabyte of text becomes one line of at most PEER_TEXT_MAX characters', () => {
    const out = peerText(`${'word '.repeat(200_000)}\n`.repeat(2));
    expect(out.length).toBeLessThanOrEqual(PEER_TEXT_MAX);
    expect(out.endsWith('…')).toBe(true);
    expect(out).not.toContain('\n');
  });

  test('markup is dropped, its text kept', () => {
    expect(peerText('<html><body><h1>Bad gateway</h1><p>try later</p></body></html>')).toBe('Bad gateway try later');
  });

  test('ordinary provider messages are left as they are, and scrubbing twice changes nothing', () => {
    for (const text of [
      'Google Calendar: 403 rateLimitExceeded: Rate Limit Exceeded',
      'Microsoft Graph: 404 ErrorItemNotFound: The specified object was not found in the store.',
      'event 3f2a9c0d1e4b5a6978877665544332211aabbccdd not found in /calendar/v3/calendars/primary/events',
      'Basic error occurred; the code is 42 and the token expired',
    ]) {
      expect(peerText(text, held())).toBe(text);
      expect(peerText(peerText(text, held()), held())).toBe(text);
    }
  });

  test('values too short to be secrets are not treated as ones', () => {
    expect(peerText('the id is 12345 and ok', new Secrets().add('12345', 'ok'))).toBe('the id is 12345 and ok');
  });
});
