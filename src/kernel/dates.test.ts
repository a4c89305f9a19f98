import { describe, expect, it } from 'vitest';
import { dayProblemMessage, formatDay, parseDay } from './dates.ts';
import { createI18n } from './i18n/i18n.ts';
import de from './i18n/locales/de.json' with { type: 'json' };
import en from './i18n/locales/en.json' with { type: 'json' };

const i18n = await createI18n({ kernel: { de, en } });
const german = i18n.getFixedT('de');
const english = i18n.getFixedT('en');

describe('12.22 reading a typed date', () => {
  it('12.22 accepts the ways people write a day, and what a date picker sends', () => {
    for (const typed of ['01.12.2026', '1.12.2026', '01.12.26', '1.12.26', ' 01.12.2026 ', '2026-12-01']) {
      expect(parseDay(typed), typed).toEqual({ ok: true, day: '2026-12-01' });
    }
    expect(parseDay('29.2.2028')).toEqual({ ok: true, day: '2028-02-29' });
    expect(parseDay('31.12.99')).toEqual({ ok: true, day: '2099-12-31' });
  });

  it('12.22 refuses impossible days and says exactly why, in both languages', () => {
    const february = parseDay('31.02.2026');
    expect(february).toEqual({ ok: false, reason: 'no-such-day', day: 31, month: 2, year: 2026, daysInMonth: 28 });
    if (february.ok) throw new Error('31.02.2026 was accepted');
    expect(dayProblemMessage(german, february)).toBe('Den 31.02.2026 gibt es nicht: Der Februar 2026 hat 28 Tage.');
    expect(dayProblemMessage(english, february)).toBe('There is no 31.02.2026: February 2026 has 28 days.');

    const picker = parseDay('2026-04-31');
    if (picker.ok) throw new Error('2026-04-31 was accepted');
    expect(dayProblemMessage(german, picker)).toBe('Den 31.04.2026 gibt es nicht: Der April 2026 hat 30 Tage.');
    expect(parseDay('29.02.2027')).toMatchObject({ ok: false, reason: 'no-such-day', daysInMonth: 28 });
    expect(parseDay('00.01.2026')).toMatchObject({ ok: false, reason: 'no-such-day' });

    const month = parseDay('01.13.2026');
    if (month.ok) throw new Error('month 13 was accepted');
    expect(dayProblemMessage(german, month)).toContain('Einen Monat 13 gibt es nicht.');

    const year = parseDay('01.12.0026');
    expect(year).toEqual({ ok: false, reason: 'no-such-year', year: 26 });
    if (!year.ok) expect(dayProblemMessage(german, year)).toContain('Das Jahr 26 kann hier nicht gemeint sein.');
    expect(parseDay('01.01.2200')).toMatchObject({ ok: false, reason: 'no-such-year' });
    expect(parseDay('31.12.2199')).toEqual({ ok: true, day: '2199-12-31' });

    for (const typed of ['', '2026', '1.12', '01/12/2026', '01.12.202', 'morgen', '01.12.2026x', '2026-1-1']) {
      const result = parseDay(typed);
      expect(result, typed).toEqual({ ok: false, reason: 'format' });
      if (!result.ok) expect(dayProblemMessage(german, result)).toBe('Bitte geben Sie das Datum als Tag, Monat und Jahr mit Punkten an, zum Beispiel 01.12.2026.');
    }
  });

  it('12.22 shows a day the German way and leaves anything typed as it was', () => {
    expect(formatDay('2026-12-01')).toBe('01.12.2026');
    expect(formatDay('31.02.2026')).toBe('31.02.2026');
    expect(formatDay('kaputt')).toBe('kaputt');
  });
});
