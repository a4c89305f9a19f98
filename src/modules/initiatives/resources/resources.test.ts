import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInBerlin } from '#kernel/calendar.ts';
import { formatDay } from '#kernel/dates.ts';
import { buildStaff, signInStaff } from '#modules/accounts/test/builders.ts';
import { buildOffice } from '#modules/catalog/test/builders.ts';
import { FormClient } from '#test/http-client.ts';
import { htmlProblems } from '#test/html-validity.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { resourceKeeper } from '../permissions.ts';
import { initiativesDb } from '../repo.ts';
import { buildInitiative } from '../test/builders.ts';
import { purgeRequests, resourcesFor } from './repo.ts';
import { resourcesPart } from './part.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

let made = 0;
async function buildResource(overrides: Record<string, unknown> = {}) {
  made += 1;
  const suffix = `${process.pid}-${made}-${Math.random().toString(36).slice(2, 6)}`;
  return initiativesDb(platform.ctx.db)
    .insertInto('initiative_resources')
    .values({ slug: `ressource-${suffix}`, kind: 'raum', title: `Raum ${suffix}`, summary: 'Ein Raum für Treffen.', office_slug: 'unbekannt', ...overrides })
    .returning(['id', 'slug', 'title'])
    .executeTakeFirstOrThrow();
}

/** A published office with its own address, and a room it keeps. */
async function officeWithRoom(title: string) {
  const email = `${title.toLowerCase().replaceAll(/[^a-z]/g, '')}-${made}@erkelenz.example`;
  const office = await buildOffice(platform.ctx, { title, email });
  const room = await buildResource({ office_slug: office.slug, capacity: 30, location: 'Johannismarkt 17', accessibility: ['stufenlos'] });
  return { office, email, room };
}

async function keeperOf(officeId: string) {
  const staff = await buildStaff(platform.ctx, [{ role: resourceKeeper, scopeKind: 'office', scopeId: officeId }]);
  const client = new FormClient(platform.app);
  await signInStaff(client, staff);
  return { userId: staff.user.id, client };
}

const requestsOf = (resourceId: string) => initiativesDb(platform.ctx.db).selectFrom('initiative_resource_requests').selectAll().where('resource_id', '=', resourceId).execute();
const auditCount = async (action: string, actorId: string) => Number((await sql<{ count: string }>`select count(*) from audit_log where action = ${action} and actor_id = ${actorId}`.execute(platform.ctx.db)).rows[0]!.count);

async function sendRequest(client: FormClient, slug: string, fields: Record<string, string>) {
  await client.get(`/initiativen/ressourcen/${slug}`);
  return client.post(`/initiativen/ressourcen/${slug}/anfragen`, fields);
}

