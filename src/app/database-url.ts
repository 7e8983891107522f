// A database named by a connection URL rather than a file path, and that URL safe to show:
// a password in it never reaches output or an error message.

/** "scheme://…": a connection URL rather than a file path. */
export function isUrl(text: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
}

/** The URL with any password replaced by ***, whether or not it parses. */
export function maskedUrl(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:]*):[^/]*@/i, '$1:***@').replace(/([?&]password=)[^&]*/gi, '$1***');
}
