/*
 * German licence plates (FZV): the district's code of one to three letters, one or two letters, one to four
 * digits not starting with 0, and `E` (electric) or `H` (historic) after them. Stored the way the
 * registration certificate prints them, `ERK-AB 123`. The district and the letters must be told apart by a
 * space or a hyphen: `ERAB123` could be `ER-AB 123` or `ERA-B 123`.
 */
const plate = /^([A-ZÄÖÜ]{1,3})(?:\s*-\s*|\s+)([A-Z]{1,2})\s*([1-9][0-9]{0,3})\s?([EH]?)$/u;

/** `erk ab 123`, `ERK-AB123`, `ERK AB 123` → `ERK-AB 123`; null for anything that is no German plate. */
export function normalisePlate(text: string): string | null {
  const parts = plate.exec(text.trim().toUpperCase());
  if (!parts) return null;
  const [, district, letters, digits, suffix] = parts;
  return `${district}-${letters} ${digits}${suffix}`;
}

/** What `normalisePlate` gives, for the answers' JSON Schema. */
export const platePattern = '^[A-ZÄÖÜ]{1,3}-[A-Z]{1,2} [1-9][0-9]{0,3}[EH]?$';