describe('the resources’ public pages', () => {
  it('lists resources grouped by kind, a passed deadline as such and last, filtered by kind and domain, as valid HTML', async () => {
    const today = todayInBerlin();
    const soon = await buildResource({ kind: 'foerderung', title: `Förderung offen ${made}`, deadline: addDays(today, 30), domains: ['klimaschutz'] });
    const passed = await buildResource({ kind: 'foerderung', title: `Förderung vorbei ${made}`, deadline: addDays(today, -3), domains: ['klimaschutz'] });
    const dataset = await buildResource({ kind: 'datensatz', title: `Datensatz ${made}`, dataset_name: 'appointments-monthly-figures', domains: ['bildung'] });
    const client = new FormClient(platform.app);
    const page = await client.get('/initiativen/ressourcen');
    expect(page.status).toBe(200);
    expect(await htmlProblems('/initiativen/ressourcen', page.body)).toEqual([]);
    expect(page.body).toContain('<h2 id="art-foerderung"');
    expect(page.body).toContain(`Frist abgelaufen am ${formatDay(addDays(today, -3))}`);
    expect(page.body.indexOf(soon.title)).toBeLessThan(page.body.indexOf(passed.title));
    expect(page.body).toContain('href="/daten/appointments-monthly-figures"');

    const funding = await client.get('/initiativen/ressourcen?art=foerderung&bereich=klimaschutz');
    expect(funding.body).toContain(soon.title);
    expect(funding.body).not.toContain(dataset.title);
    const education = await client.get('/initiativen/ressourcen?bereich=bildung');
    expect(education.body).toContain(dataset.title);
    expect(education.body).not.toContain(soon.title);
    expect((await client.get('/initiativen/ressourcen?art=schloss')).status).toBe(400);
  });

  it('shows a resource with its office and the request form, or the booking link where the office runs a calendar for it', async () => {
    const { office, room } = await officeWithRoom('Amt für Räume');
    const client = new FormClient(platform.app);
    const url = `/initiativen/ressourcen/${room.slug}`;
    const page = await client.get(url);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Amt für Räume');
    expect(page.body).toContain(`href="/dienststellen/${office.slug}"`);
    expect(page.body).toContain('30 Personen');
    expect(page.body).toContain('name="_csrf"');
    expect(page.body).toContain('name="message"');
    expect(await htmlProblems(url, page.body)).toEqual([]);

    const booked = await buildResource({ office_slug: office.slug, booking_href: '/termine/buchen?leistung=raum-buchen' });
    const bookedPage = await client.get(`/initiativen/ressourcen/${booked.slug}`);
    expect(bookedPage.body).toContain('href="/termine/buchen?leistung=raum-buchen"');
    expect(bookedPage.body).toContain('Termin buchen');
    expect(bookedPage.body).not.toContain('name="message"');
    expect((await client.get('/initiativen/ressourcen/gibt-es-nicht')).status).toBe(404);
  });

  it('lists the resources that fit an initiative’s domains and districts for its page, without funding whose deadline passed', async () => {
    const today = todayInBerlin();
    const fits = await buildResource({ domains: ['mobilitaet'], districts: ['gerderath'] });
    const everywhere = await buildResource({ domains: ['mobilitaet'] });
    const elsewhere = await buildResource({ domains: ['mobilitaet'], districts: ['holzweiler'] });
    const otherDomain = await buildResource({ domains: ['gesundheit'] });
    const over = await buildResource({ kind: 'foerderung', domains: ['mobilitaet'], deadline: addDays(today, -1) });
    const ids = (await resourcesFor(platform.ctx.db, { domains: ['mobilitaet'], districts: ['gerderath'] }, today)).map((row) => row.id);
    expect(ids).toContain(fits.id);
    expect(ids).toContain(everywhere.id);
    expect(ids).not.toContain(elsewhere.id);
    expect(ids).not.toContain(otherDomain.id);
    expect(ids).not.toContain(over.id);
  });
});

