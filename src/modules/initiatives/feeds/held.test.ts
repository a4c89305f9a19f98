import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffClient } from '#modules/catalog/test/staff.ts';
import { htmlProblems } from '#test/html-validity.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { moderator } from '../permissions.ts';
import { initiativesDb } from '../repo.ts';
import { anonymous } from '#kernel/auth/actor.ts';
import { registerFeed } from '../maintenance/service.ts';
import { buildInitiative, buildMaintainer } from '../test/builders.ts';
import { importFeed } from './import.ts';
import { buildFeed, calendar, startFeedServer, vevent, type FeedServer } from './test/server.ts';

/*
 * A feed that suddenly floods: its new events are held back, the moderators see them on their page and let
 * them through or throw them away (which pauses the feed); nobody else may.
 */

let platform: TestPlatform;
let web: FeedServer;
const now = new Date('2027-02-01T09:00:00Z');
const path = '/verwaltung/initiativen/termine-zurueckgehalten';

beforeAll(async () => {
  web = await startFeedServer();
  platform = await createTestPlatform({ OUTBOUND_ALLOW_HOSTS: `127.0.0.1:${web.port}` });
});
afterAll(async () => {
  await platform.close();
  await web.close();
});

const db = () => initiativesDb(platform.ctx.db);
const feedRow = async (feedId: string) => db().selectFrom('initiative_feeds').selectAll().where('id', '=', feedId).executeTakeFirstOrThrow();
const statuses = async (feedId: string) =>
  Object.fromEntries((await db().selectFrom('initiative_events').select(['status', sql<string>`count(*)`.as('n')]).where('feed_id', '=', feedId).groupBy('status').execute()).map((row) => [row.status, Number(row.n)]));
const audits = async (action: string, subjectId: string) => Number((await sql<{ n: string }>`select count(*) as n from audit_log where action = ${action} and subject_id = ${subjectId}`.execute(platform.ctx.db)).rows[0]!.n);

/** A feed of `count` single events from the first of March 2027 on, one a day, their UIDs prefixed. */
function events(count: number, prefix: string): string[] {
  return Array.from({ length: count }, (_, n) => {
    const day = new Date(Date.UTC(2027, 2, 1 + n, 17));
    const stamp = day.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    return vevent([`UID:${prefix}-${n}@flut.example`, `SUMMARY:${prefix} ${n + 1}`, `DTSTART:${stamp}`, 'DURATION:PT1H']);
  });
}

async function floodedFeed(name: string) {
  const initiative = await buildInitiative(platform.ctx, { name });
  const address = `/${initiative.slug}.ics`;
  web.set(address, { body: calendar(...events(3, 'Treffen')) });
  const feed = await buildFeed(platform.ctx, initiative.id, `${web.url}${address}`);
  expect(await importFeed(platform.ctx, feed, now)).toMatchObject({ ok: true, added: 3, held: 0 });
  web.set(address, { body: calendar(...events(3, 'Treffen'), ...events(60, 'Werbung')) });
  expect(await importFeed(platform.ctx, feed, now)).toMatchObject({ ok: true, added: 60, held: 60, unchanged: 3 });
  return { initiative, feed, address };
}

