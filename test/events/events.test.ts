import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import Type from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '#kernel/config.ts';
import type { KernelContext } from '#kernel/context.ts';
import { sendMailJob } from '#kernel/mail.ts';
import { defineModule } from '#kernel/module.ts';
import { createContext } from '#kernel/platform.ts';
import { modules } from '#modules/index.ts';
import { freshDatabase } from '#test/platform.ts';
import { defineEvent, subscribe, type DeliveredEvent } from '#kernel/events/define.ts';
import { deliveredTo } from '#kernel/events/repo.ts';
import type { EventTables } from '#kernel/events/tables.ts';
import { createProbeTable, deliveryJobs, noteDown, probeNoted, probePublisher, sideEffects } from './probe.ts';

const received: DeliveredEvent<typeof probeNoted.payload>[] = [];
const mailing = subscribe(probeNoted, 'listener.mail-note', async (event, trx, ctx) => {
  received.push(event);
  await ctx.jobs.enqueue(trx, sendMailJob, { to: 'team@erkelenz.example', subject: `Notiz ${event.id}`, text: event.payload.note });
});
const listener = defineModule({ id: 'listener', on: [noteDown('listener.note-down'), mailing] });

let ctx: KernelContext;
let dataDir: string;
beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'erk-events-'));
  ctx = await createContext({ config: testConfig(), modules: [...modules, probePublisher, listener], database: await freshDatabase(), skipMigrations: true });
  await createProbeTable(ctx.db);
});
afterAll(async () => {
  await ctx.jobs.stop();
  await ctx.database.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

function testConfig() {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, DEMO_DATA: 'false' });
}

const eventsDb = () => ctx.db.withTables<EventTables>();
const queues = ['listener.note-down', 'listener.mail-note'];

