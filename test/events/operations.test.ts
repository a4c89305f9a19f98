import { sql } from 'kysely';
import Type from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineJob } from '#kernel/jobs.ts';
import { defineModule } from '#kernel/module.ts';
import { buildCitizen, buildStaff } from '#modules/accounts/test/builders.ts';
import { signInCitizen, signInStaff } from '#modules/notify/test/builders.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { deliveredTo } from '#kernel/events/repo.ts';
import type { EventTables } from '#kernel/events/tables.ts';
import { createProbeTable, deliveryJobs, noteDown, probeNoted, probePublisher, sideEffects } from './probe.ts';

/*
 * The back office page of failed work (/verwaltung/betrieb): a delivery that kept failing shows up there
 * with its event, error and attempts, and its replay delivers the event once the cause is fixed.
 */

let partnerDown = true;
const flaky = noteDown('listener.flaky', { retry: { limit: 1, delaySeconds: 0, backoff: false }, failing: () => partnerDown });
const syncJob = defineJob({
  name: 'listener.sync',
  payload: Type.Object({ note: Type.String() }),
  retry: { limit: 0, delaySeconds: 0, backoff: false },
  handler: async () => {
    if (partnerDown) throw new Error('sync partner refused the connection');
  },
});
const listener = defineModule({ id: 'listener', on: [flaky], jobs: [syncJob] });

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform({}, [probePublisher, listener]);
  await createProbeTable(platform.ctx.db);
});
afterAll(async () => {
  await platform.close();
});

async function adminClient() {
  const admin = await buildStaff(platform.ctx, [{ role: 'administrator' }]);
  const client = new FormClient(platform.app);
  await signInStaff(client, admin);
  return { client, admin };
}

async function publishFailingNote(note: string): Promise<{ eventId: string; jobId: string }> {
  const { ctx } = platform;
  partnerDown = true;
  const { id } = await ctx.db.transaction().execute((trx) => ctx.events.publish(trx, probeNoted, { note, count: 1 }));
  // The first attempt and the one retry the policy allows.
  expect(await ctx.jobs.drain(ctx, ['listener.flaky'])).toBe(2);
  const [job] = await deliveryJobs(ctx.db, 'listener.flaky', id);
  expect(job).toMatchObject({ state: 'failed', retry_count: 1 });
  return { eventId: id, jobId: job!.id };
}

async function auditRecords(action: string, actorId: string) {
  return platform.ctx.db.selectFrom('audit_log').select(['subject_type', 'subject_id', 'meta']).where('action', '=', action).where('actor_id', '=', actorId).execute();
}

async function jobState(queue: string, id: string): Promise<string | undefined> {
  const { rows } = await sql<{ state: string }>`select state::text as state from pgboss.job where name = ${queue} and id = ${id}::uuid`.execute(platform.ctx.db);
  return rows[0]?.state;
}

