/*
 * CSV files for people who open them in a spreadsheet on a German desktop: semicolons, CRLF, a byte-order
 * mark so umlauts read correctly, and cells a spreadsheet would run as a formula defused.
 */

/** One cell; quotes are doubled (RFC 4180) and a leading =, +, -, @ or control character is neutralised. */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvDocument(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  const lines = [header, ...rows].map((cells) => cells.map(csvCell).join(';'));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
