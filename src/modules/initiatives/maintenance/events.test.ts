import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormClient } from '#test/http-client.ts';
import { htmlProblems } from '#test/html-validity.ts';
import { initiativesDb } from '../repo.ts';
import { buildEvent, buildInitiative, buildMaintainer, maintainerBrowser as openMaintenance, maintenanceLinkIn } from '../test/builders.ts';
import { askToConfirm } from './jobs.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const db = () => initiativesDb(platform.ctx.db);
const maintainerBrowser = (email: string, overrides: Parameters<typeof buildInitiative>[1] = {}) => openMaintenance(platform, email, overrides);

/** A Berlin day some weeks ahead, as the form takes it, and its weekday. */
const ahead = (weeks: number) => DateTime.now().setZone('Europe/Berlin').plus({ weeks }).startOf('day');

describe('events a maintainer enters', () => {
  it('stores a weekly event with its rule, its exceptions and its occurrences, at Berlin wall-clock time', async () => {
    const { initiative, client, base } = await maintainerBrowser('termine@example.org');
    const form = await client.get(`${base}/termine/neu`);
    expect(form.status).toBe(200);
    expect(await htmlProblems(`${base}/termine/neu`, form.body)).toEqual([]);
    const first = ahead(1);
    const skipped = first.plus({ weeks: 2 });
    const sent = await client.post(`${base}/termine/neu`, {
      title: 'Reparatur-Treff',
      day: first.toFormat('dd.MM.yyyy'),
      startTime: '18:00',
      endTime: '20:30',
      location: 'Pfarrheim Gerderath',
      district: 'gerderath',
      accessibility: 'stufenlos',
      repeat: 'weekly',
      lastDay: first.plus({ weeks: 5 }).toFormat('dd.MM.yyyy'),
      skipDays: skipped.toFormat('dd.MM.yyyy'),
    });
    expect(sent.status).toBe(303);
    const event = await db().selectFrom('initiative_events').selectAll().where('initiative_id', '=', initiative.id).executeTakeFirstOrThrow();
    expect(event).toMatchObject({ title: 'Reparatur-Treff', district: 'gerderath', accessibility: ['stufenlos'], time_zone: 'Europe/Berlin', feed_id: null, status: 'published' });
    expect(event.rrule).toMatch(/^FREQ=WEEKLY;UNTIL=\d{8}T\d{6}Z$/);
    expect(event.exdates).toHaveLength(1);
    const occurrences = await db().selectFrom('initiative_event_occurrences').selectAll().where('event_id', '=', event.id).orderBy('starts_at').execute();
    // Six weeks from the first day, one skipped: five evenings, each at 18:00 in Berlin.
    expect(occurrences).toHaveLength(5);
    for (const occurrence of occurrences) expect(DateTime.fromJSDate(occurrence.starts_at, { zone: 'Europe/Berlin' }).toFormat('HH:mm')).toBe('18:00');
    expect(occurrences.map((o) => DateTime.fromJSDate(o.starts_at, { zone: 'Europe/Berlin' }).toISODate())).not.toContain(skipped.toISODate());
    const audit = await platform.ctx.db.selectFrom('audit_log').select(['action', 'subject_type']).where('subject_id', '=', initiative.id).where('action', '=', 'initiatives.event-added').execute();
    expect(audit).toEqual([{ action: 'initiatives.event-added', subject_type: 'initiatives.initiative' }]);

    // Shown again as entered, then moved to every two weeks: the occurrences follow in the same step.
    const edit = await client.get(`${base}/termine/${event.id}`);
    expect(edit.body).toContain(`value="${first.toFormat('dd.MM.yyyy')}"`);
    expect(edit.body).toMatch(/value="weekly"[^>]*checked|checked[^>]*value="weekly"/);
    const moved = await client.post(`${base}/termine/${event.id}`, { title: 'Reparatur-Treff', day: first.toFormat('dd.MM.yyyy'), startTime: '18:00', endTime: '20:30', repeat: 'biweekly', lastDay: first.plus({ weeks: 5 }).toFormat('dd.MM.yyyy') });
    expect(moved.status).toBe(303);
    expect(await db().selectFrom('initiative_event_occurrences').select('starts_at').where('event_id', '=', event.id).execute()).toHaveLength(3);
    const cancelled = await client.post(`${base}/termine/${event.id}/absagen`, {});
    expect(cancelled.status).toBe(303);
    expect((await db().selectFrom('initiative_events').select(['status', 'sequence']).where('id', '=', event.id).executeTakeFirstOrThrow())).toEqual({ status: 'cancelled', sequence: 2 });
    expect((await client.get(`${base}/termine/${event.id}`)).status).toBe(409);
  });

  it('refuses an end before the start and an impossible day with 422 in German, keeping what was typed', async () => {
    const { initiative, client, base } = await maintainerBrowser('termine-falsch@example.org');
    await client.get(`${base}/termine/neu`);
    const late = await client.post(`${base}/termine/neu`, { title: 'Spätschicht', day: ahead(1).toFormat('dd.MM.yyyy'), startTime: '20:00', endTime: '19:00', repeat: 'none' });
    expect(late.status).toBe(422);
    expect(late.body).toContain('Das Ende muss nach dem Beginn liegen.');
    expect(late.body).toContain('value="Spätschicht"');
    expect(await htmlProblems(`${base}/termine/neu`, late.body)).toEqual([]);
    const skip = await client.post(`${base}/termine/neu`, { title: 'Spätschicht', day: ahead(1).toFormat('dd.MM.yyyy'), startTime: '18:00', endTime: '19:00', repeat: 'weekly', skipDays: 'irgendwann' });
    expect(skip.status).toBe(422);
    expect(skip.body).toContain('„irgendwann“ ist kein Tag.');
    expect(await db().selectFrom('initiative_events').select('id').where('initiative_id', '=', initiative.id).execute()).toEqual([]);
  });

  it('creates an event once when the form is sent twice', async () => {
    const { initiative, client, base } = await maintainerBrowser('termine-doppelt@example.org');
    const form = await client.get(`${base}/termine/neu`);
    const formKey = /name="_formKey" value="([^"]+)"/.exec(form.body)?.[1];
    expect(formKey).toBeDefined();
    const fields = { _formKey: formKey!, title: 'Doppelklick', day: ahead(2).toFormat('dd.MM.yyyy'), startTime: '10:00', endTime: '12:00', repeat: 'none' };
    expect((await client.post(`${base}/termine/neu`, fields)).status).toBe(303);
    expect((await client.post(`${base}/termine/neu`, fields)).status).toBe(303);
    expect(await db().selectFrom('initiative_events').select('id').where('initiative_id', '=', initiative.id).execute()).toHaveLength(1);
  });

  it('does not let a maintainer change an event of another entry or an imported one', async () => {
    const { client, base } = await maintainerBrowser('termine-fremd@example.org');
    const other = await buildInitiative(platform.ctx);
    const foreign = await buildEvent(platform.ctx, other.id);
    expect((await client.get(`${base}/termine/${foreign.id}`)).status).toBe(404);
    await client.get(`${base}/termine/neu`);
    expect((await client.post(`${base}/termine/${foreign.id}/absagen`, {})).status).toBe(404);
    expect((await db().selectFrom('initiative_events').select('status').where('id', '=', foreign.id).executeTakeFirstOrThrow()).status).toBe('published');
  });
});

