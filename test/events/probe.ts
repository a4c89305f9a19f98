import { sql } from 'kysely';
import Type from 'typebox';
import type { Executor } from '#kernel/db/database.ts';
import { defineModule } from '#kernel/module.ts';
import { defineEvent, subscribe, type Subscription } from '#kernel/events/define.ts';

/*
 * A publisher and subscribers for tests of events. The side effect a subscriber has is a row in
 * `event_probe`, written with the delivery's transaction, so tests count how often it really happened.
 */

type ProbeTables = { event_probe: { subscriber: string; event_id: string; note: string } };

export const probeNoted = defineEvent({
  name: 'probe.noted',
  version: 1,
  payload: Type.Object({ note: Type.String({ minLength: 1 }), count: Type.Integer({ minimum: 0 }) }),
});

export const probePublisher = defineModule({ id: 'probe', events: [probeNoted] });

/** A subscriber that leaves one row per delivery it handles, and fails first while `failing()` says so. */
export function noteDown(name: string, options: Pick<Subscription, 'retry' | 'expireInSeconds'> & { failing?: () => boolean } = {}) {
  return subscribe(
    probeNoted,
    name,
    async (event, trx) => {
      await trx.withTables<ProbeTables>().insertInto('event_probe').values({ subscriber: name, event_id: event.id, note: event.payload.note }).execute();
      if (options.failing?.()) throw new Error(`${name} cannot reach its partner system`);
    },
    options,
  );
}

export async function createProbeTable(db: Executor): Promise<void> {
  await sql`create table if not exists event_probe (subscriber text not null, event_id uuid not null, note text not null)`.execute(db);
}

/** How many times the subscriber's side effect happened for the event. */
export async function sideEffects(db: Executor, subscriber: string, eventId: string): Promise<number> {
  const rows = await db.withTables<ProbeTables>().selectFrom('event_probe').select('note').where('subscriber', '=', subscriber).where('event_id', '=', eventId).execute();
  return rows.length;
}

export interface StoredJob {
  id: string;
  state: string;
  retry_count: number;
  output: { message?: string } | null;
}

/** The delivery jobs of one event in a subscriber's queue, as pg-boss keeps them. */
export async function deliveryJobs(db: Executor, subscriber: string, eventId: string): Promise<StoredJob[]> {
  const { rows } = await sql<StoredJob>`
    select id::text as id, state::text as state, retry_count, output from pgboss.job
    where name = ${subscriber} and data->>'eventId' = ${eventId} order by created_on`.execute(db);
  return rows;
}
