import PgBoss from 'pg-boss';
import type { Static, TSchema } from 'typebox';
import type { KernelContext } from './context.ts';
import { transactionExecutor, type AnyExecutor, type SqlExecutor } from './db/database.ts';
import { typeboxValue } from './lazy.ts';

/** typebox's value checker takes a quarter second to load; the first job pays for it rather than every start. */
const schemaChecker = typeboxValue;

export interface RetryPolicy {
  limit: number;
  /** Seconds before the first retry; doubled on each further one when backoff is on. */
  delaySeconds: number;
  backoff: boolean;
}

export const defaultRetry: RetryPolicy = { limit: 5, delaySeconds: 30, backoff: true };

export interface JobDefinition<S extends TSchema = TSchema> {
  /** `<module>.<verb>`, e.g. `accounts.apply-retention`. */
  name: string;
  payload: S;
  handler: (payload: Static<S>, ctx: KernelContext) => Promise<void>;
  retry?: RetryPolicy;
  /** Cron expression (Europe/Berlin) for recurring jobs. */
  cron?: string;
  /**
   * Seconds a run may take (default 15 minutes); a job still active after that, its worker presumably dead,
   * is retried by the next maintenance.
   */
  expireInSeconds?: number;
}

export function defineJob<S extends TSchema>(definition: JobDefinition<S>): JobDefinition<S> {
  return definition;
}

/**
 * The job system: pg-boss over the platform's own database, so a job is stored in the same transaction as
 * the change that causes it (outbox) and no second piece of infrastructure is needed.
 */
export class Jobs {
  readonly #boss: PgBoss;
  readonly #definitions = new Map<string, JobDefinition>();
  #context: KernelContext | undefined;
  #started = false;

  constructor(executor: SqlExecutor, definitions: JobDefinition[]) {
    this.#boss = new PgBoss({
      db: { executeSql: (text, values) => executor.executeSql(text, values) },
      schema: 'pgboss',
      // Completed jobs are kept a week for diagnosis, then pg-boss removes them.
      deleteAfterDays: 7,
      // Failed jobs stay replayable in the back office for a week (pg-boss's default would archive them
      // after twelve hours, out of reach of a replay); then they go the way of completed ones.
      archiveFailedAfterSeconds: 7 * 86_400,
    });
    this.#boss.on('error', (error) => this.#context?.log.error({ err: error }, 'job system error'));
    for (const definition of definitions) {
      if (this.#definitions.has(definition.name)) throw new Error(`Job ${definition.name} is defined twice`);
      this.#definitions.set(definition.name, definition);
    }
  }

  /** Installs pg-boss's schema (if missing) and creates a queue per job. Workers are not started. */
  async prepare(context: KernelContext): Promise<void> {
    this.#context = context;
    if (this.#started) return;
    await this.#boss.start();
    this.#started = true;
    for (const definition of this.#definitions.values()) {
      const retry = definition.retry ?? defaultRetry;
      await this.#boss.createQueue(definition.name, {
        name: definition.name,
        retryLimit: retry.limit,
        retryDelay: retry.delaySeconds,
        retryBackoff: retry.backoff,
        ...(definition.expireInSeconds ? { expireInSeconds: definition.expireInSeconds } : {}),
      });
    }
  }

  /** Starts in-process workers and the cron schedules. */
  async work(context: KernelContext): Promise<void> {
    await this.prepare(context);
    for (const definition of this.#definitions.values()) {
      await this.#boss.work(definition.name, { pollingIntervalSeconds: 2 }, async (jobs) => {
        for (const job of jobs) await this.#run(definition, job.data);
      });
      if (definition.cron) {
        await this.#boss.schedule(definition.name, definition.cron, {}, { tz: 'Europe/Berlin' });
      }
    }
  }

  /**
   * Queues a job inside the caller's transaction: if the transaction rolls back, the job never existed.
   */
  async enqueue<S extends TSchema>(
    trx: AnyExecutor,
    job: JobDefinition<S>,
    payload: Static<S>,
    options: { singletonKey?: string; startAfter?: Date } = {},
  ): Promise<void> {
    this.#assertKnown(job.name);
    if (!(await schemaChecker()).Check(job.payload, payload)) throw new Error(`Invalid payload for job ${job.name}`);
    await this.#boss.send(job.name, payload as object, { ...options, db: transactionExecutor(trx) });
  }

  /**
   * Runs every job that is due now, queue by queue, until none is left; returns how many ran. A job may
   * queue another (an event's delivery queues the subscriber's work) in a queue already passed: the queues
   * are gone through again until a pass runs nothing. A failed job waits for its retry delay, so it does not
   * come back within the same drain. Used by `cli run-jobs` (for operators who prefer an external
   * scheduler) and by tests that need a job's effect.
   */
  async drain(context: KernelContext, names?: string[]): Promise<number> {
    await this.prepare(context);
    // Without in-process workers nobody else releases jobs whose worker died mid-run (past their expiry).
    await this.#boss.maintain();
    let ran = 0;
    let pass: number;
    do {
      pass = 0;
      for (const definition of this.#definitions.values()) {
        if (names && !names.includes(definition.name)) continue;
        for (;;) {
          const [job] = await this.#boss.fetch<object>(definition.name);
          if (!job) break;
          try {
            await this.#run(definition, job.data);
            await this.#boss.complete(definition.name, job.id);
          } catch (error) {
            await this.#boss.fail(definition.name, job.id, { message: String(error) });
          }
          pass += 1;
        }
      }
      ran += pass;
    } while (pass > 0);
    return ran;
  }

  /**
   * Puts a failed job back in its queue for one more attempt, inside the caller's transaction (so the staff
   * member's audit record and the replay stand or fall together). False when the job is not failed (any more).
   */
  async replayFailed(trx: AnyExecutor, name: string, id: string): Promise<boolean> {
    this.#assertKnown(name);
    // pg-boss 10 returns the count of jobs it changed although its types say void.
    const result = (await this.#boss.retry(name, id, { db: transactionExecutor(trx) })) as unknown as { affected: number };
    return result.affected === 1;
  }

  /** Whether a queue of this name belongs to a job some module defines. */
  knows(name: string): boolean {
    return this.#definitions.has(name);
  }

  async stop(): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    await this.#boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }

  async #run(definition: JobDefinition, data: unknown): Promise<void> {
    if (!this.#context) throw new Error('Job system used before prepare()');
    if (!(await schemaChecker()).Check(definition.payload, data)) throw new Error(`Job ${definition.name} got an invalid payload`);
    await definition.handler(data, this.#context);
  }

  #assertKnown(name: string): void {
    if (!this.#definitions.has(name)) throw new Error(`Job ${name} is not registered by any module`);
  }
}
