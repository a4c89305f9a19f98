import type { PublishedField } from '../tables.ts';

/*
 * Which picture a table's preview allows: a chart when one column names the rows (text or a time) and
 * others hold numbers, a map when a column holds geometries. Decided from the published Table Schema, so
 * the same table always gets the same picture, whatever its values happen to be on one page.
 */

export type Cell = string | number | boolean | null | Record<string, unknown> | unknown[];

export interface ChartPlan {
  kind: 'bar' | 'line';
  label: PublishedField;
  /** One chart per numeric column, so no colour has to tell series apart. */
  values: PublishedField[];
}

const timeTypes: readonly PublishedField['type'][] = ['date', 'datetime', 'year', 'yearmonth'];
const numericTypes: readonly PublishedField['type'][] = ['integer', 'number'];
/** More charts than this say less than the table beside them. */
const maxCharts = 3;
/**
 * Names of columns whose numbers name a thing rather than measure it: numbers and ids of records, keys,
 * postcodes. Short words only as a word of their own (`baum_nr`, `id`), long ones also ending a compound
 * (`hausnummer`, `gemeindeschluessel`).
 */
const identifierNames = /(^|_)(id|nr|no|ags|ars|code|plz)$|(nummer|kennung|kennziffer|schluessel|postleitzahl)$/;
/** Coordinates: numbers, but no quantity a chart should compare. */
const coordinateNames = /(^|_)(breitengrad|laengengrad|lat|lon|lng|latitude|longitude|rechtswert|hochwert)$/;
const notQuantity = (field: PublishedField) => identifierNames.test(field.name) || coordinateNames.test(field.name);

/**
 * An integer column that identifies rather than counts: named as an identifier, or a key of the table
 * (its primary key, or declared unique). Its numbers are written as they are (900001, not 900.001), since
 * a reader copies and looks them up; a measure keeps its thousands separators.
 */
export function isIdentifier(field: PublishedField, primaryKey: readonly string[] = []): boolean {
  if (field.type !== 'integer') return false;
  return identifierNames.test(field.name) || field.constraints?.unique === true || primaryKey.includes(field.name);
}

/**
 * A chart when each row has a name of its own (a district, a year) and numbers that measure or count; a
 * table whose rows share their names (operator, status) is a list of things, which a chart would misstate.
 */
export function planChart(fields: readonly PublishedField[], records: readonly Record<string, Cell>[]): ChartPlan | null {
  if (records.length < 2) return null;
  const distinct = (field: PublishedField) => new Set(records.map((record) => JSON.stringify(record[field.name] ?? null))).size === records.length;
  const label = fields.find((field) => (field.type === 'string' || timeTypes.includes(field.type)) && !notQuantity(field) && distinct(field));
  const values = fields.filter((field) => numericTypes.includes(field.type) && !field.constraints?.unique && !notQuantity(field)).slice(0, maxCharts);
  if (!label || values.length === 0) return null;
  return { kind: timeTypes.includes(label.type) ? 'line' : 'bar', label, values };
}

/** A time as a number to order by: a year as it is, a date or instant by its moment; null when it is none. */
function timeOf(cell: Cell | undefined): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  if (typeof cell !== 'string' || cell.trim() === '') return null;
  // A year-month (`2024-03`) reads as its first day; a time without a zone as UTC, so all compare alike.
  const moment = Date.parse(/^\d{4}-\d{2}$/.test(cell) ? `${cell}-01` : cell);
  return Number.isNaN(moment) ? null : moment;
}

/**
 * The rows in the order their chart draws them: a line runs along its time axis, earliest first, whatever
 * order the table has (rows without a time at the end); bars keep the table's order, which the reader chose.
 */
export function chartRows<T extends Record<string, Cell>>(plan: ChartPlan, records: readonly T[]): T[] {
  if (plan.kind !== 'line') return [...records];
  const keyed = records.map((record) => ({ record, time: timeOf(record[plan.label.name]) }));
  keyed.sort((a, b) => (a.time === null ? (b.time === null ? 0 : 1) : b.time === null ? -1 : a.time - b.time));
  return keyed.map(({ record }) => record);
}

/**
 * A column to pick one group of rows by, where a table's rows repeat along its time (a month for each
 * place): then the rows of one value of it can be drawn as a line. Text, not named as an identifier; the
 * caller asks the table how many values it holds.
 */
export function groupingField(fields: readonly PublishedField[]): PublishedField | undefined {
  if (!fields.some((field) => timeTypes.includes(field.type))) return undefined;
  return fields.find((field) => field.type === 'string' && !identifierNames.test(field.name));
}

export function geometryField(fields: readonly PublishedField[]): PublishedField | undefined {
  return fields.find((field) => field.type === 'geojson');
}

/** A cell as a number for a chart, or null when it holds none (an empty cell is a gap, never a zero). */
export function numberOf(cell: Cell | undefined): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  if (typeof cell === 'string' && cell.trim() !== '' && Number.isFinite(Number(cell))) return Number(cell);
  return null;
}

/** GeoJSON as the DataStore hands it back: parsed already, or as JSON text. */
export function geometryOf(cell: Cell | undefined): Geometry | null {
  let value: unknown = cell;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (!value || typeof value !== 'object' || !('type' in value) || !('coordinates' in value)) return null;
  const geometry = value as Geometry;
  return ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'].includes(geometry.type) ? geometry : null;
}

export type Position = [number, number, ...number[]];
export type Geometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'MultiPoint' | 'LineString'; coordinates: Position[] }
  | { type: 'MultiLineString' | 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };
