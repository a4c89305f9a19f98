import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';

/**
 * PGlite is a single connection. Kysely assumes a pool: a transaction holds its connection while other
 * queries take another. Without a lock, a query from a second request would run inside the first
 * request's open transaction (and vanish with its rollback). This lock makes the one connection behave
 * like a pool of size one, and pg-boss takes the same lock.
 */
export class ConnectionLock {
  #tail: Promise<void> = Promise.resolve();

  /**
   * @param maxWaitMs A wait this long means a deadlock, almost always `ctx.db` used inside a transaction
   *   (which on PostgreSQL just takes a second connection); failing says so instead of hanging forever.
   */
  constructor(private readonly maxWaitMs = 15_000) {}

  async acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const previous = this.#tail;
    this.#tail = previous.then(() => next);
    let timer: NodeJS.Timeout | undefined;
    const deadlock = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`Waited ${this.maxWaitMs} ms for the embedded database: is ctx.db used inside a transaction instead of trx?`)), this.maxWaitMs);
    });
    try {
      await Promise.race([previous, deadlock]);
    } catch (error) {
      // Give the place in the queue back, so those behind are not blocked by this failed wait.
      void previous.then(release);
      throw error;
    } finally {
      clearTimeout(timer);
    }
    return release;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await task();
    } finally {
      release();
    }
  }
}

class PGliteConnection implements DatabaseConnection {
  constructor(
    private readonly client: PGlite,
    readonly release: () => void,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.client.query<R>(query.sql, [...query.parameters]);
    const affected = result.affectedRows === undefined ? undefined : BigInt(result.affectedRows);
    return { rows: result.rows, numAffectedRows: affected };
  }

  // eslint-disable-next-line require-yield -- PGlite has no cursors; Kysely only calls this for .stream()
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite does not support streaming queries');
  }
}

class PGliteDriver implements Driver {
  constructor(
    private readonly client: PGlite,
    private readonly lock: ConnectionLock,
  ) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.lock.acquire();
    return new PGliteConnection(this.client, release);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as PGliteConnection).release();
  }

  async destroy(): Promise<void> {
    await this.lock.run(() => this.client.close());
  }
}

export class PGliteDialect implements Dialect {
  constructor(
    private readonly client: PGlite,
    private readonly lock: ConnectionLock,
  ) {}

  createDriver = (): Driver => new PGliteDriver(this.client, this.lock);
  createQueryCompiler = () => new PostgresQueryCompiler();
  createAdapter = () => new PostgresAdapter();
  createIntrospector = (db: Kysely<unknown>) => new PostgresIntrospector(db);
}
