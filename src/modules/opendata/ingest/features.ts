/*
 * The two passes over a FeatureCollection: properties inferred (or checked against a declared schema) like
 * a table's columns, the geometry checked and reprojected; then the typed rows, geometry as GeoJSON text.
 */
import type { PublishedField, PublishedTableSchema } from '../tables.ts';
import { brokenConstraint } from './constraints.ts';
import { cellText, convertCell, isEmptyCell, type Conventions } from './convert.ts';
import { geojsonItems, type GeojsonItem } from './geojson.ts';
import { crsName, crsOf, wgs84Geometry } from './geometry.ts';
import { ColumnGuess, Evidence } from './infer.ts';
import { fieldName, fieldNames } from './names.ts';
import { StopReading, type ReportBuilder } from './report.ts';
import type { Crs, OpenFile, RawCell, RowValue, RowValues } from './types.ts';

export const geometryField = 'geometry';

export interface FeaturesFound {
  schema: PublishedTableSchema;
  conventions: Conventions;
  columns: (string | null)[];
  crs: Crs;
}

/** Thrown when the `crs` member comes after features that were read in another CRS: the pass starts again. */
class CrsLate extends Error {
  constructor(readonly crs: Crs) {
    super('crs after features');
  }
}

function crsItem(item: GeojsonItem & { kind: 'crs' }, seen: number, assumed: Crs): Crs {
  const crs = crsOf(item.value);
  if (!crs) throw new StopReading({ type: 'crs-unsupported', values: { crs: crsName(item.value) } });
  if (seen > 0 && crs !== assumed) throw new CrsLate(crs);
  return crs;
}

function checkGeometry(geometry: unknown, crs: Crs, row: number, report: ReportBuilder): void {
  const result = wgs84Geometry(geometry, crs);
  if (result.ok) return;
  const position = result.problem === 'coordinates-out-of-range' ? { values: { position: result.position.join(', '), crs } } : {};
  report.add({ type: result.problem, row, field: geometryField, ...position });
}

interface Pass {
  crs: Crs;
  guesses: Map<string, ColumnGuess>;
  evidence: Evidence;
  sawCollection: boolean;
}

async function readOnce(open: OpenFile, crs: Crs, maxColumns: number, declared: PublishedTableSchema | undefined, report: ReportBuilder): Promise<Pass> {
  const pass: Pass = { crs, guesses: new Map(), evidence: new Evidence(), sawCollection: false };
  const declaredKeys = new Map<string, PublishedField>();
  for await (const item of geojsonItems(open)) {
    if (item.kind === 'type') {
      if (item.value !== 'FeatureCollection') throw new StopReading({ type: 'not-geojson', values: { reason: 'type' } });
      pass.sawCollection = true;
    } else if (item.kind === 'crs') pass.crs = crsItem(item, report.rowCount, pass.crs);
    else {
      const row = item.index;
      report.rowCount++;
      for (const [key, value] of Object.entries(item.properties)) {
        let guess = pass.guesses.get(key);
        if (!guess) {
          if (pass.guesses.size >= maxColumns) {
            report.add({ type: 'too-many-columns', row, values: { count: pass.guesses.size + 1, max: maxColumns } });
            throw new StopReading({ type: 'too-many-columns', row });
          }
          pass.guesses.set(key, (guess = new ColumnGuess(pass.evidence)));
          if (declared) matchDeclared(key, declared, declaredKeys, row, report);
        }
        if (isEmptyCell(value as RawCell, declared?.missingValues ?? [''])) continue;
        if (!declared) guess.see(value as RawCell);
        else checkValue(value, declaredKeys.get(key), row, report);
      }
      checkGeometry(item.geometry, pass.crs, row, report);
    }
  }
  return pass;
}

function matchDeclared(key: string, declared: PublishedTableSchema, keys: Map<string, PublishedField>, row: number, report: ReportBuilder): void {
  const field = declared.fields.find((candidate) => candidate.type !== 'geojson' && (candidate.name === key || candidate.title === key || candidate.name === fieldName(key)));
  if (field) keys.set(key, field);
  else report.add({ type: 'extra-label', row, cell: key });
}