describe('feeds and further maintainers', () => {
  it('registers an http(s) feed and shows how its import went', async () => {
    const { initiative, client, base } = await maintainerBrowser('feed@example.org');
    await client.get(base);
    const refused = await client.post(`${base}/feeds`, { feedUrl: 'ftp://kalender.example.org/cafe.ics' });
    expect(refused.status).toBe(422);
    expect(refused.body).toContain('Bitte geben Sie eine Adresse an, die mit http:// oder https:// beginnt.');
    expect(refused.body).toContain('value="ftp://kalender.example.org/cafe.ics"');
    const added = await client.post(`${base}/feeds`, { feedUrl: 'https://kalender.example.org/cafe.ics' });
    expect(added.status).toBe(303);
    // Read at once, not at the next hour: the host is unknown, so the attempt is recorded as failed.
    await platform.runJobs();
    expect((await db().selectFrom('initiative_feeds').select(['last_fetched_at', 'failures']).where('initiative_id', '=', initiative.id).executeTakeFirstOrThrow())).toMatchObject({ last_fetched_at: expect.any(Date), failures: 1 });
    await db().updateTable('initiative_feeds').set({ last_error: 'Der Server antwortete mit 404.', event_count: 7, held_count: 2 }).where('initiative_id', '=', initiative.id).execute();
    const page = await client.get(base);
    expect(page.body).toContain('https://kalender.example.org/cafe.ics');
    expect(page.body).toContain('Der Server antwortete mit 404.');
    const again = await client.post(`${base}/feeds`, { feedUrl: 'https://kalender.example.org/cafe.ics' });
    expect(again.status).toBe(422);
    expect(again.body).toContain('Dieser Feed ist schon eingetragen.');
  });

  it('adds a further maintainer as pending and never removes the last active one', async () => {
    const { initiative, maintainer, client, base } = await maintainerBrowser('erste@example.org');
    await client.get(base);
    const added = await client.post(`${base}/betreuende`, { maintainerName: 'Zweite Person', maintainerEmail: 'zweite@example.org' });
    expect(added.status).toBe(303);
    const second = await db().selectFrom('initiative_maintainers').selectAll().where('initiative_id', '=', initiative.id).where('email', '=', 'zweite@example.org').executeTakeFirstOrThrow();
    expect(second.status).toBe('pending');
    await client.get(base);
    const last = await client.post(`${base}/betreuende/${maintainer.id}/entfernen`, {});
    expect(last.status).toBe(409);
    expect(last.body).toContain('Die letzte aktive betreuende Person kann nicht entfernt werden.');
    await client.get(base);
    expect((await client.post(`${base}/betreuende/${second.id}/entfernen`, {})).status).toBe(303);
    expect((await db().selectFrom('initiative_maintainers').select(['status', 'email']).where('id', '=', second.id).executeTakeFirstOrThrow())).toEqual({ status: 'removed', email: null });
  });
});

