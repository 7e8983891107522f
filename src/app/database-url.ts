// A database named by a connection URL rather than a file path, and that URL safe to show:
// a password in it never reaches output or an error message.

export { maskedUrl } from '../storage/masked-url.js';
export { isPostgresUrl } from '../storage/open-store.js';

/** "scheme://…": a connection URL rather than a file path. */
export function isUrl(text: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
}
