// Where sign-in tokens live: the OS keychain when one works (secret-service on Linux, via
// @napi-rs/keyring), else a file readable by the owner only, written atomically. A failing
// keychain is detected with a probe, never silently half-used. Tokens never go to the
// database, stdout, stderr or logs.

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { UserError } from '../errors.js';

export interface CredentialStore {
  kind: 'keychain' | 'file';
  /** Where, for `oncall calendar status` (never the secret itself). */
  where: string;
  get(name: string): string | undefined;
  set(name: string, secret: string): void;
  delete(name: string): void;
}

const SERVICE = 'oncall';

export function credentialsFile(env: Record<string, string | undefined>): string {
  const configHome = env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(configHome, 'oncall', 'credentials.json');
}

/** The keychain if a probe write/read/delete works there, else the credentials file. */
export function openCredentialStore(env: Record<string, string | undefined>): CredentialStore {
  if (env.ONCALL_CREDENTIALS !== 'file') {
    const keychain = tryKeychain();
    if (keychain) return keychain;
  }
  return fileStore(credentialsFile(env));
}

function tryKeychain(): CredentialStore | undefined {
  try {
    const { Entry: KeyringEntry } = createRequire(import.meta.url)('@napi-rs/keyring') as typeof import('@napi-rs/keyring');
    // Only the Secret Service on Linux: the kernel keyring, the library's fallback, is
    // memory only and would lose the sign-in at the next reboot.
    const Entry = class extends KeyringEntry {
      constructor(service: string, name: string) {
        super(service, name, { linux: { store: 'secret-service' } });
      }
    };
    const probe = new Entry(SERVICE, 'probe');
    probe.setPassword('probe');
    if (probe.getPassword() !== 'probe') return undefined;
    probe.deletePassword();
    return {
      kind: 'keychain',
      where: 'the OS keychain (secret service)',
      get: (name) => new Entry(SERVICE, name).getPassword() ?? undefined,
      set: (name, secret) => new Entry(SERVICE, name).setPassword(secret),
      delete: (name) => {
        try {
          new Entry(SERVICE, name).deletePassword();
        } catch {
          // Nothing stored under that name: already what we want.
        }
      },
    };
  } catch {
    return undefined;
  }
}

function fileStore(file: string): CredentialStore {
  const read = (): Record<string, string> => {
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      return {};
    }
  };
  const write = (data: Record<string, string>) => {
    const dir = path.dirname(file);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.chmodSync(dir, 0o700);
    // A random name created exclusively: a link planted in the folder is never written through.
    const temp = path.join(dir, `.credentials.${randomBytes(8).toString('hex')}.tmp`);
    try {
      fs.writeFileSync(temp, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
      fs.renameSync(temp, file);
    } catch (error) {
      fs.rmSync(temp, { force: true });
      throw error;
    }
  };
  return {
    kind: 'file',
    where: file,
    get: (name) => read()[name],
    set: (name, secret) => write({ ...read(), [name]: secret }),
    delete: (name) => {
      const data = read();
      if (!(name in data)) return;
      delete data[name];
      write(data);
    },
  };
}

/**
 * A provider's stored sign-in, read back: `valid` says whether the parsed value has what the
 * provider needs. Missing or unreadable ones say how to sign in again, never quoting the
 * stored text (it holds the tokens).
 */
export function readSignIn<T>(
  store: CredentialStore,
  key: string,
  provider: { name: string; command: string; ciVariable: string },
  valid: (value: T) => boolean,
): T {
  const saved = store.get(key);
  if (!saved) {
    throw new UserError(`not signed in to ${provider.name}: run "${provider.command}", or set ${provider.ciVariable} in CI`);
  }
  try {
    const stored = JSON.parse(saved) as T;
    if (stored && typeof stored === 'object' && valid(stored)) return stored;
  } catch {
    // Reported below.
  }
  throw new UserError(`the stored ${provider.name} sign-in cannot be read; run "${provider.command}" again`);
}
