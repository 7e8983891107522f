// Where sign-in tokens live: the credentials file (0600 in a 0700 folder, replaced
// atomically), the fallback to it when the keychain does not work, and the commands that
// show and remove stored sign-ins.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { credentialsFile, openCredentialStore } from '../../src/calendars/credentials.js';
import { cleanup, run, tempDir } from '../cli/helpers.js';

afterEach(cleanup);

const mode = (p: string) => fs.statSync(p).mode & 0o777;
const fileStore = (config = tempDir()) => openCredentialStore({ ONCALL_CREDENTIALS: 'file', XDG_CONFIG_HOME: config });

const { Entry } = createRequire(import.meta.url)('@napi-rs/keyring') as typeof import('@napi-rs/keyring');
/**
 * Without a Secret Service, @napi-rs/keyring quietly falls back to the kernel keyutils
 * keyring (in memory, gone at reboot) once the process has a session keyring, as it does
 * in a login session. The first call here sets that up; later calls (and child processes)
 * then reach the kernel keyring.
 */
const sessionKeyring = () => {
  for (let i = 0; i < 2; i++) {
    try {
      const entry = new Entry('oncall-test', 'warm-up');
      entry.setPassword('x');
      entry.deletePassword();
      return;
    } catch {
      // the first call may fail while the session keyring is being set up
    }
  }
};

describe('the credentials file', () => {
  test('is $XDG_CONFIG_HOME/oncall/credentials.json, created only when something is stored', () => {
    const config = tempDir();
    const store = fileStore(config);
    const file = path.join(config, 'oncall', 'credentials.json');
    expect(store).toMatchObject({ kind: 'file', where: file });
    expect(credentialsFile({ XDG_CONFIG_HOME: config })).toBe(file);
    expect(store.get('google')).toBeUndefined();
    store.delete('google');
    expect(fs.existsSync(path.join(config, 'oncall'))).toBe(false);
  });

  test('is created 0600 inside a 0700 folder, and only it is left there', () => {
    const config = tempDir();
    const store = fileStore(config);
    store.set('google', '{"refreshToken":"1//secret"}');
    const dir = path.join(config, 'oncall');
    expect(mode(dir)).toBe(0o700);
    expect(mode(store.where)).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['credentials.json']);
  });

  test('tightens a folder and a file that were too open', () => {
    const config = tempDir();
    const dir = path.join(config, 'oncall');
    fs.mkdirSync(dir, { mode: 0o755 });
    fs.chmodSync(dir, 0o755);
    fs.writeFileSync(path.join(dir, 'credentials.json'), '{"outlook":"kept"}', { mode: 0o644 });
    const store = fileStore(config);
    store.set('google', 'g');
    expect(mode(dir)).toBe(0o700);
    expect(mode(store.where)).toBe(0o600);
    expect(store.get('outlook')).toBe('kept');
  });

  test('get, set and delete keep the other entries', () => {
    const config = tempDir();
    const store = fileStore(config);
    store.set('google', 'g1');
    store.set('outlook', 'o1');
    store.set('google', 'g2');
    expect([store.get('google'), store.get('outlook')]).toEqual(['g2', 'o1']);
    expect(fileStore(config).get('google')).toBe('g2');
    store.delete('google');
    expect([store.get('google'), store.get('outlook')]).toEqual([undefined, 'o1']);
    expect(JSON.parse(fs.readFileSync(store.where, 'utf8'))).toEqual({ outlook: 'o1' });
  });

  test('is replaced by a rename, never rewritten in place, and leaves no temp file', () => {
    const store = fileStore();
    store.set('google', 'one');
    // A second name for the old file keeps its content only if the new one replaced it whole.
    const old = path.join(tempDir(), 'old-credentials.json');
    fs.linkSync(store.where, old);
    const secrets = Array.from({ length: 20 }, (_, i) => `token-${i}`);
    for (const s of secrets) store.set(s, s);
    expect(JSON.parse(fs.readFileSync(old, 'utf8'))).toEqual({ google: 'one' });
    expect(fs.readdirSync(path.dirname(store.where))).toEqual(['credentials.json']);
    for (const s of secrets) expect(store.get(s)).toBe(s);
  });
});

describe('choosing the store', () => {
  test('this machine has no Secret Service (precondition of the next tests)', () => {
    expect(() => new Entry('oncall-test', 'probe', { linux: { store: 'secret-service' } }).setPassword('x')).toThrow();
  });

  test('falls back to the file when no Secret Service works, even where the kernel keyring would take the token', () => {
    sessionKeyring();
    const config = tempDir();
    const store = openCredentialStore({ XDG_CONFIG_HOME: config });
    expect(store.kind).toBe('file');
    expect(store.where).toBe(path.join(config, 'oncall', 'credentials.json'));
    store.set('google', 'works');
    expect(store.get('google')).toBe('works');
  });

  test('ONCALL_CREDENTIALS=file forces the file', () => {
    sessionKeyring();
    expect(fileStore().kind).toBe('file');
  });
});

describe('calendar status and disconnect', () => {
  const env = (config: string) => ({ ONCALL_DB: path.join(config, 'oncall.db'), XDG_CONFIG_HOME: config, ONCALL_GOOGLE_ACCESS_TOKEN: undefined, ONCALL_GRAPH_ACCESS_TOKEN: undefined });

  test('status names the file store when the keychain does not work, and which sign-ins are stored', () => {
    sessionKeyring();
    const config = tempDir();
    fileStore(config).set('google', JSON.stringify({ clientId: 'cid', refreshToken: '1//stored-refresh-token' }));
    const r = run(['calendar', 'status'], { ...env(config), ONCALL_CREDENTIALS: undefined });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Tokens: file ${path.join(config, 'oncall', 'credentials.json')}`);
    expect(r.stdout).toContain('Google: stored   Outlook: not connected');
    expect(r.stdout + r.stderr).not.toContain('stored-refresh-token');
  });

  test('disconnect removes the stored sign-in and says where from', () => {
    const config = tempDir();
    const store = fileStore(config);
    store.set('google', JSON.stringify({ clientId: 'cid', refreshToken: '1//stored-refresh-token' }));
    store.set('outlook', JSON.stringify({ clientId: 'app', homeAccountId: 'h' }));
    const r = run(['calendar', 'disconnect', 'google'], { ...env(config), ONCALL_CREDENTIALS: 'file' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(store.where);
    expect(r.stdout + r.stderr).not.toContain('stored-refresh-token');
    expect([store.get('google'), store.get('outlook')]).toEqual([undefined, expect.any(String)]);
    const both = run(['calendar', 'disconnect'], { ...env(config), ONCALL_CREDENTIALS: 'file' });
    expect(both.status).toBe(0);
    expect(both.stdout).toBe(`Removed the stored Outlook sign-in from ${store.where}.\n`);
    expect(store.get('outlook')).toBeUndefined();
    // Nothing stored any more: it says so instead of claiming to remove something.
    const none = run(['calendar', 'disconnect'], { ...env(config), ONCALL_CREDENTIALS: 'file' });
    expect(none.status).toBe(0);
    expect(none.stdout).toBe(`No stored Google or Outlook sign-in in ${store.where}; nothing to remove.\n`);
    expect(run(['calendar', 'disconnect', 'icloud'], env(config)).status).toBe(2);
  });
});
