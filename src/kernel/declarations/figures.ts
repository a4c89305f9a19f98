import { berlinDay } from '../calendar.ts';
import type { Db } from '../db/database.ts';

/*
 * Figures a module computes for statistics and the strategy cockpit, declared in its manifest: what is
 * counted (a definition precise enough to reproduce), in which unit, per month or as it stands now, and the
 * query that yields the numbers from the module's own tables.
 */

/** Units of figures and numeric columns; their names in words are `kernel:units.<unit>`. */
export const units = ['count', 'percent', 'euro', 'days', 'minutes'] as const;
export type Unit = (typeof units)[number];

/** Calendar months in Berlin, `YYYY-MM`, both ends included. */
export interface MonthRange {
  from: string;
  to: string;
}

/** A split of a figure, such as the channel a message went by: its values and their names in words. */
export interface FigureDimension {
  name: string;
  /** i18n key of the dimension's name. */
  label: string;
  /** Each value → i18n key of its name in words. */
  values: Readonly<Record<string, string>>;
}

export interface FigureValue {
  /** `YYYY-MM` for figures per month; absent for figures as they stand now. */
  month?: string;
  /** The value of each of the figure's dimensions. */
  dimensions?: Record<string, string>;
  value: number;
}

export interface FigureDeclaration {
  /** Stable id, `<module>.<name>`. */
  id: string;
  /** i18n key of a short name ("Nachrichten je Weg und Monat"). */
  title: string;
  /** i18n key of the definition: what exactly is counted, so anyone can reproduce the number. */
  definition: string;
  unit: Unit;
  /** `month`: one value per month of the range asked for; `now`: one value as things stand. */
  period: 'month' | 'now';
  dimensions?: readonly FigureDimension[];
  /**
   * One value for every month (when per month) and every combination of dimension values, zeros included,
   * so a chart never has to guess whether a gap means nothing happened.
   */
  values: (db: Db, range: MonthRange) => Promise<FigureValue[]>;
}

export function defineFigure(declaration: FigureDeclaration): FigureDeclaration {
  return declaration;
}

/** Every month of the range, in order. */
export function monthsIn(range: MonthRange): string[] {
  const months: string[] = [];
  for (let month = range.from; month <= range.to; month = nextMonth(month)) months.push(month);
  return months;
}

function nextMonth(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
}

/** The instants the range spans: from Berlin's midnight on the first day to the one after the last month. */
export function rangeInstants(range: MonthRange): { from: Date; to: Date } {
  return { from: berlinDay(`${range.from}-01`).from, to: berlinDay(`${nextMonth(range.to)}-01`).from };
}

/** Every combination of the dimensions' values (one empty combination when there are none). */
export function dimensionCombinations(dimensions: readonly FigureDimension[] = []): Record<string, string>[] {
  return dimensions.reduce<Record<string, string>[]>((combinations, dimension) => combinations.flatMap((combination) => Object.keys(dimension.values).map((value) => ({ ...combination, [dimension.name]: value }))), [{}]);
}

/**
 * A dense series from counted rows: every month of the range times every combination of dimension values,
 * with the counted value where there is one and zero elsewhere. Rows carry `month` and the dimensions by name.
 */
export function densePerMonth(range: MonthRange, dimensions: readonly FigureDimension[] | undefined, rows: readonly (Record<string, string | number> & { month: string; value: number | string })[]): FigureValue[] {
  const key = (month: string, combination: Record<string, string>) => `${month}|${Object.keys(combination).sort().map((name) => `${name}=${combination[name]}`).join('|')}`;
  const counted = new Map(rows.map((row) => [key(row.month, Object.fromEntries((dimensions ?? []).map((dimension) => [dimension.name, String(row[dimension.name])]))), Number(row.value)]));
  return monthsIn(range).flatMap((month) =>
    dimensionCombinations(dimensions).map((combination) => ({ month, ...(dimensions?.length ? { dimensions: combination } : {}), value: counted.get(key(month, combination)) ?? 0 })),
  );
}
