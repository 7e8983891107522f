// A connection URL safe to show: a password in it never reaches output or an error message.
// The same rule as app/database-url.ts, kept here because storage must not import app and
// every PostgreSQL error that storage words names the database it could not use.

/** The URL with any password replaced by ***, whether or not it parses. */
export function maskedUrl(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:]*):[^/]*@/i, '$1:***@').replace(/([?&]password=)[^&]*/gi, '$1***');
}
