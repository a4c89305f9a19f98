import { describe, expect, it } from 'vitest';
import { spellReference } from './spelling.ts';

describe('spelling a reference for the phone', () => {
  it('spells letters by DIN 5009 and digits as words, group by group', () => {
    expect(spellReference('A-7K3M', 'de')).toBe('A wie Aachen / sieben – K wie Köln – drei – M wie München');
  });

  it('spells in English with the ICAO alphabet', () => {
    expect(spellReference('Q9-X', 'en')).toBe('Q as in Quebec – nine / X as in X-ray');
  });
});
