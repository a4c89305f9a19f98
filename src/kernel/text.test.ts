import { describe, expect, it } from 'vitest';
import { normaliseEmail, optionalText, slugOf } from './text.ts';

/** An address of exactly `length` characters whose domain labels stay within 63 characters each. */
function longAddress(length: number): string {
  const local = 'a'.repeat(64);
  const rest = length - local.length - 1 - '.de'.length;
  const labels = ['b'.repeat(63), 'c'.repeat(63), 'd'.repeat(rest - 2 * 64)];
  return `${local}@${labels.join('.')}.de`;
}

describe('normaliseEmail', () => {
  it('trims and lower-cases an address', () => {
    expect(normaliseEmail('  Ada.Lovelace@Example.ORG ')).toBe('ada.lovelace@example.org');
  });

  it.each([
    ['nothing', undefined],
    ['null', null],
    ['blank', '   '],
    ['no domain', 'kaputt@'],
    ['no at sign', 'ada.example.org'],
    ['a domain without a dot', 'ada@localhost'],
    ['a domain ending in a dot', 'ada@example.'],
    ['spaces inside', 'ada lovelace@example.org'],
    ['more than 254 characters', longAddress(255)],
  ])('refuses %s', (_label, raw) => {
    expect(normaliseEmail(raw)).toBeNull();
  });

  it('accepts a long address up to the limit of 254 characters', () => {
    expect(normaliseEmail(longAddress(254))).toHaveLength(254);
  });
});

describe('optionalText', () => {
  it('stores blank input as not given and trims the rest', () => {
    expect(optionalText('  ')).toBeNull();
    expect(optionalText(undefined)).toBeNull();
    expect(optionalText(' Markt 1 ')).toBe('Markt 1');
  });
});

describe('slugOf', () => {
  it('writes umlauts out, drops other accents, joins the rest with single hyphens and cuts at a word', () => {
    expect(slugOf('Repair-Café Lövenich e. V.', 70)).toBe('repair-cafe-loevenich-e-v');
    expect(slugOf('  Übermittlungssperren – Größe & Straße  ', 80)).toBe('uebermittlungssperren-groesse-strasse');
    expect(slugOf('Hund anmelden (Hundesteuer)', 12)).toBe('hund-anmelde');
    expect(slugOf('Hund anmelden', 5)).toBe('hund');
    expect(slugOf('!!!', 10)).toBe('');
  });
});

