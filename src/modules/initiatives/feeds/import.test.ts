import net from 'node:net';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { initiativesDb } from '../repo.ts';
import { buildInitiative, buildMaintainer } from '../test/builders.ts';
import { importAllFeeds, importFeed, importFeedNow } from './import.ts';
import { importFeedsJob } from './jobs.ts';
import { berlinZone, buildFeed, calendar, startFeedServer, vevent, type FeedServer } from './test/server.ts';

/*
 * The feed import against a real local web server (named in OUTBOUND_ALLOW_HOSTS, as loopback is otherwise
 * refused) and the real iCalendar parser: times across the change to summer time, exclusions, overrides,
 * whole days and cancellations; a feed that breaks keeps what it brought and tells its maintainers once.
 */

let platform: TestPlatform;
let web: FeedServer;
let closedPort: number;
// The calendar's reach is counted from this day, so the 2027 dates below stay within it whenever the test runs.
const now = new Date('2027-02-01T09:00:00Z');

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  web = await startFeedServer();
  closedPort = await freePort();
  platform = await createTestPlatform({ OUTBOUND_ALLOW_HOSTS: `127.0.0.1:${web.port},127.0.0.1:${closedPort}` });
});
afterAll(async () => {
  await platform.close();
  await web.close();
});

const db = () => initiativesDb(platform.ctx.db);
const eventsOf = async (feedId: string) => db().selectFrom('initiative_events').selectAll().where('feed_id', '=', feedId).orderBy('source_uid').execute();
const feedRow = async (feedId: string) => db().selectFrom('initiative_feeds').selectAll().where('id', '=', feedId).executeTakeFirstOrThrow();
const occurrencesOf = async (eventId: string) =>
  (await db().selectFrom('initiative_event_occurrences').select('starts_at').where('event_id', '=', eventId).orderBy('starts_at').execute()).map((row) => row.starts_at.toISOString());
const mailsTo = (address: string) => platform.smtp.messages.filter((mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to : [mail.to]).some((to) => to?.text.includes(address)));

const series = (summary: string, sequence = 0) =>
  vevent([
    'UID:treffen@repaircafe.example',
    `SEQUENCE:${sequence}`,
    `SUMMARY:${summary}`,
    'DESCRIPTION:Wir reparieren gemeinsam\\, was kaputt ist.\\nBitte Geräte mitbringen.',
    'LOCATION:Leonhardskapelle\\, Erkelenz',
    'URL:https://repaircafe.example/termine',
    'DTSTART;TZID=Europe/Berlin:20270304T190000',
    'DTEND;TZID=Europe/Berlin:20270304T213000',
    'RRULE:FREQ=WEEKLY;COUNT=8',
    'EXDATE;TZID=Europe/Berlin:20270401T190000',
  ]);
const moved = vevent(['UID:treffen@repaircafe.example', 'RECURRENCE-ID;TZID=Europe/Berlin:20270408T190000', 'SUMMARY:Repair Café (eine Stunde später)', 'DTSTART;TZID=Europe/Berlin:20270408T200000', 'DTEND;TZID=Europe/Berlin:20270408T223000']);
const wholeDay = vevent(['UID:fest@repaircafe.example', 'SUMMARY:Reparaturfest', 'DTSTART;VALUE=DATE:20270501', 'DTEND;VALUE=DATE:20270502']);
const cancelled = vevent(['UID:abgesagt@repaircafe.example', 'SUMMARY:Nähtreff', 'STATUS:CANCELLED', 'DTSTART:20270310T170000Z', 'DURATION:PT2H']);
const outlook = vevent(['UID:outlook@repaircafe.example', 'SUMMARY:Vorstandssitzung', 'DTSTART;TZID=W. Europe Standard Time:20270715T180000', 'DTEND;TZID=W. Europe Standard Time:20270715T190000']);
const badRule = vevent(['UID:kaputt@repaircafe.example', 'SUMMARY:Regel unlesbar', 'DTSTART:20270310T170000Z', 'RRULE:FREQ=WEEKLY;BYDAY=XX']);

