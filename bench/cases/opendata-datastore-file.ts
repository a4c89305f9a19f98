import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { systemActor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { dropTable } from '#modules/opendata/datastore/index.ts';
import { opendataDb } from '#modules/opendata/repo.ts';
import { createDataset } from '#modules/opendata/service.datasets.ts';
import { addResource, receiveVersion } from '#modules/opendata/service.resources.ts';

/*
 * What the DataStore cases share: a large German CSV written to a temporary file (semicolons, decimal
 * commas, dd.mm.yyyy dates, umlauts, some free text), the way it gets from an upload to a table (the file
 * store, then the version's check and load as the publishers' pages start them), and a plain COPY of the same
 * file into a table of text columns, the baseline that does nothing but move the bytes in.
 */

/** A million rows by default; `BENCH_DATASTORE_ROWS=100000` for a quick run. */
export const benchRows = (): number => {
  const rows = Number(process.env.BENCH_DATASTORE_ROWS ?? 1_000_000);
  if (!Number.isSafeInteger(rows) || rows < 1000) throw new Error('BENCH_DATASTORE_ROWS must be a whole number of at least 1000');
  return rows;
};

export const districts = ['Erkelenz', 'Lövenich', 'Keyenberg', 'Gerderath', 'Granterath', 'Holzweiler', 'Kückhoven', 'Schwanenberg', 'Golkrath'];
const kinds = ['Restmüll', 'Bioabfall', 'Papier', 'Gelber Sack', 'Sperrmüll', 'Grünschnitt'];
const words = ['Straße', 'gesperrt', 'Nachtrag', 'Zählung', 'geschätzt', 'Baustelle', 'Feiertag', 'verschoben', 'Messfehler', 'korrigiert', 'Anwohner', 'Hinweis'];
export const header = ['Nr', 'Stadtteil', 'Datum', 'Betrag', 'Anzahl', 'Art', 'Geprüft', 'Bemerkung'];

/** Row `n` (from 1) as the file has it; the same `n` always gives the same row. */
function line(n: number): string {
  const day = new Date(Date.UTC(2015, 0, 1) + (n % 3650) * 86_400_000);
  const date = `${String(day.getUTCDate()).padStart(2, '0')}.${String(day.getUTCMonth() + 1).padStart(2, '0')}.${day.getUTCFullYear()}`;
  const cents = ((n * 7919) % 2_000_000) - 100_000;
  const amount = `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)},${String(Math.abs(cents) % 100).padStart(2, '0')}`;
  const note = n % 4 === 0 ? '' : `${words[n % words.length]} ${words[(n * 7) % words.length]} ${n % 97}`;
  return `${n};${districts[n % districts.length]};${date};${amount};${n % 500};${kinds[n % kinds.length]};${n % 3 === 0 ? 'ja' : 'nein'};${note}`;
}

/** Writes the file in batches, waiting whenever the disk falls behind, so the rows are never all in memory. */
export async function writeGermanCsv(rows: number): Promise<{ file: string; bytes: number; remove: () => Promise<void> }> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'erk-datastore-'));
  const file = path.join(dir, 'messwerte.csv');
  const out = fs.createWriteStream(file);
  let batch = `${header.join(';')}\r\n`;
  for (let n = 1; n <= rows; n++) {
    batch += `${line(n)}\r\n`;
    if (batch.length >= 256 * 1024 || n === rows) {
      if (!out.write(batch)) await once(out, 'drain');
      batch = '';
    }
  }
  out.end();
  await once(out, 'finish');
  const { size } = await fsp.stat(file);
  return { file, bytes: size, remove: () => fsp.rm(dir, { recursive: true, force: true }) };
}

/**
 * The baseline: the file's lines as they are into a table of text columns by the platform's COPY (the
 * semicolons become COPY's tabs; the file has neither tabs nor backslashes), without types, checks or
 * indexes. Lines go in blocks of about 64 kB, so the JavaScript side does little more than read.
 */
export async function plainCopy(ctx: KernelContext, file: string): Promise<{ seconds: number; rows: number }> {
  const table = `bench_untyped_${crypto.randomBytes(4).toString('hex')}`;
  const columns = header.map((_, index) => `c${index}`);
  await sql`create table ${sql.id(table)} (${sql.join(columns.map((column) => sql`${sql.id(column)} text`))})`.execute(ctx.db);
  try {
    const started = performance.now();
    const rows = await ctx.database.copyInto({ schema: 'public', name: table }, columns, blocksOf(file));
    const seconds = (performance.now() - started) / 1000;
    return { seconds, rows };
  } finally {
    await sql`drop table if exists ${sql.id(table)}`.execute(ctx.db);
  }
}

