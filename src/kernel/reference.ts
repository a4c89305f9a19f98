import crypto from 'node:crypto';

/*
 * Case references a person reads out over the phone or types from a letter: `A-7K3M-Q9TX-4`. A prefix
 * names the kind of case (1–4 letters), eight random characters make the body, in groups of four, and a
 * check character closes it, so a misheard or mistyped reference is caught before anything is looked up.
 *
 * The alphabet leaves out what is read or heard as something else: 0 and O, 1, I and L, U and V. It has
 * 29 characters, a prime, which lets the check character follow ISO 7064's pure systems (as MOD 11-2 and
 * MOD 37-2 do) with modulus 29 and radix 2: every character is weighted by a power of 2 modulo 29. All
 * weights differ from zero and from their neighbours', so any single wrong character and any swap of two
 * neighbours, the check character included, changes the sum and is detected.
 *
 * Characters outside the alphabet are refused, never guessed: a reference never contains 0, 1, O, I, L, U or
 * V, and since the alphabet holds neither member of each confusable pair, there is no character they could
 * stand for with certainty. `parseReference` answers `format` for them, always, and the person reads again.
 */

export const referenceAlphabet = '23456789ABCDEFGHJKMNPQRSTWXYZ';

const modulus = referenceAlphabet.length;
const bodyLength = 8;
const prefixPattern = /^[A-Z]{1,4}$/;

/** Where the random characters come from; `node:crypto` in use, a fixed sequence in a test. */
export interface RandomSource {
  randomInt(max: number): number;
}

/** The check character of a body of alphabet characters. */
export function checkCharacter(body: string): string {
  let sum = 0;
  for (const character of body) {
    const value = referenceAlphabet.indexOf(character);
    if (value < 0) throw new Error(`Not a reference character: ${character}`);
    sum = ((sum + value) * 2) % modulus;
  }
  return referenceAlphabet[(modulus + 1 - sum) % modulus]!;
}

function format(prefix: string, body: string): string {
  return `${prefix}-${body.slice(0, 4)}-${body.slice(4)}-${checkCharacter(body)}`;
}

/**
 * A new reference with the given prefix (`A` → `A-7K3M-Q9TX-4`). 29⁸ (about 500 billion) bodies leave
 * collisions rare, not impossible: the table that keeps references holds them unique, and the caller draws
 * again when one is taken.
 */
export function newReference(prefix: string, random: RandomSource = crypto): string {
  if (!prefixPattern.test(prefix)) throw new Error(`A reference prefix is 1 to 4 capital letters, not "${prefix}"`);
  let body = '';
  // randomInt draws without the bias a byte modulo 29 would have.
  for (let index = 0; index < bodyLength; index += 1) body += referenceAlphabet[random.randomInt(modulus)]!;
  return format(prefix, body);
}

export type ParsedReference = { ok: true; reference: string; prefix: string } | { ok: false; reason: 'format' | 'check' };

/**
 * A reference as a person types it, in its written form (`A-7K3M-Q9TX-4`): lower case, spaces, and
 * hyphens missing or in other places are taken. `format` when it cannot be a reference (wrong length,
 * a character outside the alphabet), `check` when the check character does not match its body.
 */
export function parseReference(input: string): ParsedReference {
  // Longer than any spacing of a reference: not worth reading on.
  if (input.length > 60) return { ok: false, reason: 'format' };
  // Only a–z are upper-cased: "ß" or a dotless "ı" would otherwise turn into letters nobody typed.
  const compact = input.replace(/[\s\u00a0\u202f\-‐‑‒–—]/g, '').replace(/[a-z]/g, (letter) => letter.toUpperCase());
  const prefixLength = compact.length - bodyLength - 1;
  if (prefixLength < 1) return { ok: false, reason: 'format' };
  const prefix = compact.slice(0, prefixLength);
  const body = compact.slice(prefixLength, -1);
  const check = compact.slice(-1);
  if (!prefixPattern.test(prefix)) return { ok: false, reason: 'format' };
  if (![...body, check].every((character) => referenceAlphabet.includes(character))) return { ok: false, reason: 'format' };
  if (checkCharacter(body) !== check) return { ok: false, reason: 'check' };
  return { ok: true, reference: format(prefix, body), prefix };
}