describe('a request for a resource', () => {
  it('is stored with a reference, confirmed to the requester and noticed to the owning office', async () => {
    const { email: officeEmail, room } = await officeWithRoom('Amt für Anfragen');
    const initiative = await buildInitiative(platform.ctx, { name: 'Repair-Café Erkelenz' });
    const client = new FormClient(platform.app);
    const day = addDays(todayInBerlin(), 14);
    const sent = await sendRequest(client, room.slug, {
      initiative: initiative.slug,
      organisation: '',
      name: 'Rita Reparatur',
      email: 'rita-anfrage@example.org',
      phone: '02431 123456',
      wantedOn: formatDay(day),
      message: 'Wir möchten einmal im Monat samstags ein Repair-Café veranstalten.',
    });
    expect(sent.status).toBe(303);
    const confirmation = await client.follow(sent);
    expect(confirmation.body).toContain('Anfrage gesendet');
    const stored = await requestsOf(room.id);
    expect(stored).toEqual([expect.objectContaining({ initiative_id: initiative.id, name: 'Rita Reparatur', email: 'rita-anfrage@example.org', phone: '+492431123456', status: 'received' })]);
    expect(confirmation.body).toContain(stored[0]!.reference);
    expect(await htmlProblems(sent.location!, confirmation.body)).toEqual([]);

    await platform.runJobs();
    const mail = platform.smtp.lastTo('rita-anfrage@example.org');
    expect(mail?.subject).toContain(stored[0]!.reference);
    expect(mail?.text).toContain('Repair-Café Erkelenz');
    const notice = platform.smtp.lastTo(officeEmail);
    expect(notice?.subject).toContain(`Neue Anfrage ${stored[0]!.reference}`);
    expect(notice?.text).toContain(`/verwaltung/initiativen/anfragen/${stored[0]!.id}`);
    // The notice names what was asked; the requester's data waits behind the office's login.
    expect(notice?.text).not.toContain('rita-anfrage@example.org');
  });

  it('says in German what is wrong, keeps what was typed, and stores nothing', async () => {
    const { room } = await officeWithRoom('Amt für Fehler');
    const client = new FormClient(platform.app);
    const empty = await sendRequest(client, room.slug, { initiative: '', organisation: 'Nachbarschaftshilfe Lövenich', name: 'Otto Eilig', email: 'kein-at-zeichen', message: '' });
    expect(empty.status).toBe(422);
    expect(empty.body).toContain('value="Nachbarschaftshilfe Lövenich"');
    expect(empty.body).toMatch(/E-Mail-Adresse/);
    expect(await htmlProblems(`/initiativen/ressourcen/${room.slug}`, empty.body)).toEqual([]);
    const past = await client.post(`/initiativen/ressourcen/${room.slug}/anfragen`, {
      initiative: '',
      organisation: 'Nachbarschaftshilfe Lövenich',
      name: 'Otto Eilig',
      email: 'otto-anfrage@example.org',
      wantedOn: formatDay(addDays(todayInBerlin(), -2)),
      message: 'Ein Raum bitte.',
    });
    expect(past.status).toBe(422);
    expect(past.body).toContain('Der gewünschte Tag darf nicht in der Vergangenheit liegen.');
    const nobody = await client.post(`/initiativen/ressourcen/${room.slug}/anfragen`, { initiative: '', organisation: '', name: 'Otto Eilig', email: 'otto-anfrage@example.org', message: 'Ein Raum bitte.' });
    expect(nobody.status).toBe(422);
    expect(nobody.body).toContain('Bitte wählen Sie Ihre Initiative oder nennen Sie Ihre Organisation.');
    expect(await requestsOf(room.id)).toEqual([]);
    expect((await client.post('/initiativen/ressourcen/gibt-es-nicht/anfragen', { organisation: 'X', name: 'Otto', email: 'otto@example.org', message: 'Hallo' })).status).toBe(404);
  });
});

