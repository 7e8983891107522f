// CSV cells (RFC 4180) that a spreadsheet opens as data. A text cell starting with =, +, -, @,
// a tab or a carriage return would run as a formula in Excel, LibreOffice and Google Sheets;
// it gets a leading apostrophe, the usual neutraliser (OWASP), which those programs hide.

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell: neutralised if it could start a formula, quoted if it holds ", comma or a line break. */
export function csvText(text: string): string {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One record; every record, the last one too, ends with CRLF. */
export function csvRecord(cells: string[]): string {
  return `${cells.join(',')}\r\n`;
}
