import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import de from '../i18n/locales/de.json' with { type: 'json' };
import en from '../i18n/locales/en.json' with { type: 'json' };
import { easterSunday, holidayCalendar, holidaysFor, namedDayDate, namedDayOf, namedDayOn, namedDayWord, stateCodes, type StateCode } from './holidays.ts';
import { holidayRules, namedDayIds, regionalHolidayRules } from './rules.ts';

const idOn = (state: StateCode, date: string, regional: string[] = []) => holidayCalendar(state, regional).on(date)?.id;
const datesOf = (state: StateCode, year: number, regional: string[] = []) => holidayCalendar(state, regional).inYear(year).map((holiday) => `${holiday.date} ${holiday.id}`);

describe('Easter and the days counted from it', () => {
  it('computes Easter Sunday (check values of the rule set)', () => {
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2038)).toBe('2038-04-25');
  });

  it('puts Good Friday, Easter Monday, Ascension, Whit Monday and Corpus Christi where they fell in 2025 to 2027', () => {
    const expected = {
      2025: ['2025-04-18', '2025-04-21', '2025-05-29', '2025-06-09', '2025-06-19'],
      2026: ['2026-04-03', '2026-04-06', '2026-05-14', '2026-05-25', '2026-06-04'],
      2027: ['2027-03-26', '2027-03-29', '2027-05-06', '2027-05-17', '2027-05-27'],
    };
    for (const [year, dates] of Object.entries(expected)) {
      expect(dates.map((date) => idOn('NW', date)), year).toEqual(['karfreitag', 'ostermontag', 'christi-himmelfahrt', 'pfingstmontag', 'fronleichnam']);
    }
  });

  it('never runs out: the rules give the holidays of any year', () => {
    expect(idOn('NW', '2100-12-25')).toBe('weihnachtstag-1');
    expect(easterSunday(2100)).toBe('2100-03-28');
    expect(idOn('NW', '2100-05-27')).toBe('fronleichnam');
  });
});

describe('the holidays of each state', () => {
  it('gives North Rhine-Westphalia the eleven days of § 2 FeiertG NW', () => {
    expect(datesOf('NW', 2026)).toEqual([
      '2026-01-01 neujahr',
      '2026-04-03 karfreitag',
      '2026-04-06 ostermontag',
      '2026-05-01 tag-der-arbeit',
      '2026-05-14 christi-himmelfahrt',
      '2026-05-25 pfingstmontag',
      '2026-06-04 fronleichnam',
      '2026-10-03 tag-der-deutschen-einheit',
      '2026-11-01 allerheiligen',
      '2026-12-25 weihnachtstag-1',
      '2026-12-26 weihnachtstag-2',
    ]);
    // Holidays elsewhere, and carnival, are working days in NRW.
    for (const date of ['2026-01-06', '2026-03-09', '2026-08-15', '2026-10-31', '2026-11-18', '2026-02-16']) expect(idOn('NW', date), date).toBeUndefined();
  });

  it('counts as many holidays in 2026 as each state’s law names', () => {
    const counts = Object.fromEntries(stateCodes.map((state) => [state, holidayCalendar(state).inYear(2026).length]));
    expect(counts).toEqual({ BW: 12, BY: 12, BE: 10, BB: 12, HB: 10, HH: 10, HE: 10, MV: 11, NI: 10, NW: 11, RP: 11, SL: 12, SN: 11, ST: 11, SH: 10, TH: 11 });
  });

  it('has Corpus Christi in North Rhine-Westphalia but not in Lower Saxony, which has Reformation Day since 2018', () => {
    expect(idOn('NW', '2026-06-04')).toBe('fronleichnam');
    expect(idOn('NI', '2026-06-04')).toBeUndefined();
    expect(idOn('NI', '2026-10-31')).toBe('reformationstag');
    expect(idOn('NI', '2016-10-31')).toBeUndefined();
    expect(idOn('NW', '2026-10-31')).toBeUndefined();
  });

  it('keeps the Day of Repentance and Prayer in Saxony only: the Wednesday before 23 November', () => {
    expect(['2025-11-19', '2026-11-18', '2027-11-17', '2028-11-22'].map((date) => idOn('SN', date))).toEqual(['buss-und-bettag', 'buss-und-bettag', 'buss-und-bettag', 'buss-und-bettag']);
    expect(idOn('NW', '2026-11-18')).toBeUndefined();
    expect(idOn('TH', '2026-11-18')).toBeUndefined();
    expect(idOn('SN', '2026-10-31')).toBe('reformationstag');
  });

  it('gives Epiphany to Baden-Württemberg, Bavaria and Saxony-Anhalt', () => {
    expect(stateCodes.filter((state) => idOn(state, '2027-01-06') === 'heilige-drei-koenige')).toEqual(['BW', 'BY', 'ST']);
  });

  it('gives International Women’s Day to Berlin since 2019 and to Mecklenburg-Western Pomerania since 2023', () => {
    expect(stateCodes.filter((state) => idOn(state, '2026-03-08') === 'frauentag')).toEqual(['BE', 'MV']);
    expect(idOn('BE', '2019-03-08')).toBe('frauentag');
    expect(idOn('BE', '2018-03-08')).toBeUndefined();
    expect(idOn('MV', '2022-03-08')).toBeUndefined();
    expect(idOn('MV', '2023-03-08')).toBe('frauentag');
  });

  it('has Berlin’s one-off days: 8 May in 2020 and 2025, 17 June in 2028', () => {
    expect(idOn('BE', '2020-05-08')).toBe('tag-der-befreiung');
    expect(idOn('BE', '2025-05-08')).toBe('tag-der-befreiung');
    expect(idOn('BE', '2026-05-08')).toBeUndefined();
    expect(idOn('BB', '2025-05-08')).toBeUndefined();
    expect(idOn('BE', '2028-06-17')).toBe('jahrestag-17-juni');
    expect(idOn('BE', '2027-06-17')).toBeUndefined();
  });

  it('gives Reformation Day to every state in 2017 only, once each', () => {
    for (const state of stateCodes) expect(idOn(state, '2017-10-31'), state).toBe('reformationstag');
    expect(datesOf('SN', 2017).filter((entry) => entry.endsWith('reformationstag'))).toEqual(['2017-10-31 reformationstag']);
    expect(idOn('NW', '2018-10-31')).toBeUndefined();
  });

  it('gives Thuringia World Children’s Day since 2019, and Brandenburg its Easter and Whit Sundays', () => {
    expect(idOn('TH', '2026-09-20')).toBe('weltkindertag');
    expect(idOn('TH', '2018-09-20')).toBeUndefined();
    expect(idOn('BB', '2026-04-05')).toBe('ostersonntag');
    expect(idOn('BB', '2026-05-24')).toBe('pfingstsonntag');
    expect(idOn('NW', '2026-04-05')).toBeUndefined();
  });

  it('has All Saints’ Day in BW, BY, NW, RP and SL', () => {
    expect(stateCodes.filter((state) => idOn(state, '2026-11-01') === 'allerheiligen')).toEqual(['BW', 'BY', 'NW', 'RP', 'SL']);
  });
});