describe('the keepers’ pages', () => {
  it('show a keeper the requests of their office only, record reading them, and send the answer to the requester', async () => {
    const mine = await officeWithRoom('Amt des Hüters');
    const other = await officeWithRoom('Amt der Anderen');
    const client = new FormClient(platform.app);
    await sendRequest(client, mine.room.slug, { organisation: 'Klimagruppe Gerderath', name: 'Karl Klima', email: 'karl-anfrage@example.org', message: 'Ein Raum für zwanzig Leute.' });
    await sendRequest(client, other.room.slug, { organisation: 'Andere Gruppe', name: 'Anna Anders', email: 'anna-anfrage@example.org', message: 'Ein Raum.' });
    const [request] = await requestsOf(mine.room.id);
    const [foreign] = await requestsOf(other.room.id);

    const keeper = await keeperOf(mine.office.id);
    const list = await keeper.client.get('/verwaltung/initiativen/anfragen');
    expect(list.status).toBe(200);
    expect(list.body).toContain(request!.reference);
    expect(list.body).not.toContain(foreign!.reference);
    expect(await htmlProblems('/verwaltung/initiativen/anfragen', list.body)).toEqual([]);
    expect((await keeper.client.get(`/verwaltung/initiativen/anfragen/${foreign!.id}`)).status).toBe(404);
    expect((await keeper.client.post(`/verwaltung/initiativen/anfragen/${foreign!.id}/antworten`, { decision: 'accepted', answer: 'Ja.' })).status).toBe(404);

    const detailUrl = `/verwaltung/initiativen/anfragen/${request!.id}`;
    const detail = await keeper.client.get(detailUrl);
    expect(detail.status).toBe(200);
    expect(detail.body).toContain('karl-anfrage@example.org');
    expect(await htmlProblems(detailUrl, detail.body)).toEqual([]);
    expect(await auditCount('initiatives.request-viewed', keeper.userId)).toBe(1);

    const missing = await keeper.client.post(`${detailUrl}/antworten`, { decision: 'accepted', answer: '' });
    expect(missing.status).toBe(422);
    const answered = await keeper.client.post(`${detailUrl}/antworten`, { decision: 'accepted', answer: 'Der Raum ist am Dienstag ab 18 Uhr für Sie reserviert.' });
    expect(answered.status).toBe(303);
    expect((await keeper.client.follow(answered)).body).toContain('Die Antwort wurde gesendet.');
    expect((await requestsOf(mine.room.id))[0]).toEqual(expect.objectContaining({ status: 'accepted', handled_by: keeper.userId }));
    expect(await auditCount('initiatives.request-accepted', keeper.userId)).toBe(1);
    await platform.runJobs();
    const mail = platform.smtp.lastTo('karl-anfrage@example.org');
    expect(mail?.subject).toContain('Zusage');
    expect(mail?.text).toContain('Der Raum ist am Dienstag ab 18 Uhr für Sie reserviert.');
    // Answering twice is a conflict, not a second mail.
    expect((await keeper.client.post(`${detailUrl}/antworten`, { decision: 'declined', answer: 'Doch nicht.' })).status).toBe(409);

    // A request written in English is answered in English.
    const english = new FormClient(platform.app);
    await english.get(`/initiativen/ressourcen/${mine.room.slug}?lang=en`);
    expect((await english.post(`/initiativen/ressourcen/${mine.room.slug}/anfragen`, { organisation: 'Expat Club', name: 'Emma English', email: 'emma-anfrage@example.org', message: 'A room for ten people.' })).status).toBe(303);
    const emma = (await requestsOf(mine.room.id)).find((row) => row.email === 'emma-anfrage@example.org')!;
    expect(emma.language).toBe('en');
    await keeper.client.get(`/verwaltung/initiativen/anfragen/${emma.id}`);
    expect((await keeper.client.post(`/verwaltung/initiativen/anfragen/${emma.id}/antworten`, { decision: 'declined', answer: 'Leider ist der Raum belegt.' })).status).toBe(303);
    await platform.runJobs();
    expect(platform.smtp.lastTo('emma-anfrage@example.org')?.subject).toContain('Answer to your request');
  });

  it('turn away staff without the role and visitors', async () => {
    const editor = await buildStaff(platform.ctx, [{ role: 'catalog-editor' }]);
    const client = new FormClient(platform.app);
    await signInStaff(client, editor);
    expect((await client.get('/verwaltung/initiativen/anfragen')).status).toBe(403);
    const visitor = await new FormClient(platform.app).get('/verwaltung/initiativen/anfragen');
    expect([302, 303, 401]).toContain(visitor.status);
  });
});

describe('the requests’ retention', () => {
  it('removes the requester’s data 180 days after the answer, or 365 days after an unanswered request', async () => {
    const { room } = await officeWithRoom('Amt für Fristen');
    const db = initiativesDb(platform.ctx.db);
    const now = new Date();
    const ago = (days: number) => new Date(now.getTime() - days * 86_400_000);
    const base = { resource_id: room.id, name: 'Person', email: 'person@example.org', phone: '+492431850', organisation: 'Verein', message: 'Nachricht' };
    const rows = await db
      .insertInto('initiative_resource_requests')
      .values([
        { ...base, reference: `R-OLD-${made}-1`, created_at: ago(400), handled_at: ago(181), status: 'accepted', answer: 'Ja' },
        { ...base, reference: `R-OLD-${made}-2`, created_at: ago(400), handled_at: ago(100), status: 'accepted', answer: 'Ja' },
        { ...base, reference: `R-OLD-${made}-3`, created_at: ago(366) },
        { ...base, reference: `R-OLD-${made}-4`, created_at: ago(300) },
      ])
      .returning(['id', 'reference'])
      .execute();
    expect(await purgeRequests(db, now)).toBeGreaterThanOrEqual(2);
    const after = await db.selectFrom('initiative_resource_requests').select(['reference', 'name', 'email', 'phone', 'organisation', 'message', 'answer']).where('id', 'in', rows.map((row) => row.id)).orderBy('reference').execute();
    expect(after.map((row) => row.name)).toEqual([null, 'Person', null, 'Person']);
    expect(after[0]).toEqual(expect.objectContaining({ email: null, phone: null, organisation: null, message: '', answer: null }));
    expect(resourcesPart.retention?.[0]?.columns).toEqual(expect.arrayContaining(['name', 'email', 'phone', 'organisation', 'message']));
  });
});