describe('events held back from a flooding feed', () => {
  it('holds a flood of new events back, keeps them held on the next import, and lets a moderator release them', async () => {
    const { feed } = await floodedFeed('Nachbarschaftsnetz Oerath');
    expect(await statuses(feed.id)).toEqual({ published: 3, held: 60 });
    expect(await feedRow(feed.id)).toMatchObject({ event_count: 3, held_count: 60 });
    expect(await importFeed(platform.ctx, feed, now)).toMatchObject({ ok: true, added: 0, unchanged: 63 });
    expect(await statuses(feed.id)).toEqual({ published: 3, held: 60 });

    const { client } = await staffClient(platform, moderator);
    const page = await client.get(path);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Nachbarschaftsnetz Oerath');
    expect(page.body).toContain('60 zurückgehalten, 3 bereits sichtbar');
    expect(page.body).toContain('Werbung 1');
    expect(page.body).toContain('… und 40 weitere Termine.');
    expect(page.body).toContain('60 Termine freigeben');
    expect(await htmlProblems(path, page.body)).toEqual([]);

    const released = await client.post(`${path}/${feed.id}/freigeben`, {});
    expect(released.status).toBe(303);
    expect(released.location).toBe(`${path}?notice=released&anzahl=60`);
    expect((await client.follow(released)).body).toContain('60 Termine wurden freigegeben.');
    expect(await statuses(feed.id)).toEqual({ published: 63 });
    expect(await feedRow(feed.id)).toMatchObject({ event_count: 63, held_count: 0, active: true });
    expect(await audits('initiatives.held-events-released', feed.id)).toBe(1);

    // Decided already (by a colleague in another tab): a conflict, said in words.
    const again = await client.post(`${path}/${feed.id}/freigeben`, {});
    expect(again.status).toBe(409);
    expect(again.body).toContain('keine Termine mehr zurückgehalten');
    // Released events are the feed's own now: the next import holds nothing.
    expect(await importFeed(platform.ctx, feed, now)).toMatchObject({ ok: true, added: 0, held: 0, unchanged: 63 });
  });

  it('discards held events and pauses the feed, so they do not come back, until its maintainers enter it again', async () => {
    const { initiative, feed } = await floodedFeed('Klimagruppe Lövenich');
    const { client } = await staffClient(platform, moderator);
    await client.get(path);
    const discarded = await client.post(`${path}/${feed.id}/verwerfen`, {});
    expect(discarded.location).toBe(`${path}?notice=discarded&anzahl=60`);
    expect(await statuses(feed.id)).toEqual({ published: 3 });
    expect(await feedRow(feed.id)).toMatchObject({ event_count: 3, held_count: 0, active: false });
    expect(await audits('initiatives.held-events-discarded', feed.id)).toBe(1);
    expect((await client.get(path)).body).not.toContain('Klimagruppe Lövenich');
    expect((await client.post(`${path}/00000000-0000-4000-8000-000000000000/verwerfen`, {})).status).toBe(404);
    expect((await client.post(`${path}/kein-kalender/verwerfen`, {})).status).toBe(404);

    // The maintainers put their calendar in order and enter its address again: it is read again.
    const maintainer = await buildMaintainer(platform.ctx, initiative.id);
    expect(await registerFeed(platform.ctx, { actor: anonymous }, { initiativeId: initiative.id, maintainerId: maintainer.id }, { feedUrl: feed.url })).toEqual({ ok: true });
    expect(await feedRow(feed.id)).toMatchObject({ active: true });
    expect(await audits('initiatives.feed-resumed', initiative.id)).toBe(1);
    // While it runs, entering it again is refused as known.
    expect(await registerFeed(platform.ctx, { actor: anonymous }, { initiativeId: initiative.id, maintainerId: maintainer.id }, { feedUrl: feed.url })).toEqual({ ok: false, code: 'initiatives:maintenance.errors.feedKnown' });
  });

  it('holds back every new event of a feed with more than 500 events, even where it had many', async () => {
    const initiative = await buildInitiative(platform.ctx);
    web.set('/gross.ics', { body: calendar(...events(480, 'Kurs')) });
    const feed = await buildFeed(platform.ctx, initiative.id, `${web.url}/gross.ics`);
    await db().updateTable('initiative_feeds').set({ event_count: 1000 }).where('id', '=', feed.id).execute();
    expect(await importFeed(platform.ctx, feed, now)).toMatchObject({ ok: true, added: 480, held: 0 });
    web.set('/gross.ics', { body: calendar(...events(480, 'Kurs'), ...events(30, 'Extra')) });
    expect(await importFeed(platform.ctx, feed, now)).toMatchObject({ ok: true, added: 30, held: 30 });
  });

  it('keeps visitors and staff without the moderators’ permission out', async () => {
    const { feed } = await floodedFeed('Schulnetz Keyenberg');
    const visitor = new FormClient(platform.app);
    expect((await visitor.get(path)).status).toBe(303);
    const { client } = await staffClient(platform, 'editor');
    expect((await client.get(path)).status).toBe(403);
    await client.get('/verwaltung');
    expect((await client.post(`${path}/${feed.id}/freigeben`, {})).status).toBe(403);
    expect(await statuses(feed.id)).toEqual({ published: 3, held: 60 });
  });
});