function checkValue(value: unknown, field: PublishedField | undefined, row: number, report: ReportBuilder): void {
  if (!field) return;
  // Properties carry JSON types; text in them is read with a decimal point, as JSON writes numbers.
  const converted = convertCell(value as RawCell, field.type, { decimal: '.', dateOrder: 'DMY' });
  const where = { row, field: field.name, cell: cellText(value as RawCell) };
  if (converted === undefined) return report.add({ type: 'type-error', ...where, values: { type: field.type } });
  const broken = brokenConstraint(converted, field);
  if (broken) report.add({ type: 'constraint-error', ...where, values: { constraint: broken } });
}

/** Pass one over a FeatureCollection; a `crs` found after the first features makes it read the file again. */
export async function inspectFeatures(open: OpenFile, declared: PublishedTableSchema | undefined, maxColumns: number, newReport: () => ReportBuilder): Promise<{ found: FeaturesFound; report: ReportBuilder }> {
  let crs: Crs = 'EPSG:4326';
  for (;;) {
    const report = newReport();
    try {
      const pass = await readOnce(open, crs, maxColumns, declared, report);
      if (!pass.sawCollection) report.add({ type: 'not-geojson', values: { reason: 'type' } });
      return { found: foundOf(pass, declared, report), report };
    } catch (error) {
      if (!(error instanceof CrsLate)) {
        if (error instanceof StopReading) return stopped(error, report, crs, declared);
        throw error;
      }
      crs = error.crs;
    }
  }
}

function stopped(stop: StopReading, report: ReportBuilder, crs: Crs, declared: PublishedTableSchema | undefined) {
  if (stop.problem.type !== 'too-many-columns') report.add(stop.problem);
  report.stopped = true;
  const schema = declared ?? { fields: [{ name: geometryField, type: 'geojson' as const, title: geometryField }] };
  return { found: { schema, conventions: { decimal: '.' as const, dateOrder: 'DMY' as const }, columns: schema.fields.map((field) => (field.type === 'geojson' ? null : field.name)), crs }, report };
}

function foundOf(pass: Pass, declared: PublishedTableSchema | undefined, report: ReportBuilder): FeaturesFound {
  const conventions = pass.evidence.conventions('.');
  const keys = [...pass.guesses.keys()];
  report.header = [...keys, geometryField];
  if (declared) {
    const columns = declared.fields.map((field) => (field.type === 'geojson' ? null : (keys.find((key) => key === field.name || key === field.title || fieldName(key) === field.name) ?? field.name)));
    declared.fields.forEach((field, index) => {
      if (field.type !== 'geojson' && !keys.includes(columns[index]!)) report.add({ type: 'missing-label', field: field.name });
    });
    return { schema: declared, conventions, columns, crs: pass.crs };
  }
  // The geometry keeps its name; a property called "geometry" gives way.
  const [, ...names] = fieldNames([geometryField, ...keys]);
  const fields: PublishedField[] = keys.map((key, index) => ({ name: names[index]!, type: pass.guesses.get(key)!.type(conventions), title: key }));
  fields.push({ name: geometryField, type: 'geojson', title: geometryField });
  return { schema: { fields }, conventions, columns: [...keys, null], crs: pass.crs };
}

/** Pass two: each feature's values in schema order, the geometry as GeoJSON text in WGS 84; faulty features left out. */
export async function* typedFeatures(open: OpenFile, schema: PublishedTableSchema, parsing: { columns: (number | string | null)[]; conventions: Conventions; crs: Crs }): AsyncGenerator<RowValues> {
  const missingValues = schema.missingValues ?? [''];
  for await (const item of geojsonItems(open)) {
    if (item.kind !== 'feature') continue;
    const values: RowValues = [];
    let valid = true;
    schema.fields.forEach((field, index) => {
      if (!valid) return;
      const source = parsing.columns[index];
      const value = typeof source === 'string' ? propertyValue(item.properties[source], field, parsing.conventions, missingValues) : geometryValue(item.geometry, parsing.crs);
      if (value === undefined || (value === null && field.constraints?.required)) valid = false;
      else values.push(value);
    });
    if (valid) yield values;
  }
}

function propertyValue(value: unknown, field: PublishedField, conventions: Conventions, missingValues: readonly string[]): RowValue | undefined {
  if (isEmptyCell(value as RawCell, missingValues)) return null;
  const converted = convertCell(value as RawCell, field.type, conventions);
  return converted === undefined || brokenConstraint(converted, field) ? undefined : converted;
}

function geometryValue(geometry: unknown, crs: Crs): RowValue | undefined {
  const result = wgs84Geometry(geometry, crs);
  if (!result.ok) return undefined;
  return result.geometry === null ? null : JSON.stringify(result.geometry);
}