async function mailJobsFor(eventId: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from pgboss.job where name = ${sendMailJob.name} and data->>'subject' = ${`Notiz ${eventId}`}`.execute(ctx.db);
  return rows[0]?.n ?? 0;
}

async function publishNote(note: string) {
  return ctx.db.transaction().execute((trx) => ctx.events.publish(trx, probeNoted, { note, count: 1 }));
}

describe('events', () => {
  it('stores the event with the change, queues one delivery per subscriber, and hands it over when the jobs run', async () => {
    const { id } = await publishNote('Rathaus geöffnet');
    const stored = await eventsDb().selectFrom('events').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ name: 'probe.noted', version: 1, payload: { note: 'Rathaus geöffnet', count: 1 } });
    for (const queue of queues) expect(await deliveryJobs(ctx.db, queue, id)).toMatchObject([{ state: 'created' }]);

    expect(await ctx.jobs.drain(ctx, queues)).toBe(2);
    expect(await sideEffects(ctx.db, 'listener.note-down', id)).toBe(1);
    const event = received.find((candidate) => candidate.id === id);
    expect(event).toMatchObject({ id, name: 'probe.noted', version: 1, payload: { note: 'Rathaus geöffnet', count: 1 } });
    expect(event?.publishedAt.getTime()).toBe(stored.published_at.getTime());
    expect(await mailJobsFor(id)).toBe(1);
    expect(await deliveredTo(eventsDb(), id)).toEqual([...queues].sort());
    for (const queue of queues) expect(await deliveryJobs(ctx.db, queue, id)).toMatchObject([{ state: 'completed' }]);
  });

  it('publishes nothing when the transaction that published rolls back', async () => {
    let eventId = '';
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        eventId = (await ctx.events.publish(trx, probeNoted, { note: 'zurückgenommen', count: 2 })).id;
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(eventId).not.toBe('');
    expect(await eventsDb().selectFrom('events').select('id').where('id', '=', eventId).execute()).toEqual([]);
    for (const queue of queues) expect(await deliveryJobs(ctx.db, queue, eventId)).toEqual([]);
    expect(await ctx.jobs.drain(ctx, queues)).toBe(0);
  });

  it('gives each of two subscribers the event once, even when a delivery arrives twice', async () => {
    const { id } = await publishNote('zweimal zugestellt');
    expect(await ctx.jobs.drain(ctx, queues)).toBe(2);
    expect(await ctx.jobs.drain(ctx, queues)).toBe(0);

    // At least once: the job system may hand the same event over again (a worker lost after the commit).
    for (const delivery of ctx.events.registry.deliveriesOf('probe.noted')) await ctx.jobs.enqueue(ctx.db, delivery, { eventId: id });
    expect(await ctx.jobs.drain(ctx, queues)).toBe(2);

    expect(await sideEffects(ctx.db, 'listener.note-down', id)).toBe(1);
    expect(received.filter((event) => event.id === id)).toHaveLength(1);
    expect(await mailJobsFor(id)).toBe(1);
    for (const queue of queues) expect((await deliveryJobs(ctx.db, queue, id)).map((job) => job.state)).toEqual(['completed', 'completed']);
  });

  it('refuses an event no module declares, an invalid payload and a publication outside a transaction, writing nothing', async () => {
    const undeclared = defineEvent({ name: 'probe.forgotten', version: 1, payload: Type.Object({ note: Type.String() }) });
    const before = await eventsDb().selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await expect(ctx.db.transaction().execute((trx) => ctx.events.publish(trx, undeclared, { note: 'x' }))).rejects.toThrow(
      'Event probe.forgotten is not declared by any module (manifest events)',
    );
    await expect(ctx.db.transaction().execute((trx) => ctx.events.publish(trx, probeNoted, { note: 'x', count: 'eins' } as never))).rejects.toThrow(
      'Invalid payload for event probe.noted v1: /count must be integer',
    );
    await expect(ctx.db.transaction().execute((trx) => ctx.events.publish(trx, probeNoted, { note: '' } as never))).rejects.toThrow(/Invalid payload for event probe\.noted v1: .*(count|note)/);
    await expect(ctx.events.publish(ctx.db, probeNoted, { note: 'ohne Transaktion', count: 1 })).rejects.toThrow(
      'Event probe.noted must be published inside the transaction of the change that caused it',
    );
    const after = await eventsDb().selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(await ctx.jobs.drain(ctx, queues)).toBe(0);
  });
});

describe('events at start', () => {
  const start = (...extra: Parameters<typeof defineModule>[0][]) =>
    createContext({ config: testConfig(), modules: [...modules, ...extra.map(defineModule)], database: ctx.database, skipMigrations: true });

  it('refuses to start with a subscriber on an older version than its publisher publishes', async () => {
    const current = defineEvent({ ...probeNoted, version: 2 });
    await expect(start({ id: 'probe', events: [current] }, { id: 'listener', on: [noteDown('listener.note-down')] })).rejects.toThrow(
      'Subscriber listener.note-down handles probe.noted v1, but module probe publishes v2: move the subscriber to v2',
    );
  });

  it('refuses to start with a subscriber to an event nobody publishes, or names outside their module', async () => {
    await expect(start({ id: 'listener', on: [noteDown('listener.note-down')] })).rejects.toThrow(
      'Subscriber listener.note-down subscribes to probe.noted, which no module publishes (manifest events)',
    );
    await expect(start({ id: 'probe', events: [probeNoted] }, { id: 'listener', on: [noteDown('probe.note-down')] })).rejects.toThrow(
      'Subscriber probe.note-down of module listener must be named listener.<what it does>',
    );
    await expect(start({ id: 'elsewhere', events: [probeNoted] })).rejects.toThrow('Event probe.noted of module elsewhere must be named elsewhere.<fact>');
    await expect(start({ id: 'probe', events: [probeNoted, probeNoted] })).rejects.toThrow('Event probe.noted is declared twice (modules probe and probe)');
  });
});

describe('events across an upgrade', () => {
  /** v2 says in words what v1 counted; a v1 event stored before the upgrade is delivered after it. */
  const notedV2 = defineEvent({
    name: 'probe.noted',
    version: 2,
    payload: Type.Object({ note: Type.String(), count: Type.String() }),
    upcast: (payload) => {
      const old = payload as { note: string; count: number };
      return { note: old.note, count: `${old.count} Mal` };
    },
  });

  async function publishedBeforeUpgrade(): Promise<{ id: string; database: KernelContext['database'] }> {
    const before = await createContext({
      config: testConfig(),
      // One attempt only, so a delivery that cannot succeed fails at once instead of waiting for retries.
      modules: [...modules, probePublisher, defineModule({ id: 'listener', on: [noteDown('listener.note-down', { retry: { limit: 0, delaySeconds: 0, backoff: false } })] })],
      database: await freshDatabase(),
      skipMigrations: true,
    });
    const { id } = await before.db.transaction().execute((trx) => before.events.publish(trx, probeNoted, { note: 'vor dem Update', count: 3 }));
    await before.jobs.stop();
    return { id, database: before.database };
  }

  it('delivers an event stored in an older version through the upcaster the new version declares', { timeout: 60_000 }, async () => {
    const { id, database } = await publishedBeforeUpgrade();
    const got: { id: string; version: number; payload: unknown }[] = [];
    const after = await createContext({
      config: testConfig(),
      modules: [...modules, defineModule({ id: 'probe', events: [notedV2] }), defineModule({ id: 'listener', on: [subscribe(notedV2, 'listener.note-down', async (event) => void got.push({ id: event.id, version: event.version, payload: event.payload }))] })],
      database,
      skipMigrations: true,
    });
    try {
      expect(await after.jobs.drain(after, ['listener.note-down'])).toBe(1);
      expect(got).toEqual([{ id, version: 2, payload: { note: 'vor dem Update', count: '3 Mal' } }]);
    } finally {
      await after.jobs.stop();
      await database.close();
    }
  });

  it('fails the delivery, saying why, when the new version has no upcaster', { timeout: 60_000 }, async () => {
    const { id, database } = await publishedBeforeUpgrade();
    const strictV2 = defineEvent({ ...notedV2, upcast: undefined });
    const after = await createContext({
      config: testConfig(),
      modules: [
        ...modules,
        defineModule({ id: 'probe', events: [strictV2] }),
        defineModule({ id: 'listener', on: [subscribe(strictV2, 'listener.note-down', async () => {})] }),
      ],
      database,
      skipMigrations: true,
    });
    try {
      expect(await after.jobs.drain(after, ['listener.note-down'])).toBe(1);
      const [job] = await deliveryJobs(database.db, 'listener.note-down', id);
      expect(job?.state).toBe('failed');
      expect(job?.output?.message).toContain(`Event ${id} was stored as probe.noted v1; this platform handles v2 and has no upcaster from v1`);
      expect(await deliveredTo(database.db.withTables<EventTables>(), id)).toEqual([]);
    } finally {
      await after.jobs.stop();
      await database.close();
    }
  });
});