/** Blocks of whole lines without the header, each handed to COPY as one "line" that holds many. */
async function* blocksOf(file: string): AsyncGenerator<string> {
  let rest = '';
  let first = true;
  for await (const chunk of fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 64 * 1024 })) {
    const text = rest + (chunk as string);
    const end = text.lastIndexOf('\n');
    if (end < 0) {
      rest = text;
      continue;
    }
    let block = text.slice(0, end + 1);
    rest = text.slice(end + 1);
    if (first) {
      block = block.slice(block.indexOf('\n') + 1);
      first = false;
    }
    if (block.length > 0) yield block.replace(/\r\n$/, '').replace(/\r\n/g, '\n').replace(/;/g, '\t');
  }
  if (rest.trim()) yield rest.replace(/\r$/, '').replace(/;/g, '\t');
}

const actor = systemActor('bench');

/** A published dataset with one CSV resource, ready for a version; names are new every run. */
export async function csvResource(ctx: KernelContext): Promise<{ resourceId: string; cleanUp: () => Promise<void> }> {
  const suffix = crypto.randomBytes(4).toString('hex');
  const db = opendataDb(ctx.db);
  await db.insertInto('opendata_organizations').values({ name: `bench-messstelle-${suffix}`, title: 'Benchmark-Messstelle' }).execute();
  const dataset = await createDataset(
    ctx,
    actor,
    {
      name: `bench-messwerte-${suffix}`,
      organization: `bench-messstelle-${suffix}`,
      title: 'Messwerte (Benchmark)',
      description: 'Eine Million erzeugte Zeilen für den Benchmark der DataStore-Ladung.',
      keywords: ['Benchmark'],
      themes: ['GOVE'],
      licence: 'dl-zero-de/2.0',
      contactEmail: 'daten@erkelenz.de',
      spatial: [],
      frequency: 'ANNUAL',
    },
    { state: 'active' },
  );
  if (!dataset.ok) throw new Error(`Benchmark dataset refused: ${JSON.stringify(dataset)}`);
  const resource = await addResource(ctx, actor, dataset.id, { title: 'Messwerte (CSV)', format: 'CSV' });
  if (!resource.ok) throw new Error(`Benchmark resource refused: ${JSON.stringify(resource)}`);
  const resourceId = resource.id;
  const cleanUp = async () => {
    await dropTable(ctx, resourceId);
    await sql`update opendata_resources set datastore_active = false where id = ${resourceId}`.execute(ctx.db);
    await sql`update opendata_datasets set state = 'deleted' where id = ${dataset.id}`.execute(ctx.db);
  };
  return { resourceId, cleanUp };
}

export interface Upload {
  seconds: number;
  /** Of those, storing the file (hashing it into the file store). */
  putSeconds: number;
  rowCount: number;
}

/** Stores the file and has the new version checked and loaded, as the upload route and its job do; timed as one. */
export async function uploadAndLoad(ctx: KernelContext, resourceId: string, file: string): Promise<Upload> {
  const started = performance.now();
  const stored = await ctx.files.put(fs.createReadStream(file), { accept: ['text/csv'], maxBytes: 4 * 1024 ** 3 });
  if (!stored.ok) throw new Error(`The file store refused the benchmark file: ${stored.reason}`);
  const putSeconds = (performance.now() - started) / 1000;
  const received = await receiveVersion(ctx, actor, resourceId, { fileId: stored.file.id, filename: 'messwerte.csv' }, { now: true });
  if (!received.ok) throw new Error(`The benchmark version was refused: ${received.reason}`);
  const seconds = (performance.now() - started) / 1000;
  const version = await opendataDb(ctx.db).selectFrom('opendata_resource_versions').select(['status', 'row_count', 'report']).where('id', '=', received.versionId).executeTakeFirstOrThrow();
  if (version.status !== 'loaded') throw new Error(`The benchmark version ended ${version.status}: ${JSON.stringify(version.report).slice(0, 500)}`);
  return { seconds, putSeconds, rowCount: version.row_count ?? 0 };
}

/** A loaded table one case leaves to the next on the same database, so a million rows load once. */
const handedOver = new Map<string, { resourceId: string; rows: number; cleanUp: () => Promise<void> }>();

export function handOver(database: string, table: { resourceId: string; rows: number; cleanUp: () => Promise<void> }): void {
  handedOver.set(database, table);
}

export function takeOver(database: string): { resourceId: string; rows: number; cleanUp: () => Promise<void> } | undefined {
  const table = handedOver.get(database);
  handedOver.delete(database);
  return table;
}
