import Format from 'typebox/format';

/**
 * Lower-cases and trims an e-mail address and checks its form; returns null for anything that is not an
 * address mail could be delivered to (a domain without a dot is refused: it reaches no citizen).
 */
export function normaliseEmail(raw: string | undefined | null): string | null {
  const value = (raw ?? '').trim().toLowerCase();
  // The format check a schema's `format: 'email'` runs, without loading the whole schema checker.
  if (value.length > 254 || !Format.IsEmail(value)) return null;
  const domain = value.split('@')[1] ?? '';
  return domain.includes('.') && !domain.endsWith('.') ? value : null;
}

/** Trims and collapses blank input to null, so optional fields store "not given" rather than "". */
export function optionalText(raw: string | undefined | null): string | null {
  const value = (raw ?? '').trim();
  return value === '' ? null : value;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a text can be a record's id: the database refuses to compare a uuid column with anything else. */
export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}

/**
 * A title as the last part of an address: lower case, umlauts written out as German does ("Lövenich" →
 * "loevenich"), other accents dropped, anything else a hyphen, at most `maxLength` characters and never
 * ending in a hyphen. "Repair-Café Lövenich e. V." → "repair-cafe-loevenich-e-v".
 */
export function slugOf(title: string, maxLength: number): string {
  return title
    .toLocaleLowerCase('de-DE')
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
}
