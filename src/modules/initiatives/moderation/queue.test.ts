import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '#kernel/auth/actor.ts';
import { consentHistory, recordConsent } from '#modules/accounts/index.ts';
import { buildCitizen, buildStaff, signInStaff } from '#modules/accounts/test/builders.ts';
import { searchDocuments } from '#kernel/search/index.ts';
import { reindexInitiative } from '../search.ts';
import { FormClient } from '#test/http-client.ts';
import { htmlProblems } from '#test/html-validity.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { moderator } from '../permissions.ts';
import { initiativesDb } from '../repo.ts';
import { buildEvent, buildInitiative, buildMaintainer } from '../test/builders.ts';
import { moderationPersonalData, moderationRetention } from './privacy.ts';
import { proposerSubject, publishConsent } from './service.propose.ts';
import { daysSince } from './views/queue.tsx';

let platform: TestPlatform;
let client: FormClient;
beforeAll(async () => {
  platform = await createTestPlatform();
  const staff = await buildStaff(platform.ctx, [{ role: moderator }]);
  client = new FormClient(platform.app);
  await signInStaff(client, staff);
});
afterAll(async () => {
  await platform.close();
});

const db = () => initiativesDb(platform.ctx.db);
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000 - 60_000);

describe('the moderators’ queue', () => {
  it('shows each section with its count and how long each item has waited, oldest first', async () => {
    await buildInitiative(platform.ctx, { name: 'Neuer Vorschlag A', status: 'submitted', submitted_at: daysAgo(1), published_at: null });
    await buildInitiative(platform.ctx, { name: 'Alter Vorschlag B', status: 'submitted', submitted_at: daysAgo(3), published_at: null });
    await buildInitiative(platform.ctx, { name: 'Gefragte Initiative', status: 'question', published_at: null, moderator_question: 'Wo?', updated_at: daysAgo(2) });
    await buildInitiative(platform.ctx, { name: 'Geänderte Initiative', edited_at: daysAgo(0), edit_reviewed_at: daysAgo(5) });
    await buildInitiative(platform.ctx, { name: 'Gesehene Initiative', edited_at: daysAgo(5), edit_reviewed_at: daysAgo(1) });
    await buildInitiative(platform.ctx, { name: 'Vergessene Initiative', confirmed_current_at: daysAgo(400) });
    const host = await buildInitiative(platform.ctx, { name: 'Initiative mit Feed' });
    await buildEvent(platform.ctx, host.id, { status: 'held' });
    await buildMaintainer(platform.ctx, host.id, { name: 'Neue Betreuerin', email: 'neu-betreuerin@example.org', status: 'pending', approved_at: null });

    const page = await client.get('/verwaltung/initiativen');
    expect(page.status).toBe(200);
    const body = page.body;
    expect(body).toContain('Vorschläge zur Prüfung (2)');
    expect(body.indexOf('Alter Vorschlag B')).toBeLessThan(body.indexOf('Neuer Vorschlag A'));
    expect(body).toContain('wartet seit 3 Tagen');
    expect(body).toContain('wartet seit 1 Tag');
    expect(body).toContain('Rückfragen ohne Antwort (1)');
    expect(body).toContain('gefragt vor 2 Tagen');
    expect(body).toContain('Änderungen durch Betreuende, noch nicht gesehen (1)');
    expect(body).toContain('Geänderte Initiative');
    expect(body).not.toContain('Gesehene Initiative');
    expect(body).toContain('Neue Betreuende zur Freigabe (1)');
    expect(body).toContain('Neue Betreuerin (neu-betreuerin@example.org)');
    expect(body).toContain('Seit über einem Jahr nicht als aktuell bestätigt (1)');
    expect(body).toContain('zuletzt bestätigt vor 400 Tagen');
    expect(body).toContain('Zurückgehaltene Termine aus Kalender-Feeds (1)');
    expect(body).toContain('href="/verwaltung/initiativen/termine-zurueckgehalten"');
    expect(await htmlProblems('/verwaltung/initiativen', body)).toEqual([]);
  });

  it('marks an edit as seen, and approves or refuses a new maintainer with a mail to the approved one', async () => {
    const edited = await buildInitiative(platform.ctx, { name: 'Frisch geändert', edited_at: new Date() });
    await client.get('/verwaltung/initiativen');
    const seen = await client.post(`/verwaltung/initiativen/${edited.id}/gesehen`, {});
    expect(seen.status).toBe(303);
    expect((await client.follow(seen)).body).toContain('Die Änderung ist als gesehen markiert.');
    const row = await db().selectFrom('initiatives').select(['edited_at', 'edit_reviewed_at']).where('id', '=', edited.id).executeTakeFirstOrThrow();
    expect(row.edit_reviewed_at!.getTime()).toBeGreaterThanOrEqual(row.edited_at!.getTime());

    const entry = await buildInitiative(platform.ctx, { name: 'Mit neuen Betreuenden' });
    const wanted = await buildMaintainer(platform.ctx, entry.id, { name: 'Willkommen', email: 'willkommen@example.org', status: 'pending', approved_at: null });
    const unwanted = await buildMaintainer(platform.ctx, entry.id, { name: 'Fremd', email: 'fremd@example.org', status: 'pending', approved_at: null });
    await client.get('/verwaltung/initiativen');
    expect((await client.post(`/verwaltung/initiativen/betreuende/${wanted.id}/freigeben`, {})).status).toBe(303);
    await client.get('/verwaltung/initiativen');
    expect((await client.post(`/verwaltung/initiativen/betreuende/${unwanted.id}/ablehnen`, {})).status).toBe(303);
    const statuses = await db().selectFrom('initiative_maintainers').select(['name', 'email', 'status']).where('initiative_id', '=', entry.id).orderBy('status').execute();
    expect(statuses).toEqual([
      { name: 'Willkommen', email: 'willkommen@example.org', status: 'active' },
      { name: null, email: null, status: 'removed' },
    ]);
    // Deciding twice is a conflict.
    await client.get('/verwaltung/initiativen');
    expect((await client.post(`/verwaltung/initiativen/betreuende/${wanted.id}/ablehnen`, {})).status).toBe(409);
    await platform.runJobs();
    expect(platform.smtp.lastTo('willkommen@example.org')?.text).toContain('/initiativen/pflegen');
    expect(platform.smtp.lastTo('fremd@example.org')).toBeUndefined();
    const audit = await platform.ctx.db.selectFrom('audit_log').select('action').where('subject_id', '=', entry.id).execute();
    expect(audit.map((r) => r.action).sort()).toEqual(['initiatives.maintainer-approved', 'initiatives.maintainer-refused']);
  });

  it('withdraws a published entry only with a reason', async () => {
    const entry = await buildInitiative(platform.ctx, { name: 'Zum Zurückziehen' });
    await platform.ctx.db.transaction().execute((trx) => reindexInitiative(trx, entry.id));
    expect((await searchDocuments(platform.ctx, 'Zum Zurückziehen', 'de')).hits.map((hit) => hit.url)).toContain(`/initiativen/${entry.slug}`);
    const path = `/verwaltung/initiativen/${entry.id}`;
    const page = await client.get(path);
    expect(page.body).toContain('Zurückziehen');
    expect(page.body).not.toContain('Rückfrage senden');
    expect((await client.post(`${path}/withdraw`, { 'note-withdraw': '' })).status).toBe(422);
    await client.get(path);
    expect((await client.post(`${path}/withdraw`, { 'note-withdraw': 'Gibt es nicht mehr.' })).status).toBe(303);
    expect((await db().selectFrom('initiatives').select('status').where('id', '=', entry.id).executeTakeFirstOrThrow()).status).toBe('withdrawn');
    expect((await searchDocuments(platform.ctx, 'Zum Zurückziehen', 'de')).hits).toEqual([]);
  });
});