describe('regional holidays', () => {
  it('makes Assumption Day statewide in Saarland, but in Bavaria only where the installation names it', () => {
    expect(idOn('SL', '2026-08-15')).toBe('mariae-himmelfahrt');
    expect(idOn('BY', '2026-08-15')).toBeUndefined();
    expect(holidayCalendar('BY', ['mariae-himmelfahrt']).on('2026-08-15')).toEqual({ id: 'mariae-himmelfahrt', date: '2026-08-15', regional: true });
    expect(idOn('BY', '2026-08-08', ['mariae-himmelfahrt', 'augsburger-friedensfest'])).toBe('augsburger-friedensfest');
  });

  it('gives Corpus Christi to Saxony and Thuringia only as a regional holiday', () => {
    expect(idOn('SN', '2026-06-04')).toBeUndefined();
    expect(idOn('TH', '2026-06-04', ['fronleichnam'])).toBe('fronleichnam');
  });

  it('refuses a regional holiday the state does not have, in code and in the settings', () => {
    expect(() => holidayCalendar('NW', ['mariae-himmelfahrt'])).toThrow('mariae-himmelfahrt: no regional holiday of NW');
    expect(() => loadConfig({ HOLIDAY_STATE: 'NW', HOLIDAY_REGIONAL: 'mariae-himmelfahrt' })).toThrow(
      'HOLIDAY_REGIONAL names mariae-himmelfahrt, not a regional holiday of NW (NW has none)',
    );
    expect(() => loadConfig({ HOLIDAY_STATE: 'XY' })).toThrow('HOLIDAY_STATE must be one of BW, BY, BE');
    const bavaria = loadConfig({ HOLIDAY_STATE: 'BY', HOLIDAY_REGIONAL: 'Mariae-Himmelfahrt, augsburger-friedensfest' });
    expect(holidaysFor(bavaria).on('2026-08-15')?.id).toBe('mariae-himmelfahrt');
    expect(holidaysFor(loadConfig({})).state).toBe('NW');
  });
});

describe('named days an office may close on', () => {
  it('computes carnival from Easter and knows Christmas Eve and New Year’s Eve', () => {
    expect(namedDayDate('weiberfastnacht', 2026)).toBe('2026-02-12');
    expect(namedDayDate('rosenmontag', 2026)).toBe('2026-02-16');
    expect(namedDayDate('rosenmontag', 2027)).toBe('2027-02-08');
    expect(namedDayDate('heiligabend', 2026)).toBe('2026-12-24');
    expect(namedDayOn('2027-02-08')).toBe('rosenmontag');
    expect(namedDayOn('2026-12-31')).toBe('silvester');
    expect(namedDayOn('2026-12-30')).toBeUndefined();
  });

  it('reads the names people write, whatever their case, and writes one back', () => {
    expect(namedDayOf('Altweiber')).toBe('weiberfastnacht');
    expect(namedDayOf('  ROSENMONTAG ')).toBe('rosenmontag');
    expect(namedDayOf('Heiliger  Abend')).toBe('heiligabend');
    expect(namedDayOf('Rosenmonntag')).toBeUndefined();
    expect(namedDayWord('weiberfastnacht')).toBe('Weiberfastnacht');
  });
});

describe('names in words', () => {
  it('names every holiday, named day and state in German and English', () => {
    const ids = new Set([...holidayRules, ...regionalHolidayRules].map((rule) => rule.id));
    for (const texts of [de, en]) {
      expect(Object.keys(texts.holidays.names).sort()).toEqual([...ids].sort());
      expect(Object.keys(texts.holidays.namedDays).sort()).toEqual([...namedDayIds].sort());
      expect(Object.keys(texts.holidays.states).sort()).toEqual([...stateCodes].sort());
    }
  });
});
