import { recordAudit } from '#kernel/audit.ts';
import { tableColumns, tableName } from '../datastore/table.ts';
import { brokenConstraint } from '../ingest/constraints.ts';
import { convertCell } from '../ingest/convert.ts';
import { inOrganization, opendataPermissions } from '../permissions.ts';
import { opendataDb } from '../repo.ts';
import type { PublishedField, PublishedTableSchema } from '../tables.ts';
import type { ActionContext } from './actions.ts';
import { notFound, validationError } from './envelope.ts';
import { flag, required, text, type Params } from './params.ts';
import { insertRow, rowExists, updateRows, upsertTarget, type Cell } from './write-repo.ts';

/*
 * CKAN's `datastore_upsert` on a resource's DataStore table, with CKAN's semantics: `insert` adds rows,
 * `update` changes the rows found by `_id` or by the Table Schema's primary key (each must exist),
 * `upsert` (the default) updates or else inserts. Every value is checked against the Table Schema first
 * (type and constraints), so a bad row refuses the whole call before anything is written.
 *
 * The tables here are loaded from the resource's files, which CKAN calls read-only: a script must pass
 * `force`, as in CKAN, to say it knows that the resource's next file replaces the table again.
 */

const methods = ['upsert', 'insert', 'update'] as const;
type Method = (typeof methods)[number];
const known = new Set(['resource_id', 'id', 'records', 'method', 'force', 'include_records', 'calculate_record_count', 'dry_run']);

interface Row {
  /** 0-based position in `records`, for messages. */
  index: number;
  id?: string;
  cells: Cell[];
  given: Set<string>;
}

export async function datastoreUpsert(call: ActionContext, params: Params) {
  const unknown = Object.keys(params).filter((key) => !known.has(key));
  if (unknown.length > 0) throw validationError(Object.fromEntries(unknown.map((key) => [key, 'The input field was not expected.'])));
  const resourceId = text(params, 'resource_id') ?? required(params, 'id');
  const method = (text(params, 'method') ?? 'upsert') as Method;
  if (!methods.includes(method)) throw validationError({ method: `Value must be one of ${methods.join(', ')}` });
  const records = recordsOf(params);
  const force = flag(params, 'force');
  const dryRun = flag(params, 'dry_run');

  const db = opendataDb(call.ctx.db);
  const target = await upsertTarget(db, resourceId);
  if (!target) throw notFound('opendata:ckan.errors.resourceNotFound');
  call.ctx.permissions.require(call.actor, opendataPermissions.publish, inOrganization(target.organizationId));
  const table = tableName(target.id);
  const columns = await tableColumns(db, table);
  const schema = target.tableSchema as PublishedTableSchema | null;
  if (!columns || !schema) throw notFound('opendata:ckan.errors.resourceNotFound');
  if (!force) throw validationError({ 'read-only': 'Cannot edit read-only resource. Either pass "force=True" or change url_type to "datastore"' });

  const types = new Map(columns.map((column) => [column.name, column.type]));
  const rows = records.map((record, index) => checkRow(record, index, schema.fields, types, method));
  const key = schema.primaryKey ?? [];

  await call.ctx.db.transaction().execute(async (trx) => {
    for (const row of rows) await writeRow(trx, table, row, method, key, schema.fields);
    if (dryRun) throw new DryRun();
    const tx = opendataDb(trx);
    const now = new Date();
    await tx.updateTable('opendata_resources').set({ modified_at: now }).where('id', '=', target.id).execute();
    await tx.updateTable('opendata_datasets').set({ modified_at: now }).where('id', '=', target.datasetId).execute();
    await recordAudit(trx, { actor: call.actor }, { action: 'opendata.datastore-upserted', subjectType: 'opendata.resource', subjectId: target.id, meta: { dataset: target.datasetName, method, rows: rows.length } });
  }).catch((error: unknown) => {
    if (!(error instanceof DryRun)) throw error;
  });
  return { resource_id: target.id, method, ...(flag(params, 'include_records') ? { records } : {}) };
}

/** Thrown inside the transaction to roll a dry run back after every check has passed. */
class DryRun extends Error {}

function recordsOf(params: Params): Record<string, unknown>[] {
  const value = params.records;
  if (value === undefined || value === null) throw validationError({ records: 'Missing value' });
  if (!Array.isArray(value) || value.some((item) => !item || typeof item !== 'object' || Array.isArray(item))) throw validationError({ records: 'Must be a list of dictionaries' });
  return value as Record<string, unknown>[];
}

const rowName = (index: number) => `Row ${index + 1} (records[${index}])`;

