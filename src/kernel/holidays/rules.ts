/*
 * The statutory public holidays of the sixteen German states, as rules rather than lists, so the calendar
 * never runs out. Holidays are state law (each state's Sonn- und Feiertagsgesetz); only the Tag der
 * Deutschen Einheit is also federal (Einigungsvertrag Art. 2 Abs. 2). Nationwide, the Buß- und Bettag
 * ended in 1995 (it paid for the care insurance) and stayed in Saxony alone; the rules hold from then on.
 * Sundays that are holidays matter only where a state's law names them (Brandenburg's Easter and Whit
 * Sunday); offices are closed on Sundays anyway.
 */

export const stateCodes = ['BW', 'BY', 'BE', 'BB', 'HB', 'HH', 'HE', 'MV', 'NI', 'NW', 'RP', 'SL', 'SN', 'ST', 'SH', 'TH'] as const;
export type StateCode = (typeof stateCodes)[number];

/** When a holiday falls in a year: a fixed day, days from Easter Sunday, or the Wednesday before 23 November. */
export type DayRule = { month: number; day: number } | { easter: number } | { wednesdayBefore: { month: number; day: number } };

export interface HolidayRule {
  /** Stable id; its name in words is `kernel:holidays.names.<id>`. */
  id: string;
  on: DayRule;
  /** The states whose law makes the day a holiday everywhere in the state. */
  states: readonly StateCode[] | 'all';
  /** First and last year the rule holds; open when absent. */
  from?: number;
  until?: number;
  /** A one-off holiday: only in these years. */
  years?: readonly number[];
  /** Legal basis, for whoever checks the rule. */
  basis: string;
}

/**
 * A holiday that a state's law gives only some of its municipalities (by their religious majority, or one
 * city). Which one applies cannot be derived from the state, so an installation names it (`HOLIDAY_REGIONAL`).
 */
export interface RegionalHolidayRule {
  id: string;
  on: DayRule;
  state: StateCode;
  /** Where the day is a holiday, for the operator choosing it. */
  where: string;
  basis: string;
}

const fixed = (month: number, day: number): DayRule => ({ month, day });
const easter = (offset: number): DayRule => ({ easter: offset });

export const holidayRules: readonly HolidayRule[] = [
  { id: 'neujahr', on: fixed(1, 1), states: 'all', basis: 'Feiertagsgesetze aller Länder' },
  { id: 'heilige-drei-koenige', on: fixed(1, 6), states: ['BW', 'BY', 'ST'], basis: 'Feiertagsgesetze BW, BY, ST' },
  // Berlin since 2019, Mecklenburg-Vorpommern since 2023.
  { id: 'frauentag', on: fixed(3, 8), states: ['BE'], from: 2019, basis: 'Feiertagsgesetz BE' },
  { id: 'frauentag', on: fixed(3, 8), states: ['MV'], from: 2023, basis: 'Feiertagsgesetz MV' },
  { id: 'karfreitag', on: easter(-2), states: 'all', basis: 'Feiertagsgesetze aller Länder' },
  { id: 'ostersonntag', on: easter(0), states: ['BB'], basis: 'Feiertagsgesetz BB' },
  { id: 'ostermontag', on: easter(1), states: 'all', basis: 'Feiertagsgesetze aller Länder' },
  { id: 'tag-der-arbeit', on: fixed(5, 1), states: 'all', basis: 'Feiertagsgesetze aller Länder' },
  // Berlin made the anniversaries of 8 May 1945 and of 17 June 1953 one-off holidays by amending its law.
  { id: 'tag-der-befreiung', on: fixed(5, 8), states: ['BE'], years: [2020, 2025], basis: 'Feiertagsgesetz BE, Änderungen für 2020 (75. Jahrestag) und 2025 (80. Jahrestag)' },
  { id: 'christi-himmelfahrt', on: easter(39), states: 'all', basis: 'Feiertagsgesetze aller Länder' },
  { id: 'pfingstsonntag', on: easter(49), states: ['BB'], basis: 'Feiertagsgesetz BB' },
  { id: 'pfingstmontag', on: easter(50), states: 'all', basis: 'Feiertagsgesetze aller Länder' },
  { id: 'fronleichnam', on: easter(60), states: ['BW', 'BY', 'HE', 'NW', 'RP', 'SL'], basis: 'Feiertagsgesetze BW, BY, HE, RP, SL; FeiertG NW § 2 Abs. 1 Nr. 7' },
  { id: 'jahrestag-17-juni', on: fixed(6, 17), states: ['BE'], years: [2028], basis: 'Feiertagsgesetz BE, Änderung für 2028 (75. Jahrestag des Aufstandes vom 17. Juni 1953)' },
  // In Bavaria only in municipalities with a Catholic majority: see regionalHolidayRules.
  { id: 'mariae-himmelfahrt', on: fixed(8, 15), states: ['SL'], basis: 'Feiertagsgesetz SL' },
  { id: 'weltkindertag', on: fixed(9, 20), states: ['TH'], from: 2019, basis: 'Feiertagsgesetz TH' },
  { id: 'tag-der-deutschen-einheit', on: fixed(10, 3), states: 'all', basis: 'Einigungsvertrag Art. 2 Abs. 2 und Feiertagsgesetze aller Länder' },
  { id: 'reformationstag', on: fixed(10, 31), states: ['BB', 'MV', 'SN', 'ST', 'TH'], basis: 'Feiertagsgesetze BB, MV, SN, ST, TH' },
  { id: 'reformationstag', on: fixed(10, 31), states: ['HB', 'HH', 'NI', 'SH'], from: 2018, basis: 'Feiertagsgesetze HB, HH, NI, SH in der Fassung von 2018' },
  // The 500th anniversary of the Reformation was a holiday in every state, once.
  { id: 'reformationstag', on: fixed(10, 31), states: 'all', years: [2017], basis: 'Feiertagsgesetze aller Länder für 2017' },
  { id: 'allerheiligen', on: fixed(11, 1), states: ['BW', 'BY', 'NW', 'RP', 'SL'], basis: 'Feiertagsgesetze BW, BY, RP, SL; FeiertG NW § 2 Abs. 1 Nr. 9' },
  { id: 'buss-und-bettag', on: { wednesdayBefore: { month: 11, day: 23 } }, states: ['SN'], basis: 'Feiertagsgesetz SN' },
  { id: 'buss-und-bettag', on: { wednesdayBefore: { month: 11, day: 23 } }, states: 'all', until: 1994, basis: 'bis 1994 in allen Ländern' },
  { id: 'weihnachtstag-1', on: fixed(12, 25), states: 'all', basis: 'Feiertagsgesetze aller Länder' },
  { id: 'weihnachtstag-2', on: fixed(12, 26), states: 'all', basis: 'Feiertagsgesetze aller Länder' },
];

