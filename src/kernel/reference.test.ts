import { describe, expect, it } from 'vitest';
import { checkCharacter, newReference, parseReference, referenceAlphabet, type RandomSource } from './reference.ts';

/** A source that yields the given numbers in turn, so a reference can be known in advance. */
function sequence(...numbers: number[]): RandomSource {
  let next = 0;
  return { randomInt: (max) => numbers[next++ % numbers.length]! % max };
}

const shape = /^[A-Z]{1,4}-[23456789ABCDEFGHJKMNPQRSTWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTWXYZ]$/;

describe('the reference alphabet', () => {
  it('has no characters that are read or heard as others, and a prime number of them', () => {
    for (const confusable of '01OILUV') expect(referenceAlphabet).not.toContain(confusable);
    expect(new Set(referenceAlphabet).size).toBe(referenceAlphabet.length);
    expect(referenceAlphabet.length).toBe(29);
  });
});

describe('new references', () => {
  it('are the prefix, eight random characters in groups of four and a check character', () => {
    const reference = newReference('A', sequence(5, 17, 1, 18, 21, 7, 24, 26));
    expect(reference).toBe(`A-7K3M-Q9TX-${checkCharacter('7K3MQ9TX')}`);
    expect(reference).toMatch(shape);
    expect(parseReference(reference)).toEqual({ ok: true, reference, prefix: 'A' });
  });

  it('draw from the whole alphabet with the platform’s random numbers, each one valid', () => {
    const seen = new Set<string>();
    const references = Array.from({ length: 2000 }, () => newReference('BF'));
    for (const reference of references) {
      expect(reference).toMatch(shape);
      expect(parseReference(reference)).toMatchObject({ ok: true, reference });
      for (const character of reference.slice(3).replace(/-/g, '')) seen.add(character);
    }
    expect(seen.size).toBe(29);
    expect(new Set(references).size).toBe(references.length);
  });

  it('refuse a prefix that is not 1 to 4 capital letters', () => {
    for (const prefix of ['', 'a', 'ABCDE', 'A1', 'Ä', 'A-B']) expect(() => newReference(prefix), prefix).toThrow(/prefix/);
  });
});

describe('reading a reference', () => {
  const reference = newReference('A', sequence(5, 17, 1, 18, 21, 7, 24, 26));
  const compact = reference.replace(/-/g, '');

  it('takes lower case, spaces and missing or other hyphens', () => {
    for (const typed of [reference, reference.toLowerCase(), compact, compact.toLowerCase(), ` ${reference.replace(/-/g, ' ')} `, 'a 7k3m q9tx ' + reference.slice(-1), 'A–7K3M–Q9TX–' + reference.slice(-1), 'A-7K3MQ9TX' + reference.slice(-1)]) {
      expect(parseReference(typed), typed).toEqual({ ok: true, reference, prefix: 'A' });
    }
  });

  it('notices every single wrong character, at every position, check character included', () => {
    for (let position = 0; position < 9; position += 1) {
      for (const replacement of referenceAlphabet) {
        if (replacement === compact[position + 1]) continue;
        const typed = compact.slice(0, position + 1) + replacement + compact.slice(position + 2);
        expect(parseReference(typed), typed).toEqual({ ok: false, reason: 'check' });
      }
    }
  });

  it('notices every swap of two neighbours, the check character included', () => {
    const characters = [...compact];
    let swaps = 0;
    for (let position = 1; position < characters.length - 1; position += 1) {
      const swapped = [...characters];
      [swapped[position], swapped[position + 1]] = [swapped[position + 1]!, swapped[position]!];
      if (swapped[position] === swapped[position + 1]) continue;
      swaps += 1;
      expect(parseReference(swapped.join('')), swapped.join('')).toEqual({ ok: false, reason: 'check' });
    }
    expect(swaps).toBe(8);
  });

  it('notices every single wrong character and neighbour swap of any body, by the check character alone', () => {
    // Over many bodies, every position and every pair of distinct neighbouring values.
    const bodies = Array.from({ length: 200 }, () => newReference('A').slice(2, 11).replace('-', ''));
    for (const body of bodies) {
      const check = checkCharacter(body);
      for (let position = 0; position < body.length; position += 1) {
        for (const replacement of referenceAlphabet) {
          if (replacement !== body[position]) expect(checkCharacter(body.slice(0, position) + replacement + body.slice(position + 1))).not.toBe(check);
        }
        if (position + 1 < body.length && body[position] !== body[position + 1]) {
          expect(checkCharacter(body.slice(0, position) + body[position + 1] + body[position] + body.slice(position + 2))).not.toBe(check);
        }
      }
    }
  });

  it('refuses a character outside the alphabet every time, rather than guessing what was meant', () => {
    for (const confusable of ['0', 'O', 'o', '1', 'I', 'i', 'L', 'l', 'U', 'V']) {
      expect(parseReference(`A-7K3M-Q9T${confusable}-4`), confusable).toEqual({ ok: false, reason: 'format' });
      expect(parseReference(`A-${confusable}K3M-Q9TX-4`), confusable).toEqual({ ok: false, reason: 'format' });
    }
  });

  it('refuses what cannot be a reference at all', () => {
    for (const typed of ['', '   ', 'A', 'A-7K3M-Q9TX', '7K3MQ9TX4', 'ABCDE-7K3M-Q9TX-4', '1-7K3M-Q9TX-4', 'Ä-7K3M-Q9TX-4', 'A-7K3M-Q9TX-4;DROP', 'A-7K3M-Q9TX-ß', `A-${'7'.repeat(100)}`, 'A_7K3M_Q9TX_4', 'A.7K3M.Q9TX.4']) {
      expect(parseReference(typed), typed).toEqual({ ok: false, reason: 'format' });
    }
  });
});
