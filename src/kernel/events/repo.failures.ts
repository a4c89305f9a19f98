import { sql, type RawBuilder } from 'kysely';
import type { AnyExecutor } from '../db/database.ts';

/*
 * Failed jobs as pg-boss keeps them (`pgboss.job`, state `failed`), read directly: pg-boss 10 offers no
 * listing by state. Its error is the `message` of what the handler threw, or of pg-boss's own verdict
 * (`{ value: { message } }`, e.g. a run that outlived its expiry).
 */

export interface FailedJobRow {
  id: string;
  queue: string;
  failed_at: Date;
  attempts: number;
  error: string | null;
}

export interface FailedDeliveryRow extends FailedJobRow {
  event_id: string | null;
  event_name: string | null;
  event_version: number | null;
  published_at: Date | null;
}

const columns = sql`j.id::text as id, j.name as queue, j.completed_on as failed_at, (j.retry_count + 1)::int as attempts,
  coalesce(j.output->>'message', j.output->'value'->>'message') as error`;

function inQueues(queues: readonly string[]): RawBuilder<boolean> {
  return queues.length === 0 ? sql<boolean>`false` : sql<boolean>`j.name in (${sql.join(queues)})`;
}

async function countFailed(db: AnyExecutor, where: RawBuilder<boolean>): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from pgboss.job j where j.state = 'failed' and ${where}`.execute(db);
  return rows[0]?.n ?? 0;
}

/** Failed deliveries of events (jobs in the subscribers' queues), newest first, with the event they carry. */
export async function failedDeliveries(db: AnyExecutor, deliveryQueues: readonly string[], limit: number) {
  if (deliveryQueues.length === 0) return { rows: [] as FailedDeliveryRow[], total: 0 };
  const where = inQueues(deliveryQueues);
  const { rows } = await sql<FailedDeliveryRow>`
    select ${columns}, e.id::text as event_id, e.name as event_name, e.version as event_version, e.published_at
    from pgboss.job j left join events e on e.id::text = j.data->>'eventId'
    where j.state = 'failed' and ${where}
    order by j.completed_on desc, j.id
    limit ${limit}`.execute(db);
  return { rows, total: await countFailed(db, where) };
}

/** Every other failed job, newest first. */
export async function failedJobs(db: AnyExecutor, deliveryQueues: readonly string[], limit: number) {
  const where = sql<boolean>`not (${inQueues(deliveryQueues)})`;
  const { rows } = await sql<FailedJobRow>`
    select ${columns} from pgboss.job j
    where j.state = 'failed' and ${where}
    order by j.completed_on desc, j.id
    limit ${limit}`.execute(db);
  return { rows, total: await countFailed(db, where) };
}

/** The failed job, locked for the replay's transaction; undefined when it is not (or no longer) failed. */
export async function lockFailedJob(db: AnyExecutor, queue: string, id: string) {
  const { rows } = await sql<{ data: Record<string, unknown> | null }>`
    select j.data from pgboss.job j where j.name = ${queue} and j.id = ${id}::uuid and j.state = 'failed' for update`.execute(db);
  return rows[0];
}
