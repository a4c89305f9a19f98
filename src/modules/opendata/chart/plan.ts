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
/** Numbers that count nothing, and codes that name nothing to a reader: identifiers, house numbers, coordinates. */
const notQuantities = /(^|_)(id|nr|nummer|hausnummer|plz|postleitzahl|ags|code|schluessel|breitengrad|laengengrad|lat|lon|lng|latitude|longitude|rechtswert|hochwert)$/;

/**
 * A chart when each row has a name of its own (a district, a year) and numbers that measure or count; a
 * table whose rows share their names (operator, status) is a list of things, which a chart would misstate.
 */
export function planChart(fields: readonly PublishedField[], records: readonly Record<string, Cell>[]): ChartPlan | null {
  if (records.length < 2) return null;
  const distinct = (field: PublishedField) => new Set(records.map((record) => JSON.stringify(record[field.name] ?? null))).size === records.length;
  const label = fields.find((field) => (field.type === 'string' || timeTypes.includes(field.type)) && !notQuantities.test(field.name) && distinct(field));
  const values = fields.filter((field) => numericTypes.includes(field.type) && !field.constraints?.unique && !notQuantities.test(field.name)).slice(0, maxCharts);
  if (!label || values.length === 0) return null;
  return { kind: timeTypes.includes(label.type) ? 'line' : 'bar', label, values };
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