/** CKAN's refusal of one record: the messages, and `_records_row`, the record's 0-based place, for scripts. */
const rowError = (index: number, fields: Record<string, string>) => validationError(fields, { _records_row: index });

/** One record as typed cells, or CKAN's Validation Error naming the row and the field. */
function checkRow(record: Record<string, unknown>, index: number, fields: readonly PublishedField[], types: ReadonlyMap<string, string>, method: Method): Row {
  const names = new Set(fields.map((field) => field.name));
  const strangers = Object.keys(record).filter((name) => !names.has(name) && (name !== '_id' || method === 'insert'));
  if (strangers.length > 0) throw rowError(index, { fields: `${rowName(index)}: fields "${strangers.join(', ')}" do not exist` });
  const row: Row = { index, cells: [], given: new Set() };
  if ('_id' in record) {
    const id = record._id;
    if (!(typeof id === 'number' && Number.isSafeInteger(id) && id > 0) && !(typeof id === 'string' && /^[1-9]\d{0,17}$/.test(id))) {
      throw rowError(index, { records: `${rowName(index)}, field "_id": must be a positive integer` });
    }
    row.id = String(id);
  }
  for (const field of fields) {
    if (!(field.name in record)) {
      if (method === 'insert' && field.constraints?.required) throw rowError(index, { records: `${rowName(index)}, field "${field.name}": Missing value` });
      continue;
    }
    const value = cellValue(record[field.name], field, index);
    row.cells.push({ column: field.name, type: types.get(field.name) ?? 'text', value });
    row.given.add(field.name);
  }
  return row;
}

/** A JSON value as the text the column's type reads, checked against the field's type and constraints. */
function cellValue(value: unknown, field: PublishedField, index: number): string | null {
  const refuse = (message: string) => rowError(index, { records: `${rowName(index)}, field "${field.name}": ${message}` });
  if (value === null || value === undefined || (value === '' && field.type !== 'string')) {
    if (field.constraints?.required) throw refuse('Missing value');
    return null;
  }
  if (field.type === 'geojson') {
    const geometry = typeof value === 'string' ? parseJson(value) : value;
    if (!geometry || typeof geometry !== 'object' || Array.isArray(geometry)) throw refuse('is not a GeoJSON object');
    return JSON.stringify(geometry);
  }
  if (typeof value === 'object') throw refuse(`is not a valid ${field.type}`);
  const typed = convertCell(value, field.type, { decimal: '.', dateOrder: 'DMY' });
  if (typed === undefined || typed === null) throw refuse(`${JSON.stringify(value)} is not a valid ${field.type}`);
  const broken = brokenConstraint(typed, field);
  if (broken) throw refuse(`${JSON.stringify(value)} breaks the constraint "${broken}"`);
  return String(typed);
}

function parseJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

async function writeRow(trx: Parameters<typeof insertRow>[0], table: string, row: Row, method: Method, key: readonly string[], fields: readonly PublishedField[]) {
  const keyCells = (): Cell[] => {
    if (row.id !== undefined) return [{ column: '_id', type: 'int8', value: row.id }];
    if (key.length === 0) throw validationError({ table: 'unique key must be passed for update/upsert' });
    const missing = key.filter((name) => !row.given.has(name));
    if (missing.length > 0) throw rowError(row.index, { key: `${rowName(row.index)}: fields "${missing.join(', ')}" are missing but needed as key` });
    return row.cells.filter((cell) => key.includes(cell.column));
  };
  if (method === 'insert') {
    // The schema's primary key stays unique, as CKAN's unique index keeps it.
    const keyed = key.length > 0 && key.every((name) => row.given.has(name)) ? row.cells.filter((cell) => key.includes(cell.column)) : [];
    if (keyed.length > 0 && (await rowExists(trx, table, keyed))) throw rowError(row.index, { records: `${rowName(row.index)}: a row with this key (${key.join(', ')}) exists already` });
    await insertRow(trx, table, row.cells);
    return;
  }
  const where = keyCells();
  const changed = await updateRows(trx, table, row.cells, where);
  if (changed > 0) return;
  if (method === 'update') throw rowError(row.index, { key: `${rowName(row.index)}: key "${JSON.stringify(where.map((cell) => cell.value))}" not found` });
  const missing = fields.filter((field) => field.constraints?.required && !row.given.has(field.name)).map((field) => field.name);
  if (missing.length > 0) throw rowError(row.index, { records: `${rowName(row.index)}, field "${missing[0]}": Missing value` });
  await insertRow(trx, table, row.cells);
}