describe('the yearly question', () => {
  it('asks each active maintainer of an entry not confirmed for eleven months once, with a working link', async () => {
    const stale = await buildInitiative(platform.ctx, { confirmed_current_at: new Date(Date.now() - 340 * 86_400_000) });
    const fresh = await buildInitiative(platform.ctx);
    await buildMaintainer(platform.ctx, stale.id, { email: 'jahr-eins@example.org' });
    await buildMaintainer(platform.ctx, stale.id, { email: 'jahr-zwei@example.org' });
    await buildMaintainer(platform.ctx, stale.id, { email: 'jahr-wartet@example.org', status: 'pending' });
    await buildMaintainer(platform.ctx, fresh.id, { email: 'jahr-frisch@example.org' });
    await askToConfirm(platform.ctx);
    const mail = platform.smtp.lastTo('jahr-eins@example.org');
    expect(mail?.subject).toContain(stale.name);
    expect(platform.smtp.lastTo('jahr-zwei@example.org')).toBeDefined();
    expect(platform.smtp.lastTo('jahr-wartet@example.org')).toBeUndefined();
    expect(platform.smtp.lastTo('jahr-frisch@example.org')).toBeUndefined();
    // Asked once: the next day's run sends nothing new.
    expect(await askToConfirm(platform.ctx, new Date(Date.now() + 86_400_000))).toBe(0);

    const client = new FormClient(platform.app);
    const link = maintenanceLinkIn(mail?.text);
    await client.get(link!);
    await client.post(link!, {});
    await client.get(`/initiativen/pflegen/${stale.id}`);
    expect((await client.post(`/initiativen/pflegen/${stale.id}/aktuell`, {})).status).toBe(303);
    const row = await db().selectFrom('initiatives').select(['confirmed_current_at', 'confirm_requested_at']).where('id', '=', stale.id).executeTakeFirstOrThrow();
    expect(row.confirmed_current_at!.getTime()).toBeGreaterThan(row.confirm_requested_at!.getTime());
  });
});
