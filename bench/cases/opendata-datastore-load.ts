import { sql } from 'kysely';
import { tableInfo } from '#modules/opendata/datastore/index.ts';
import type { BenchCase, Comparison } from '../case.ts';
import { benchRows, csvResource, handOver, plainCopy, takeOver, uploadAndLoad, writeGermanCsv } from './opendata-datastore-file.ts';

/*
 * A million-row German CSV from upload to a typed, validated, indexed and queryable DataStore table (the file
 * store, inference and validation over the whole file, the typed COPY, `_full_text`, the indexes, ANALYZE and
 * the swap), against a plain COPY of the same file into a table of text columns on the same database in the
 * same run. Goal: at least half COPY's speed, end to end (CKAN's xloader manages about a tenth once it indexes).
 */

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

export const opendataDatastoreLoadCase: BenchCase = {
  name: 'open data DataStore load vs COPY',
  async run({ platform, database }): Promise<Comparison> {
    const { ctx } = platform;
    const rows = benchRows();
    const csv = await writeGermanCsv(rows);
    try {
      const copy = await plainCopy(ctx, csv.file);
      if (copy.rows !== rows) throw new Error(`COPY took ${copy.rows} rows of ${rows}`);
      const resource = await csvResource(ctx);
      const upload = await uploadAndLoad(ctx, resource.resourceId, csv.file);
      if (upload.rowCount !== rows) throw new Error(`The DataStore loaded ${upload.rowCount} rows of ${rows}`);
      const info = await tableInfo(ctx, resource.resourceId);
      const types = info?.fields.map((field) => `${field.id} ${field.type}`).join(', ');
      // The load must have typed the columns, or the comparison would be of like with like.
      if (!types?.includes('datum date') || !types.includes('betrag numeric') || !types.includes('geprueft bool')) throw new Error(`The table's columns are not typed: ${types}`);
      const sample = await sql<{ n: number }>`select count(*)::int as n from ${sql.id('datastore', resource.resourceId)} where "_full_text" @@ websearch_to_tsquery('simple', 'lövenich')`.execute(ctx.db);
      if (!sample.rows[0]?.n) throw new Error('The full-text column finds nothing');
      await takeOver(database)?.cleanUp();
      handOver(database, { resourceId: resource.resourceId, rows, cleanUp: resource.cleanUp });
      const ratio = copy.seconds / upload.seconds;
      console.log(
        `DataStore load on ${database}: ${rows.toLocaleString('en-US')} rows, ${mb(csv.bytes)}; COPY ${copy.seconds.toFixed(1)} s, upload to table ${upload.seconds.toFixed(1)} s (of which storing the file ${upload.putSeconds.toFixed(1)} s); speed ratio (goal ≥ 0.5) ${ratio.toFixed(2)}`,
      );
      return {
        measured: { label: `upload to indexed table, ${upload.seconds.toFixed(1)} s`, rate: { operations: rows, seconds: upload.seconds, perSecond: rows / upload.seconds } },
        baseline: { label: `plain COPY, text columns, ${copy.seconds.toFixed(1)} s`, rate: { operations: rows, seconds: copy.seconds, perSecond: rows / copy.seconds } },
      };
    } finally {
      await csv.remove();
    }
  },
};
