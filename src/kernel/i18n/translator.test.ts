import { describe, expect, it } from 'vitest';
import { createI18n, translator } from './i18n.ts';

describe('the translator pages use', () => {
  it('answers as i18next does, for every language and every set of values, and the same function per language', async () => {
    const i18n = await createI18n({
      kernel: {
        de: { greeting: 'Guten Tag, {{name}}', plain: 'Rathaus', count_one: '{{count}} Treffer', count_other: '{{count}} Treffer insgesamt', list: ['a', 'b'] },
        en: { greeting: 'Good day, {{name}}', plain: 'Town hall', count_one: '{{count}} hit', count_other: '{{count}} hits' },
      },
    });
    const de = translator(i18n, 'de');
    const en = translator(i18n, 'en');
    expect(translator(i18n, 'de')).toBe(de);
    expect(de('plain')).toBe('Rathaus');
    expect(de('plain')).toBe('Rathaus');
    expect(en('plain')).toBe('Town hall');
    expect(de('greeting', { name: 'Anna' })).toBe('Guten Tag, Anna');
    expect(de('greeting', { name: 'Ben' })).toBe('Guten Tag, Ben');
    expect(en('count', { count: 1 })).toBe('1 hit');
    expect(en('count', { count: 2 })).toBe('2 hits');
    expect(de('count', { count: 2 })).toBe('2 Treffer insgesamt');
    // English falls back to German where a text is missing, as i18next does.
    expect(en('list', { returnObjects: true })).toEqual(['a', 'b']);
    expect(de(['missing', 'plain'])).toBe('Rathaus');
  });
});
