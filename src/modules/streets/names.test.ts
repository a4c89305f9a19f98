import { describe, expect, it } from 'vitest';
import { cleanStreetName, looseKey, streetKey } from './names.ts';

describe('the matching key of a street name', () => {
  it('is the same however people write Straße, umlauts, case, spaces and hyphens', () => {
    const spellings = ['Kölner Straße', 'Kölner Str.', 'Kölner Str', 'koelner strasse', 'KÖLNER STRASSE', 'Kölnerstraße', 'Kölner-Straße', 'Ko\u0308lner Straße', ' Kölner  Str. '];
    for (const spelling of spellings) expect(streetKey(spelling), spelling).toBe('koelnerstr');
    expect(streetKey('Theodor-Körner-Straße')).toBe(streetKey('Theodor Körner Str.'));
    expect(streetKey('Brückstraße')).toBe('brueckstr');
    expect(streetKey('Straße der Einheit')).toBe('strdereinheit');
  });

  it('keeps what tells streets apart: other words, a "Str" that starts a longer word, accents as letters', () => {
    expect(streetKey('Neue Straße')).not.toBe(streetKey('Neustraße'));
    expect(streetKey('Strandweg')).toBe('strandweg');
    expect(streetKey('Straßburger Allee')).toBe('strassburgerallee');
    expect(streetKey('Rue de Liège')).toBe('ruedeliege');
    expect(streetKey('An der B 57')).toBe('anderb57');
    expect(streetKey('!!! ---')).toBe('');
  });

  it('has a loose form for names typed without their umlauts', () => {
    expect(looseKey(streetKey('Lövenicher Weg'))).toBe(looseKey(streetKey('Lovenicher Weg')));
    expect(looseKey(streetKey('Kückhovener Dorfstraße'))).toBe('kuckhovenerdorfstr');
  });

  it('stores names composed, with single spaces', () => {
    expect(cleanStreetName('  Am\u00a0 Weiher\t')).toBe('Am Weiher');
    expect(cleanStreetName('Ko\u0308lner Straße')).toBe('Kölner Straße');
  });
});
