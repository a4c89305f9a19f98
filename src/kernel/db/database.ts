import fs from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { CompiledQuery, Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { copyIntoPglite, copyIntoPostgres, type CopyInto } from './copy.ts';
import { copyCsvIntoPglite, copyCsvIntoPostgres, type CopyCsvInto } from './copy-csv.ts';
import { ChangeFeed, changeChannel, listenOnConnection, listenOnPostgres } from './notifications.ts';
import { copyPristineCluster, pristineClusterDir } from './pglite-cluster.ts';
import { ConnectionLock, PGliteDialect } from './pglite-dialect.ts';
import type { KernelTables } from './tables.ts';

/** Runs raw SQL the way pg-boss expects: parameterised when values are given, multi-statement when not. */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

export type Db = Kysely<KernelTables>;
export type Trx = Transaction<KernelTables>;
/** A query runner a repo accepts: the database itself or a transaction the service opened. */
export type Executor<T = KernelTables> = Kysely<T> | Transaction<T>;
/** Any query runner, whatever tables it knows; for kernel code that only sends raw SQL through it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- table types are irrelevant to raw SQL
export type AnyExecutor = Kysely<any> | Transaction<any>;

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Connection for pg-boss outside any transaction. */
  jobsExecutor: SqlExecutor;
  /**
   * Changes announced by `kernel_content_changed()` triggers (payload: the scope, e.g. `catalog`), heard
   * by this process no later than the commit that made them returns.
   */
  changes: ChangeFeed;
  /**
   * Bulk load in COPY text format (`copy.ts`). On PGlite it takes the single connection blob by blob, so it
   * must not be called while the caller holds a transaction.
   */
  copyInto: CopyInto;
  /** Bulk load of CSV text as PostgreSQL's CSV parser reads it (`copy-csv.ts`); the same rule about transactions. */
  copyCsvInto: CopyCsvInto;
  /** PGlite only: the whole data directory as a tarball, to start copies of this database quickly. */
  dump?: () => Promise<Blob>;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: 'postgres'; url: string }
  /** pristineCluster: the prepared empty cluster a new dataDir copies (default: the installation's; false: run initdb). */
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob; pristineCluster?: string | false };

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === 'postgres' ? openPostgres(target.url) : openPglite(target);
}

async function openPostgres(url: string): Promise<Database> {
  // Dates come back as JS Dates (timestamptz); bigint counts (int8) as numbers, as they never exceed 2^53 here.
  pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on('error', () => {
    // An idle client lost its server; the pool replaces it. Queries in flight report their own errors.
  });
  const changes = new ChangeFeed();
  const unlisten = await listenOnPostgres(pool, url, changes);
  const db = new Kysely<KernelTables>({ dialect: new PostgresDialect({ pool, onCreateConnection: listenOnConnection }) });
  return {
    kind: 'postgres',
    db,
    changes,
    jobsExecutor: { executeSql: (text, values) => pool.query(text, values) },
    copyInto: (...args) => copyIntoPostgres(pool, ...args),
    copyCsvInto: (...args) => copyCsvIntoPostgres(pool, ...args),
    // Kysely only ends the pool if a query went through it; pg-boss may have been its only user.
    close: async () => {
      await unlisten();
      await db.destroy();
      if (!pool.ended) await pool.end();
    },
  };
}

async function openPglite({ dataDir, loadDataDir, pristineCluster }: Extract<DatabaseTarget, { kind: 'pglite' }>): Promise<Database> {
  if (dataDir && !loadDataDir) {
    await fs.mkdir(path.dirname(dataDir), { recursive: true });
    // Without a prepared cluster (installed without scripts, unusual layout) PGlite runs initdb as usual.
    const pristine = pristineCluster ?? (await pristineClusterDir().catch(() => false as const));
    if (pristine) await copyPristineCluster(dataDir, pristine);
  }
  // pg_trgm serves typo-tolerant search, btree_gist the exclusion constraints that keep bookings from
  // overlapping; a PostgreSQL server ships both as trusted extensions.
  const client = await PGlite.create({ dataDir, loadDataDir, extensions: { pg_trgm, btree_gist } });
  const lock = new ConnectionLock();
  const changes = new ChangeFeed();
  // PGlite calls listeners while it reads the reply to the committing statement, before that returns.
  await lock.run(() => client.listen(changeChannel, (payload) => changes.message(payload)));
  const db = new Kysely<KernelTables>({ dialect: new PGliteDialect(client, lock) });
  const jobsExecutor: SqlExecutor = {
    executeSql: (text, values) =>
      lock.run(async () => {
        if (values && values.length > 0) return client.query(text, values);
        const results = await client.exec(text);
        return results.at(-1) ?? { rows: [] };
      }),
  };
  const dump = () => lock.run(() => client.dumpDataDir('gzip')) as Promise<Blob>;
  // Kysely only closes the client if a query went through it; pg-boss may have been its only user.
  const close = async () => {
    await db.destroy();
    if (!client.closed) await lock.run(() => client.close());
  };
  const copyInto: CopyInto = (...args) => copyIntoPglite(client, lock, ...args);
  const copyCsvInto: CopyCsvInto = (...args) => copyCsvIntoPglite(client, lock, ...args);
  return { kind: 'pglite', db, changes, jobsExecutor, copyInto, copyCsvInto, dump, close };
}

/** Lets pg-boss insert a job inside the caller's transaction, so the job exists exactly when the change does. */
export function transactionExecutor(trx: AnyExecutor): SqlExecutor {
  return {
    executeSql: (text, values) => trx.executeQuery(CompiledQuery.raw(text, values ?? [])),
  };
}
