import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import type { PhoneDef } from './fields.ts';
import { cleanText, fail, single, type Parsed } from './text.ts';

export type PhoneProblem = 'phone-letters' | 'phone-format' | 'phone-too-short' | 'phone-too-long';

/** The country a number without one belongs to: the platform serves German towns. */
const homeCountry = '49';

// E.164 allows at most 15 digits after the plus; fewer than 7 is no reachable number with its area code.
const fewestDigits = 7;
const mostDigits = 15;

/**
 * A telephone number as people in Germany write it, in E.164 (`+492431850`): `02431 85-0`,
 * `(02431) 85 0`, `0171/1234567`, `+49 2431 850`, `+49 (0)2431 850`, `0049 2431 850`. Spaces, hyphens,
 * slashes, dots and brackets are only separators; a number without a country is German. Returns why not
 * otherwise: letters (a name or "Durchwahl" typed into the field), no area code or stray characters, too
 * few or too many digits.
 */
export function parsePhone(text: string): { ok: true; phone: string } | { ok: false; reason: PhoneProblem } {
  if (/\p{L}/u.test(text)) return { ok: false, reason: 'phone-letters' };
  let typed = text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
  const international = typed.startsWith('+') || typed.startsWith('00');
  // "+49 (0)2431" names the trunk zero one dials at home; it is no part of the number from abroad.
  if (international) typed = typed.replace(/\(\s*0\s*\)/g, '');
  if (!/^\+?[\d ()./-]+$/.test(typed)) return { ok: false, reason: 'phone-format' };
  const digits = typed.replace(/\D/g, '');
  let number: string;
  if (typed.startsWith('+')) number = digits;
  else if (digits.startsWith('00')) number = digits.slice(2);
  else if (digits.startsWith('0')) number = homeCountry + digits.slice(1);
  else return { ok: false, reason: 'phone-format' };
  // No country code starts with 0; German numbers written "+49 02431 …" keep a trunk zero by mistake.
  if (number.startsWith(`${homeCountry}0`)) number = homeCountry + number.slice(homeCountry.length + 1);
  if (number.startsWith('0') || number === '') return { ok: false, reason: number === '' ? 'phone-too-short' : 'phone-format' };
  if (number.length < fewestDigits) return { ok: false, reason: 'phone-too-short' };
  if (number.length > mostDigits) return { ok: false, reason: 'phone-too-long' };
  return { ok: true, phone: `+${number}` };
}

export function parsePhoneField(field: PhoneDef, input: unknown): Parsed<string | null> {
  const taken = single(input);
  if (!taken.ok) return taken;
  const text = cleanText(taken.value, false);
  if (text === '') return field.required ? fail('required') : { ok: true, value: null };
  // Nobody writes a telephone number in more than a few dozen characters.
  if (text.length > 60) return fail('phone-too-long');
  const parsed = parsePhone(text);
  return parsed.ok ? { ok: true, value: parsed.phone } : fail(parsed.reason);
}

/**
 * A stored number (E.164) as people read it: a German one in the national way with its area code apart
 * (`02431 850`), one from abroad with its country (`+31 20 123 4567`). Anything the numbering plans do
 * not know is shown as it is stored rather than guessed at.
 */
export function formatPhone(stored: string): string {
  const number = parsePhoneNumberFromString(stored);
  if (!number) return stored;
  if (number.countryCallingCode !== homeCountry) return number.formatInternational();
  // A number the German plan has no pattern for comes back without its trunk zero, which reads as a local one.
  const national = number.formatNational();
  return national.startsWith('0') ? national : stored;
}