describe('what proposing keeps about people', () => {
  it('deletes unconfirmed proposals after 3 days, the contacts and maintainers of rejected entries after 90 days, and expired keys', async () => {
    const old = await buildInitiative(platform.ctx, { name: 'Nie bestätigt', status: 'unconfirmed', published_at: null, created_at: daysAgo(4) });
    const fresh = await buildInitiative(platform.ctx, { name: 'Gerade vorgeschlagen', status: 'unconfirmed', published_at: null });
    const rejected = await buildInitiative(platform.ctx, { name: 'Lange abgelehnt', status: 'rejected', published_at: null, contact_name: 'Karl Kontakt', updated_at: daysAgo(91) });
    const recent = await buildInitiative(platform.ctx, { name: 'Kürzlich abgelehnt', status: 'rejected', published_at: null, contact_name: 'Rita Rest', updated_at: daysAgo(10) });
    const gone = await buildMaintainer(platform.ctx, rejected.id, { status: 'pending' });
    const staying = await buildMaintainer(platform.ctx, recent.id, { status: 'pending' });
    for (const maintainer of [gone, staying]) {
      await recordConsent(platform.ctx.db, { subject: proposerSubject(maintainer.id), purpose: publishConsent, decision: 'given', wording: 'Einverstanden.', language: 'de', channel: 'online', actor: systemActor('test') });
    }
    await db().insertInto('initiative_keys').values([
      { key_hash: `abgelaufen-${old.id}`, initiative_id: fresh.id, purpose: 'confirm', expires_at: daysAgo(1) },
      { key_hash: `gueltig-${old.id}`, initiative_id: fresh.id, purpose: 'confirm', expires_at: new Date(Date.now() + 86_400_000) },
    ]).execute();

    const now = new Date();
    for (const rule of moderationRetention) await rule.purge(platform.ctx.db, now, platform.ctx.config, platform.ctx);

    const names = (await db().selectFrom('initiatives').select('name').where('id', 'in', [old.id, fresh.id]).execute()).map((r) => r.name);
    expect(names).toEqual(['Gerade vorgeschlagen']);
    expect(await db().selectFrom('initiatives').select(['contact_name', 'contact_email']).where('id', '=', rejected.id).executeTakeFirstOrThrow()).toEqual({ contact_name: null, contact_email: null });
    expect((await db().selectFrom('initiatives').select('contact_name').where('id', '=', recent.id).executeTakeFirstOrThrow()).contact_name).toBe('Rita Rest');
    expect(await db().selectFrom('initiative_maintainers').select('id').where('initiative_id', '=', rejected.id).execute()).toEqual([]);
    expect(await db().selectFrom('initiative_maintainers').select('id').where('initiative_id', '=', recent.id).execute()).toHaveLength(1);
    // The proof of consent goes with the maintainer, and only with them.
    expect(await consentHistory(platform.ctx.db, proposerSubject(gone.id))).toEqual([]);
    expect(await consentHistory(platform.ctx.db, proposerSubject(staying.id))).toEqual([expect.objectContaining({ decision: 'given', wording: 'Einverstanden.' })]);
    expect((await db().selectFrom('initiative_keys').select('key_hash').where('initiative_id', '=', fresh.id).execute()).map((r) => r.key_hash)).toEqual([`gueltig-${old.id}`]);
  });

  it('puts a person’s maintainer rows into their data download and erases them with the account, keeping the entry', async () => {
    const citizen = await buildCitizen(platform.ctx);
    const entry = await buildInitiative(platform.ctx, { name: 'Gepflegt von Konto' });
    await buildMaintainer(platform.ctx, entry.id, { name: 'Konto Person', email: 'konto-person@example.org', user_id: citizen.user.id });
    const exported = await moderationPersonalData.export(platform.ctx.db, citizen.user.id, platform.ctx);
    expect(exported).toEqual({ initiativeMaintainers: [expect.objectContaining({ initiative: 'Gepflegt von Konto', name: 'Konto Person', email: 'konto-person@example.org', status: 'active' })] });
    await moderationPersonalData.erase(platform.ctx.db, citizen.user.id, platform.ctx);
    expect(await db().selectFrom('initiative_maintainers').select('id').where('initiative_id', '=', entry.id).execute()).toEqual([]);
    expect((await db().selectFrom('initiatives').select('name').where('id', '=', entry.id).executeTakeFirst())?.name).toBe('Gepflegt von Konto');
  });

  it('counts whole days waited', () => {
    const now = new Date('2026-12-10T12:00:00Z');
    expect(daysSince(new Date('2026-12-10T08:00:00Z'), now)).toBe(0);
    expect(daysSince(new Date('2026-12-07T11:00:00Z'), now)).toBe(3);
    expect(daysSince(null, now)).toBe(0);
  });
});
