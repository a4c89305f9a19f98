import type { IbanDef } from './fields.ts';
import { cleanText, fail, single, type Parsed } from './text.ts';

/*
 * The length of an IBAN in each country that has one (ISO 13616, the SWIFT IBAN registry). A length that
 * does not fit the country is the most common slip after the check digits (a digit left out), and says
 * more than "not valid".
 */
const lengths: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28,
  CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18,
  FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HN: 28, HR: 21, HU: 28,
  IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20,
  LU: 20, LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28,
  NL: 18, NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24,
  SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26,
  UA: 29, VA: 22, VG: 24, XK: 20, YE: 30,
};

export type IbanProblem =
  | { reason: 'iban-format' }
  | { reason: 'iban-country'; country: string }
  | { reason: 'iban-length'; country: string; expected: number; length: number }
  | { reason: 'iban-check' };

/** ISO 7064 MOD 97-10 over the IBAN with its first four characters moved to the end, letters as 10–35. */
function remainder(iban: string): number {
  let rest = 0;
  for (const character of iban.slice(4) + iban.slice(0, 4)) {
    const value = Number.parseInt(character, 36);
    rest = (value > 9 ? rest * 100 + value : rest * 10 + value) % 97;
  }
  return rest;
}

/**
 * An IBAN as people type or paste it (`de89 3704 0044 0532 0130 00`), compact and upper case
 * (`DE89370400440532013000`), or why not: no IBAN at all, a country without IBANs, a length that does not
 * fit the country, or check digits that do not match (a mistyped or swapped digit).
 */
export function parseIban(text: string): { ok: true; iban: string } | ({ ok: false } & IbanProblem) {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '').toUpperCase();
  const parts = /^([A-Z]{2})(\d{2})[A-Z0-9]+$/.exec(compact);
  if (!parts || compact.length > 34) return { ok: false, reason: 'iban-format' };
  const country = parts[1]!;
  const expected = lengths[country];
  if (expected === undefined) return { ok: false, reason: 'iban-country', country };
  if (compact.length !== expected) return { ok: false, reason: 'iban-length', country, expected, length: compact.length };
  if (remainder(compact) !== 1) return { ok: false, reason: 'iban-check' };
  return { ok: true, iban: compact };
}

/** A compact IBAN in groups of four, as it is printed on cards and statements: `DE89 3704 0044 0532 0130 00`. */
export function formatIban(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, '$1 ');
}

export function parseIbanField(field: IbanDef, input: unknown): Parsed<string | null> {
  const taken = single(input);
  if (!taken.ok) return taken;
  const text = cleanText(taken.value, false);
  if (text === '') return field.required ? fail('required') : { ok: true, value: null };
  // An IBAN has at most 34 characters; a value far longer is no IBAN and need not be scanned.
  if (text.length > 100) return fail('iban-format');
  const parsed = parseIban(text);
  if (parsed.ok) return { ok: true, value: parsed.iban };
  switch (parsed.reason) {
    case 'iban-country':
      return fail(parsed.reason, { country: parsed.country });
    case 'iban-length':
      return fail(parsed.reason, { country: parsed.country, expected: parsed.expected, length: parsed.length });
    case 'iban-format':
    case 'iban-check':
      return fail(parsed.reason);
  }
}