describe('importing an iCalendar feed', () => {
  it('imports series with exclusions across the clock change, an override, a whole day, a cancellation and a Windows zone; a second import changes nothing', async () => {
    const initiative = await buildInitiative(platform.ctx);
    web.set('/repair.ics', { body: calendar(berlinZone, series('Repair Café'), moved, wholeDay, cancelled, outlook, badRule) });
    const feed = await buildFeed(platform.ctx, initiative.id, `${web.url}/repair.ics`);

    expect(await importFeed(platform.ctx, feed, now)).toEqual({ ok: true, added: 5, updated: 0, removed: 0, unchanged: 0, held: 0, skipped: 1 });
    const events = await eventsOf(feed.id);
    const byUid = new Map(events.map((event) => [event.source_uid, event]));
    expect([...byUid.keys()]).toEqual(['abgesagt@repaircafe.example', 'fest@repaircafe.example', 'outlook@repaircafe.example', 'treffen@repaircafe.example', 'treffen@repaircafe.example#2027-04-08T17:00:00.000Z']);

    const weekly = byUid.get('treffen@repaircafe.example')!;
    expect(weekly).toMatchObject({ title: 'Repair Café', description: 'Wir reparieren gemeinsam, was kaputt ist.\nBitte Geräte mitbringen.', location: 'Leonhardskapelle, Erkelenz', url: 'https://repaircafe.example/termine', time_zone: 'Europe/Berlin', rrule: 'FREQ=WEEKLY;COUNT=8', status: 'published', all_day: false, initiative_id: initiative.id });
    expect(weekly.starts_at.toISOString()).toBe('2027-03-04T18:00:00.000Z');
    // The feed's own exclusion and the overridden occurrence, both after the change to summer time.
    expect(weekly.exdates.map((day) => day.toISOString())).toEqual(['2027-04-01T17:00:00.000Z', '2027-04-08T17:00:00.000Z']);
    expect(await occurrencesOf(weekly.id)).toEqual(['2027-03-04T18:00:00.000Z', '2027-03-11T18:00:00.000Z', '2027-03-18T18:00:00.000Z', '2027-03-25T18:00:00.000Z', '2027-04-15T17:00:00.000Z', '2027-04-22T17:00:00.000Z']);

    const override = byUid.get('treffen@repaircafe.example#2027-04-08T17:00:00.000Z')!;
    expect([override.starts_at.toISOString(), override.ends_at.toISOString(), override.rrule]).toEqual(['2027-04-08T18:00:00.000Z', '2027-04-08T20:30:00.000Z', null]);
    expect(await occurrencesOf(override.id)).toEqual(['2027-04-08T18:00:00.000Z']);

    const day = byUid.get('fest@repaircafe.example')!;
    expect([day.all_day, day.starts_at.toISOString(), day.ends_at.toISOString()]).toEqual([true, '2027-04-30T22:00:00.000Z', '2027-05-01T22:00:00.000Z']);
    const off = byUid.get('abgesagt@repaircafe.example')!;
    expect([off.status, off.ends_at.toISOString()]).toEqual(['cancelled', '2027-03-10T19:00:00.000Z']);
    const windows = byUid.get('outlook@repaircafe.example')!;
    expect([windows.time_zone, windows.starts_at.toISOString()]).toEqual(['Europe/Berlin', '2027-07-15T16:00:00.000Z']);
    expect(await feedRow(feed.id)).toMatchObject({ event_count: 5, held_count: 0, failures: 0, last_error: null });

    expect(await importFeed(platform.ctx, feed, new Date(now.getTime() + 3_600_000))).toEqual({ ok: true, added: 0, updated: 0, removed: 0, unchanged: 5, held: 0, skipped: 1 });
    expect(await eventsOf(feed.id)).toEqual(events);
  });

  it('takes an edited feed over: a changed series is updated, a vanished event removed, an older revision ignored', async () => {
    const initiative = await buildInitiative(platform.ctx);
    web.set('/edit.ics', { body: calendar(berlinZone, series('Repair Café', 1), wholeDay) });
    const feed = await buildFeed(platform.ctx, initiative.id, `${web.url}/edit.ics`);
    await importFeed(platform.ctx, feed, now);
    const before = (await eventsOf(feed.id)).find((event) => event.source_uid === 'treffen@repaircafe.example')!;

    web.set('/edit.ics', { body: calendar(berlinZone, series('Repair Café im Pfarrheim', 2)) });
    expect(await importFeed(platform.ctx, feed, now)).toMatchObject({ ok: true, added: 0, updated: 1, removed: 1 });
    const after = await eventsOf(feed.id);
    expect(after.map((event) => [event.source_uid, event.title, event.sequence])).toEqual([['treffen@repaircafe.example', 'Repair Café im Pfarrheim', 2]]);
    expect(after[0]!.id).toBe(before.id);
    expect(await occurrencesOf(before.id)).toHaveLength(7);

    web.set('/edit.ics', { body: calendar(berlinZone, series('Alter Stand', 1)) });
    expect(await importFeed(platform.ctx, feed, now)).toMatchObject({ ok: true, updated: 0, unchanged: 1 });
    expect((await eventsOf(feed.id))[0]!.title).toBe('Repair Café im Pfarrheim');
  });

  it('keeps the events of a broken feed, records why, and mails the active maintainers once per failing spell', async () => {
    const initiative = await buildInitiative(platform.ctx, { name: 'Repair Café Hetzerath' });
    const keeper = await buildMaintainer(platform.ctx, initiative.id, { email: 'pflege-hetzerath@example.org' });
    const waiting = await buildMaintainer(platform.ctx, initiative.id, { email: 'neu-hetzerath@example.org', status: 'pending' });
    web.set('/bruch.ics', { body: calendar(wholeDay) });
    const feed = await buildFeed(platform.ctx, initiative.id, `${web.url}/bruch.ics`);
    expect(await importFeed(platform.ctx, feed, now)).toMatchObject({ ok: true, added: 1 });
    const kept = await eventsOf(feed.id);

    const broken: [{ body: string; status?: number; type?: string }, string, string][] = [
      [{ body: '<!DOCTYPE html><html><body>Wartungsarbeiten</body></html>', type: 'text/html' }, 'not-ical', 'kein Kalender im iCalendar-Format'],
      [{ body: calendar(wholeDay).slice(0, 120) }, 'truncated', 'endet mitten im Text'],
      [{ body: 'BEGIN:VCALENDAR\r\nkein gültiger Inhalt\r\nEND:VCALENDAR\r\n' }, 'parse-error', 'nicht dem iCalendar-Format'],
      [{ body: 'weg', status: 404, type: 'text/plain' }, 'http-status', 'mit dem Fehler 404 geantwortet'],
    ];
    for (const [answer, reason, sentence] of broken) {
      web.set('/bruch.ics', answer);
      expect(await importFeed(platform.ctx, feed, now)).toMatchObject({ ok: false, reason });
      expect((await feedRow(feed.id)).last_error).toContain(sentence);
    }
    await db().updateTable('initiative_feeds').set({ url: `http://127.0.0.1:${closedPort}/kalender.ics` }).where('id', '=', feed.id).execute();
    expect(await importFeedNow(platform.ctx, feed.id)).toEqual({ ok: false, reason: 'unreachable' });
    expect(await feedRow(feed.id)).toMatchObject({ failures: 5, last_error: 'Der Server des Kalenders war nicht erreichbar.' });
    expect(await eventsOf(feed.id)).toEqual(kept);

    await platform.runJobs();
    const mails = mailsTo(keeper.email!);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Kalender von Repair Café Hetzerath konnte nicht abgerufen werden');
    // The mail says the first failure's reason as it stood when the mail left, and where the entry is.
    expect(mails[0]!.text).toContain('Der Server des Kalenders war nicht erreichbar.');
    expect(mails[0]!.text).toContain(`/initiativen/${initiative.slug}`);
    expect(mailsTo(waiting.email!)).toHaveLength(0);

    // Recovered, then broken anew: one more mail.
    await db().updateTable('initiative_feeds').set({ url: `${web.url}/bruch.ics` }).where('id', '=', feed.id).execute();
    web.set('/bruch.ics', { body: calendar(wholeDay) });
    expect(await importFeedNow(platform.ctx, feed.id)).toMatchObject({ ok: true, unchanged: 1 });
    expect(await feedRow(feed.id)).toMatchObject({ failures: 0, last_error: null });
    web.set('/bruch.ics', { body: 'weg', status: 500, type: 'text/plain' });
    await importFeedNow(platform.ctx, feed.id);
    await importFeedNow(platform.ctx, feed.id);
    await platform.runJobs();
    expect(mailsTo(keeper.email!)).toHaveLength(2);
  });

  it('refuses feeds at internal addresses without requesting them', async () => {
    const initiative = await buildInitiative(platform.ctx);
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://127.0.0.1/kalender.ics', 'http://[::1]/kalender.ics']) {
      const feed = await buildFeed(platform.ctx, initiative.id, url);
      expect(await importFeed(platform.ctx, feed, now)).toEqual({ ok: false, reason: 'blocked-address' });
      expect((await feedRow(feed.id)).last_error).toBe('Die Adresse des Kalenders führt in ein internes Netz, das die Plattform nicht aufruft.');
    }
    const ported = await buildFeed(platform.ctx, initiative.id, 'http://kalender.example:6379/');
    expect(await importFeed(platform.ctx, ported, now)).toEqual({ ok: false, reason: 'blocked-port' });
  });

  it('imports every active feed of a published initiative on schedule; one broken feed stops no other', async () => {
    const published = await buildInitiative(platform.ctx);
    const hidden = await buildInitiative(platform.ctx, { status: 'submitted', published_at: null });
    web.set('/gut.ics', { body: calendar(outlook) });
    const broken = await buildFeed(platform.ctx, published.id, `${web.url}/gibt-es-nicht.ics`);
    const good = await buildFeed(platform.ctx, published.id, `${web.url}/gut.ics`);
    const unpublished = await buildFeed(platform.ctx, hidden.id, `${web.url}/gut.ics`);
    await db().updateTable('initiative_feeds').set({ active: false }).where('initiative_id', '<>', published.id).execute();
    await db().updateTable('initiative_feeds').set({ active: true }).where('id', '=', unpublished.id).execute();

    await platform.ctx.jobs.enqueue(platform.ctx.db, importFeedsJob, {});
    expect(await platform.ctx.jobs.drain(platform.ctx, [importFeedsJob.name])).toBe(1);
    expect((await feedRow(broken.id)).failures).toBe(1);
    expect((await eventsOf(good.id)).map((event) => event.title)).toEqual(['Vorstandssitzung']);
    expect(await eventsOf(unpublished.id)).toEqual([]);
    expect(await importAllFeeds(platform.ctx, now)).toEqual({ imported: 1, failed: 1 });
  });
});