export const regionalHolidayRules: readonly RegionalHolidayRule[] = [
  // Bavaria's law makes Mariä Himmelfahrt a holiday in municipalities with more Catholic than Protestant
  // inhabitants (most of them, as the Landesamt für Statistik publishes after each census), not statewide.
  { id: 'mariae-himmelfahrt', on: fixed(8, 15), state: 'BY', where: 'Gemeinden mit überwiegend katholischer Bevölkerung', basis: 'Feiertagsgesetz BY Art. 1 Abs. 1 Nr. 2' },
  { id: 'augsburger-friedensfest', on: fixed(8, 8), state: 'BY', where: 'Stadt Augsburg', basis: 'Feiertagsgesetz BY Art. 1 Abs. 2' },
  { id: 'fronleichnam', on: easter(60), state: 'SN', where: 'katholisch geprägte Gemeinden im sorbischen Siedlungsgebiet (Landkreis Bautzen)', basis: 'Feiertagsgesetz SN mit der Verordnung über den Fronleichnamstag' },
  { id: 'fronleichnam', on: easter(60), state: 'TH', where: 'Gemeinden mit überwiegend katholischer Bevölkerung (Eichsfeld, Teile des Unstrut-Hainich- und des Wartburgkreises)', basis: 'Feiertagsgesetz TH § 2 Abs. 2' },
];

/** The regional holidays an installation in the state may name in `HOLIDAY_REGIONAL`. */
export function regionalHolidaysOf(state: StateCode): readonly RegionalHolidayRule[] {
  return regionalHolidayRules.filter((rule) => rule.state === state);
}

/**
 * Days that are no holiday but that people, and offices, go by: carnival in the Rhineland, Christmas Eve and
 * New Year's Eve. An office can name them as its closing days. `words` are the spellings an editor may type
 * (lower case); the first is how the platform writes the day back.
 */
export const namedDays = [
  { id: 'weiberfastnacht', on: easter(-52), words: ['weiberfastnacht', 'altweiber', 'altweiberdonnerstag', 'weiberdonnerstag', 'fettdonnerstag'] },
  { id: 'rosenmontag', on: easter(-48), words: ['rosenmontag'] },
  { id: 'fastnachtsdienstag', on: easter(-47), words: ['fastnachtsdienstag', 'veilchendienstag', 'faschingsdienstag'] },
  { id: 'aschermittwoch', on: easter(-46), words: ['aschermittwoch'] },
  { id: 'heiligabend', on: fixed(12, 24), words: ['heiligabend', 'heiliger abend'] },
  { id: 'silvester', on: fixed(12, 31), words: ['silvester'] },
] as const satisfies readonly { id: string; on: DayRule; words: readonly string[] }[];

export type NamedDayId = (typeof namedDays)[number]['id'];
export const namedDayIds: readonly NamedDayId[] = namedDays.map((day) => day.id);