describe('failed event deliveries in the back office', () => {
  it('shows a delivery that failed after its retries, and its replay delivers the event once', async () => {
    const { eventId, jobId } = await publishFailingNote('Partner nicht erreichbar');
    expect(await sideEffects(platform.ctx.db, 'listener.flaky', eventId)).toBe(0);
    const { client, admin } = await adminClient();

    const page = await client.get('/verwaltung/betrieb');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Betrieb: fehlgeschlagene Aufträge');
    expect(page.body).toContain('1 fehlgeschlagene Zustellung');
    expect(page.body).toContain('<code>probe.noted v1</code>');
    expect(page.body).toContain('Empfänger: listener.flaky');
    expect(page.body).toContain(`Ereignis-Nr. ${eventId}`);
    expect(page.body).toContain('listener.flaky cannot reach its partner system');
    expect(page.body).toMatch(/<td class="kern-table__cell">2<\/td>/);
    expect(page.body).toContain(`<input type="hidden" name="id" value="${jobId}"/>`);
    expect(await auditRecords('kernel.failed-jobs-viewed', admin.user.id)).toMatchObject([{ subject_type: 'jobs', meta: { deliveries: 1 } }]);

    partnerDown = false;
    const replayed = await client.post('/verwaltung/betrieb/wiederholen', { queue: 'listener.flaky', id: jobId });
    expect(replayed.status).toBe(303);
    expect(replayed.location).toBe('/verwaltung/betrieb?notice=replayed');
    const after = await client.follow(replayed);
    expect(after.body).toContain('Der Auftrag ist wieder eingereiht und läuft in Kürze erneut.');
    expect(after.body).toContain('Keine fehlgeschlagenen Zustellungen.');
    expect(await auditRecords('kernel.event-delivery-replayed', admin.user.id)).toMatchObject([{ subject_type: 'event', subject_id: eventId, meta: { subscriber: 'listener.flaky', job: jobId } }]);

    expect(await platform.ctx.jobs.drain(platform.ctx, ['listener.flaky'])).toBe(1);
    expect(await sideEffects(platform.ctx.db, 'listener.flaky', eventId)).toBe(1);
    expect(await deliveredTo(platform.ctx.db.withTables<EventTables>(), eventId)).toEqual(['listener.flaky']);
    expect(await jobState('listener.flaky', jobId)).toBe('completed');

    // A second press (another tab, a colleague) finds nothing left to replay and says so.
    const again = await client.post('/verwaltung/betrieb/wiederholen', { queue: 'listener.flaky', id: jobId });
    expect(again.status).toBe(409);
    expect(again.body).toContain('Dieser Auftrag ist nicht mehr fehlgeschlagen');
    expect(await auditRecords('kernel.event-delivery-replayed', admin.user.id)).toHaveLength(1);
  });

  it('lists and replays a failed job that is not an event delivery, in English too', async () => {
    partnerDown = true;
    await platform.ctx.jobs.enqueue(platform.ctx.db, syncJob, { note: 'Abgleich' });
    expect(await platform.ctx.jobs.drain(platform.ctx, ['listener.sync'])).toBe(1);
    const { rows } = await sql<{ id: string }>`select id::text as id from pgboss.job where name = 'listener.sync' and state = 'failed'`.execute(platform.ctx.db);
    const jobId = rows[0]!.id;
    const { client, admin } = await adminClient();

    const page = await client.get('/verwaltung/betrieb?lang=en');
    expect(page.body).toContain('Operations: failed jobs');
    expect(page.body).toContain('1 failed job');
    expect(page.body).toContain('<code>listener.sync</code>');
    expect(page.body).toContain('sync partner refused the connection');
    expect(page.body).toContain('Replay');

    partnerDown = false;
    const replayed = await client.post('/verwaltung/betrieb/wiederholen', { queue: 'listener.sync', id: jobId });
    expect(replayed.status).toBe(303);
    expect(await jobState('listener.sync', jobId)).toBe('retry');
    expect(await auditRecords('kernel.job-replayed', admin.user.id)).toMatchObject([{ subject_type: 'job', subject_id: jobId, meta: { queue: 'listener.sync' } }]);
    expect(await platform.ctx.jobs.drain(platform.ctx, ['listener.sync'])).toBe(1);
    expect(await jobState('listener.sync', jobId)).toBe('completed');
  });

  it('sends visitors to the login, refuses their posts with 401, and citizens and staff without the permission with 403', async () => {
    const { jobId } = await publishFailingNote('nur für die Administration');
    const visitor = new FormClient(platform.app);
    const page = await visitor.get('/verwaltung/betrieb');
    expect(page.status).toBe(303);
    expect(page.location).toBe('/anmelden?notice=session-ended&next=%2Fverwaltung%2Fbetrieb');
    await visitor.get('/barrierefreiheit');
    expect((await visitor.post('/verwaltung/betrieb/wiederholen', { queue: 'listener.flaky', id: jobId })).status).toBe(401);

    const citizen = new FormClient(platform.app);
    await signInCitizen(citizen, await buildCitizen(platform.ctx));
    const editor = new FormClient(platform.app);
    await signInStaff(editor, await buildStaff(platform.ctx, [{ role: 'editor' }]));
    for (const client of [citizen, editor]) {
      expect((await client.get('/verwaltung/betrieb')).status).toBe(403);
      await client.get('/barrierefreiheit');
      expect((await client.post('/verwaltung/betrieb/wiederholen', { queue: 'listener.flaky', id: jobId })).status).toBe(403);
    }
    expect(await jobState('listener.flaky', jobId)).toBe('failed');
    const replays = await platform.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'kernel.event-delivery-replayed').where('subject_id', '=', jobId).execute();
    expect(replays).toEqual([]);
  });

  it('answers a malformed or unknown job and a post without the form’s token with a message, replaying nothing', async () => {
    const { jobId } = await publishFailingNote('falsche Angaben');
    const { client } = await adminClient();
    await client.get('/verwaltung/betrieb');

    const malformed = await client.post('/verwaltung/betrieb/wiederholen', { queue: 'listener.flaky', id: 'keine-nummer' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toContain('Die Angaben zum Auftrag sind unvollständig oder ungültig. Bitte wählen Sie den Auftrag in der Liste aus.');
    expect(malformed.body).toContain('<title>Fehler: Betrieb: fehlgeschlagene Aufträge');

    const unknown = await client.post('/verwaltung/betrieb/wiederholen', { queue: 'listener.unknown', id: jobId });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain('Diese Art von Auftrag kennt die Plattform nicht.');

    const forged = await client.post('/verwaltung/betrieb/wiederholen', { queue: 'listener.flaky', id: jobId, _csrf: '' });
    expect(forged.status).toBe(403);
    expect(await jobState('listener.flaky', jobId)).toBe('failed');
  });
});

describe('how long events are kept', () => {
  it('deletes events after 30 days with their delivery records, and says so in the privacy notice', async () => {
    const { ctx } = platform;
    const publish = (note: string) => ctx.db.transaction().execute((trx) => ctx.events.publish(trx, probeNoted, { note, count: 1 }));
    partnerDown = false;
    const old = await publish('alt');
    const recent = await publish('neu');
    expect(await ctx.jobs.drain(ctx, ['listener.flaky'])).toBe(2);
    const events = ctx.db.withTables<EventTables>();
    await events.updateTable('events').set({ published_at: new Date(Date.now() - 31 * 86_400_000) }).where('id', '=', old.id).execute();

    const rule = ctx.modules.flatMap((module) => module.retention ?? []).find((candidate) => candidate.id === 'kernel.events')!;
    expect(await rule.purge(ctx.db, new Date(), ctx.config)).toBe(1);
    expect(await events.selectFrom('events').select('id').where('id', 'in', [old.id, recent.id]).execute()).toEqual([{ id: recent.id }]);
    expect(await deliveredTo(events, old.id)).toEqual([]);
    expect(await deliveredTo(events, recent.id)).toEqual(['listener.flaky']);

    const notice = await new FormClient(platform.app).get('/datenschutz');
    expect(notice.body).toContain('mit der Nummer des betroffenen Eintrags oder Kontos): werden nach 30 Tagen gelöscht.');
  });
});
