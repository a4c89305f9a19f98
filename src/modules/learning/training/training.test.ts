import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInBerlin } from '#kernel/calendar.ts';
import { formatDay } from '#kernel/dates.ts';
import { buildCitizen, buildStaff, signInStaff } from '#modules/accounts/test/builders.ts';
import { FormClient } from '#test/http-client.ts';
import { htmlProblems } from '#test/html-validity.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { trainingCoordinator } from '../permissions.ts';
import { recordCourseCompletion, trainingFigures } from './index.ts';
import { trainingDb } from './repo.ts';
import { ownTraining } from './service.ts';
import { trainingPersonalData, trainingRetention } from './privacy.ts';
import { expiryOf } from './status.ts';
import { buildRecord, buildRequirement, buildStaffCourse } from './test/builders.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const today = todayInBerlin();
const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

async function signedIn(roles: { role: string; scopeKind?: string; scopeId?: string }[], name?: string) {
  const staff = await buildStaff(platform.ctx, roles, name ? { display_name: name } : {});
  const client = new FormClient(platform.app);
  await signInStaff(client, staff);
  return { ...staff, client };
}

const recordsOf = (userId: string) => trainingDb(platform.ctx.db).selectFrom('learning_training_records').selectAll().where('user_id', '=', userId).execute();
const auditOf = async (action: string, actorId: string) =>
  (await sql<{ data_subject_id: string | null; meta: Record<string, unknown> }>`select data_subject_id, meta from audit_log where action = ${action} and actor_id = ${actorId} order by id`.execute(platform.ctx.db)).rows;

describe('the coordinator’s page of who is due', () => {
  it('lists expired, then missing, then expiring soon, not the current, filterable by requirement, as valid HTML, and records the reading', async () => {
    const { key, title } = await buildRequirement(platform.ctx, { title: 'Datenschutz Prüfung' });
    await buildRequirement(platform.ctx, { title: 'Brandschutz Prüfung', roles: ['trainer'] });
    const expired = await buildStaff(platform.ctx, [], { display_name: 'Zora Abgelaufen' });
    const missing = await buildStaff(platform.ctx, [], { display_name: 'Anton Fehlt' });
    const expiring = await buildStaff(platform.ctx, [], { display_name: 'Berta Bald' });
    const current = await buildStaff(platform.ctx, [], { display_name: 'Carla Gültig' });
    await buildRecord(platform.ctx, { userId: expired.user.id, requirementKey: key, completedOn: addDays(today, -800), expiresOn: addDays(today, -70) });
    await buildRecord(platform.ctx, { userId: expiring.user.id, requirementKey: key, completedOn: addDays(today, -700), expiresOn: addDays(today, 20) });
    await buildRecord(platform.ctx, { userId: current.user.id, requirementKey: key, completedOn: addDays(today, -10), expiresOn: addDays(today, 700) });
    const coordinator = await signedIn([{ role: trainingCoordinator }]);

    const page = await coordinator.client.get(`/verwaltung/fortbildung?anforderung=${key}`);
    expect(page.status).toBe(200);
    expect(await htmlProblems('/verwaltung/fortbildung', page.body)).toEqual([]);
    const order = ['Zora Abgelaufen', 'Anton Fehlt', 'Berta Bald'].map((name) => page.body.indexOf(name));
    expect(order.every((at) => at > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(page.body).not.toContain('Carla Gültig');
    expect(page.body).toContain(`Abgelaufen am ${formatDay(addDays(today, -70))} (vor 70 Tagen)`);
    expect(page.body).toContain(`Gültig bis ${formatDay(addDays(today, 20))} (noch 20 Tage)`);
    expect(page.body).toContain(title);
    expect(page.body).toContain(`href="/verwaltung/fortbildung/personen/${missing.user.id}"`);
    expect(await auditOf('learning.training-due-viewed', coordinator.user.id)).toEqual([expect.objectContaining({ meta: expect.objectContaining({ requirement: key }) })]);

    const csv = await coordinator.client.get(`/verwaltung/fortbildung/faellig.csv?anforderung=${key}`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Person;Fortbildung;Stand;Gültig bis;Tage bis zum Ablauf;Tage überfällig');
    // The coordinator is on the staff too, and has not done it either.
    expect(lines.slice(1).filter((line) => !line.startsWith('Mitarbeiterin'))).toEqual([
      `Zora Abgelaufen;${title};Abgelaufen;${formatDay(addDays(today, -70))};;70`,
      `Anton Fehlt;${title};Fehlt;;;`,
      `Berta Bald;${title};Läuft bald ab;${formatDay(addDays(today, 20))};20;`,
    ]);
    expect(await auditOf('learning.training-due-exported', coordinator.user.id)).toHaveLength(1);

    // Unfiltered, the requirement for trainers does not concern these people, so it lists none of them for it.
    const all = await coordinator.client.get('/verwaltung/fortbildung');
    expect(all.status).toBe(200);
    expect(all.body).toContain('Anton Fehlt');
    expect((await coordinator.client.get('/verwaltung')).body).toContain('href="/verwaltung/fortbildung"');
  });

  it('is refused to staff without the permission, on every route, and sends a visitor to the sign-in', async () => {
    const person = await buildStaff(platform.ctx, []);
    const caseworker = await signedIn([{ role: 'trainer' }]);
    expect((await caseworker.client.get('/verwaltung/fortbildung')).status).toBe(403);
    expect((await caseworker.client.get(`/verwaltung/fortbildung/personen/${person.user.id}`)).status).toBe(403);
    await caseworker.client.get('/verwaltung/meine-fortbildungen');
    const posted = await caseworker.client.postMultipart(`/verwaltung/fortbildung/personen/${person.user.id}/nachweise`, { requirement: 'x', completedOn: formatDay(today), courseTitle: 'Kurs', provider: 'Anbieter' });
    expect(posted.status).toBe(403);
    expect(await recordsOf(person.user.id)).toEqual([]);
    const dashboard = (await caseworker.client.get('/verwaltung')).body;
    expect(dashboard).not.toContain('href="/verwaltung/fortbildung"');
    // Their own trainings are a task of every member of staff.
    expect(dashboard).toContain('href="/verwaltung/meine-fortbildungen"');
    const visitor = await new FormClient(platform.app).get('/verwaltung/fortbildung');
    expect(visitor.status).toBe(303);
  });
});

describe('a person’s records', () => {
  it('are shown to the coordinator with the standing, as valid HTML, the reading recorded about the person; a citizen or unknown id is not found', async () => {
    const { key } = await buildRequirement(platform.ctx, { title: 'Informationssicherheit Person' });
    const person = await buildStaff(platform.ctx, [], { display_name: 'Paula Person' });
    await buildRecord(platform.ctx, { userId: person.user.id, requirementKey: key, completedOn: addDays(today, -30), expiresOn: addDays(today, 335), courseTitle: 'Phishing erkennen' });
    const coordinator = await signedIn([{ role: trainingCoordinator }]);
    const url = `/verwaltung/fortbildung/personen/${person.user.id}`;
    const page = await coordinator.client.get(url);
    expect(page.status).toBe(200);
    expect(await htmlProblems(url, page.body)).toEqual([]);
    expect(page.body).toContain('Paula Person');
    expect(page.body).toContain('Phishing erkennen (Studieninstitut)');
    expect(page.body).toContain('Gültig');
    expect(await auditOf('learning.training-records-viewed', coordinator.user.id)).toEqual([expect.objectContaining({ data_subject_id: person.user.id })]);

    const citizen = await buildCitizen(platform.ctx);
    expect((await coordinator.client.get(`/verwaltung/fortbildung/personen/${citizen.user.id}`)).status).toBe(404);
    expect((await coordinator.client.get('/verwaltung/fortbildung/personen/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await coordinator.client.get('/verwaltung/fortbildung/personen/keine-id')).status).toBe(400);
  });

  it('refuses a certificate with a wrong day or missing fields with a message per field and 422, saving nothing', async () => {
    const { key } = await buildRequirement(platform.ctx);
    const person = await buildStaff(platform.ctx, []);
    const coordinator = await signedIn([{ role: trainingCoordinator }]);
    const url = `/verwaltung/fortbildung/personen/${person.user.id}`;
    await coordinator.client.get(url);
    const refused = await coordinator.client.postMultipart(`${url}/nachweise`, { requirement: key, completedOn: '', expiresOn: '', courseTitle: '', provider: 'Landesbeauftragte' });
    expect(refused.status).toBe(422);
    expect(refused.body).toContain('Bitte geben Sie an, wann die Fortbildung absolviert wurde.');
    expect(refused.body).toContain('Bitte geben Sie den Titel des Kurses an.');
    expect(refused.body).toContain('value="Landesbeauftragte"');
    expect(await htmlProblems(url, refused.body)).toEqual([]);

    const future = await coordinator.client.postMultipart(`${url}/nachweise`, { requirement: key, completedOn: formatDay(addDays(today, 3)), expiresOn: '', courseTitle: 'Kurs', provider: 'Anbieter' });
    expect(future.status).toBe(422);
    expect(future.body).toContain('Das Datum „Absolviert am“ darf nicht in der Zukunft liegen.');

    const backwards = await coordinator.client.postMultipart(`${url}/nachweise`, { requirement: key, completedOn: formatDay(addDays(today, -3)), expiresOn: formatDay(addDays(today, -10)), courseTitle: 'Kurs', provider: 'Anbieter' });
    expect(backwards.status).toBe(422);
    expect(backwards.body).toContain('„Gültig bis“ muss nach dem Tag liegen, an dem die Fortbildung absolviert wurde.');
    const unknown = await coordinator.client.postMultipart(`${url}/nachweise`, { requirement: 'gibt-es-nicht', completedOn: '31.02.2026', courseTitle: 'Kurs', provider: 'Anbieter' });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toContain('Der Februar 2026 hat 28 Tage');
    const notPdf = await coordinator.client.postMultipart(`${url}/nachweise`, { requirement: key, completedOn: formatDay(today), courseTitle: 'Kurs', provider: 'Anbieter' }, { certificate: { name: 'foto.png', type: 'image/png', content: Buffer.from('kein pdf, nur text') } });
    expect(notPdf.status).toBe(422);
    const forged = await coordinator.client.postMultipart(`${url}/nachweise`, { _csrf: 'nicht-von-dieser-seite', requirement: key, completedOn: formatDay(today), courseTitle: 'Kurs', provider: 'Anbieter' });
    expect(forged.status).toBe(403);
    expect(await recordsOf(person.user.id)).toEqual([]);
  });

  it('takes a certificate from elsewhere with its PDF, computing the expiry or taking the one given; the PDF goes to the coordinator and the person only', async () => {
    const { key } = await buildRequirement(platform.ctx, { validMonths: 24 });
    const person = await signedIn([], 'Ida Extern');
    const coordinator = await signedIn([{ role: trainingCoordinator }]);
    const url = `/verwaltung/fortbildung/personen/${person.user.id}`;
    await coordinator.client.get(url);
    const completedOn = addDays(today, -14);
    const sent = await coordinator.client.postMultipart(
      `${url}/nachweise`,
      { requirement: key, completedOn: formatDay(completedOn), expiresOn: '', courseTitle: 'Datenschutz kompakt', provider: 'LDI NRW' },
      { certificate: { name: 'Bescheinigung Datenschutz.pdf', type: 'application/pdf', content: pdf } },
    );
    expect(sent.status).toBe(303);
    expect(sent.location).toBe(`${url}?hinweis=erfasst`);
    const shown = await coordinator.client.follow(sent);
    expect(shown.body).toContain('Der Nachweis wurde erfasst.');
    const [stored] = await recordsOf(person.user.id);
    expect(stored).toEqual(expect.objectContaining({ source: 'external', course_title: 'Datenschutz kompakt', provider: 'LDI NRW', certificate_filename: 'Bescheinigung Datenschutz.pdf', recorded_by: coordinator.user.id }));
    const own = await ownTraining(platform.ctx, { kind: 'staff', roles: [], userId: person.user.id, displayName: 'Ida', email: null, language: 'de', simplifiedLanguage: false, sessionHash: 'x' });
    expect(own?.records[0]).toEqual(expect.objectContaining({ completedOn, expiresOn: expiryOf(completedOn, 24) }));
    expect(await auditOf('learning.training-recorded', coordinator.user.id)).toEqual([expect.objectContaining({ data_subject_id: person.user.id })]);
    const refs = await platform.ctx.files.refsOf(platform.ctx.db, { module: 'learning', kind: 'training-certificate', id: stored!.id });
    expect(refs).toHaveLength(1);

    const download = await coordinator.client.get(`/verwaltung/fortbildung/nachweise/${stored!.id}/bescheinigung`);
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toContain('attachment');
    expect((await person.client.get(`/verwaltung/meine-fortbildungen/nachweise/${stored!.id}/bescheinigung`)).status).toBe(200);
    const stranger = await signedIn([]);
    expect((await stranger.client.get(`/verwaltung/meine-fortbildungen/nachweise/${stored!.id}/bescheinigung`)).status).toBe(404);
    expect((await stranger.client.get(`/verwaltung/fortbildung/nachweise/${stored!.id}/bescheinigung`)).status).toBe(403);

    // The date on the certificate wins over the requirement's months.
    await coordinator.client.get(url);
    const given = await coordinator.client.postMultipart(`${url}/nachweise`, { requirement: key, completedOn: formatDay(completedOn), expiresOn: formatDay(addDays(today, 100)), courseTitle: 'Auffrischung', provider: 'LDI NRW' });
    expect(given.status).toBe(303);
    expect((await recordsOf(person.user.id)).map((record) => record.course_title).sort()).toEqual(['Auffrischung', 'Datenschutz kompakt']);
  });
  it('removes a record entered by mistake with its certificate, for the coordinator only, keeping what it said in the audit record', async () => {
    const { key } = await buildRequirement(platform.ctx);
    const person = await buildStaff(platform.ctx, []);
    const coordinator = await signedIn([{ role: trainingCoordinator }]);
    const url = `/verwaltung/fortbildung/personen/${person.user.id}`;
    await coordinator.client.get(url);
    await coordinator.client.postMultipart(`${url}/nachweise`, { requirement: key, completedOn: formatDay(today), courseTitle: 'Falsche Person', provider: 'Anbieter' }, { certificate: { name: 'b.pdf', type: 'application/pdf', content: pdf } });
    const [stored] = await recordsOf(person.user.id);
    const other = await signedIn([]);
    await other.client.get('/verwaltung/meine-fortbildungen');
    expect((await other.client.post(`/verwaltung/fortbildung/nachweise/${stored!.id}/entfernen`, {})).status).toBe(403);

    const page = await coordinator.client.get(url);
    expect(page.body).toContain(`action="/verwaltung/fortbildung/nachweise/${stored!.id}/entfernen"`);
    const removed = await coordinator.client.post(`/verwaltung/fortbildung/nachweise/${stored!.id}/entfernen`, {});
    expect(removed.status).toBe(303);
    expect((await coordinator.client.follow(removed)).body).toContain('Der Nachweis wurde entfernt.');
    expect(await recordsOf(person.user.id)).toEqual([]);
    expect(await platform.ctx.files.refsOf(platform.ctx.db, { module: 'learning', kind: 'training-certificate', id: stored!.id })).toEqual([]);
    expect(await auditOf('learning.training-record-removed', coordinator.user.id)).toEqual([expect.objectContaining({ data_subject_id: person.user.id, meta: expect.objectContaining({ courseTitle: 'Falsche Person' }) })]);
    await coordinator.client.get(url);
    expect((await coordinator.client.post(`/verwaltung/fortbildung/nachweise/${stored!.id}/entfernen`, {})).status).toBe(404);
  });
});

describe('the own page', () => {
  it('shows the person’s own standing and records only, with the next open staff course for what is due, as valid HTML', async () => {
    const due = await buildRequirement(platform.ctx, { title: 'E-Akte Eigen', roles: ['trainer'] });
    const fine = await buildRequirement(platform.ctx, { title: 'Datenschutz Eigen' });
    const notMine = await buildRequirement(platform.ctx, { title: 'Nur für Schalter', roles: ['counter-clerk'] });
    const soon = new Date(Date.now() + 10 * 86_400_000);
    await buildStaffCourse(platform.ctx, due.key, new Date(Date.now() + 40 * 86_400_000));
    const next = await buildStaffCourse(platform.ctx, due.key, soon);
    await buildStaffCourse(platform.ctx, due.key, new Date(Date.now() + 5 * 86_400_000), { status: 'cancelled' });
    const me = await signedIn([{ role: 'trainer' }], 'Mia Eigen');
    const other = await buildStaff(platform.ctx, [], { display_name: 'Otto Anders' });
    await buildRecord(platform.ctx, { userId: me.user.id, requirementKey: fine.key, completedOn: addDays(today, -20), expiresOn: addDays(today, 700), courseTitle: 'Mein Kurs' });
    await buildRecord(platform.ctx, { userId: other.user.id, requirementKey: fine.key, completedOn: addDays(today, -20), expiresOn: addDays(today, 700), courseTitle: 'Ottos Kurs' });

    const page = await me.client.get('/verwaltung/meine-fortbildungen');
    expect(page.status).toBe(200);
    expect(await htmlProblems('/verwaltung/meine-fortbildungen', page.body)).toEqual([]);
    expect(page.body).toMatch(/\d+ Pflichtfortbildungen? (ist|sind) fällig oder l(äuft|aufen) bald ab\./);
    expect(page.body).toContain('E-Akte Eigen');
    expect(page.body).toContain(`href="/kurse/${next.slug}"`);
    expect(page.body).toContain('Mein Kurs');
    expect(page.body).not.toContain('Ottos Kurs');
    expect(page.body).not.toContain(notMine.title);
    const english = await me.client.get('/verwaltung/meine-fortbildungen?lang=en');
    expect(english.body).toContain('<h1 class="kern-heading-x-large">My training</h1>');
    expect(english.body).toContain('Training ');
    expect(await htmlProblems('/verwaltung/meine-fortbildungen?lang=en', english.body)).toEqual([]);
    // Every staff member has the page, without any role.
    const plain = await signedIn([]);
    expect((await plain.client.get('/verwaltung/meine-fortbildungen')).status).toBe(200);
  });
});

describe('a completion through a staff course', () => {
  it('turns a missing training current in the caller’s transaction, once however often the attendance is marked', async () => {
    const { key } = await buildRequirement(platform.ctx, { validMonths: 12 });
    const person = await buildStaff(platform.ctx, []);
    const trainer = await buildStaff(platform.ctx, [{ role: 'trainer' }]);
    const actor = { kind: 'staff', roles: [], userId: person.user.id, displayName: 'x', email: null, language: 'de', simplifiedLanguage: false, sessionHash: 'x' } as const;
    const before = await ownTraining(platform.ctx, { ...actor, roles: [] });
    expect(before?.standings.find((standing) => standing.requirement.key === key)?.status).toBe('missing');

    const input = { userId: person.user.id, trainingKey: key, completedOn: today, courseTitle: 'Datenschutz im Alltag', provider: 'Stadt Erkelenz', recordedBy: trainer.user.id };
    const first = await platform.ctx.db.transaction().execute((trx) => recordCourseCompletion(trx, input));
    const again = await platform.ctx.db.transaction().execute((trx) => recordCourseCompletion(trx, input));
    expect(first).toEqual({ ok: true, recordId: expect.any(String), expiresOn: expiryOf(today, 12), created: true });
    expect(again).toEqual({ ...first, created: false });
    expect(await recordsOf(person.user.id)).toEqual([expect.objectContaining({ source: 'course', recorded_by: trainer.user.id })]);
    const after = await ownTraining(platform.ctx, { ...actor, roles: [] });
    expect(after?.standings.find((standing) => standing.requirement.key === key)?.status).toBe('current');
    expect(await platform.ctx.db.transaction().execute((trx) => recordCourseCompletion(trx, { ...input, trainingKey: 'unbekannt' }))).toEqual({ ok: false, reason: 'unknown-training' });
  });
});

describe('figures, the data download and retention', () => {
  it('counts per requirement without names', async () => {
    const { key } = await buildRequirement(platform.ctx, { roles: ['print-room'] });
    // Three on the staff (one without any record), one whose account is disabled and who no longer counts.
    const [a, b] = await Promise.all([buildStaff(platform.ctx, [{ role: 'print-room' }]), buildStaff(platform.ctx, [{ role: 'print-room' }]), buildStaff(platform.ctx, [{ role: 'print-room' }])]);
    await buildStaff(platform.ctx, [{ role: 'print-room' }], { disabled_at: new Date() });
    await buildRecord(platform.ctx, { userId: a.user.id, requirementKey: key, completedOn: addDays(today, -10), expiresOn: addDays(today, 300) });
    await buildRecord(platform.ctx, { userId: b.user.id, requirementKey: key, completedOn: addDays(today, -900), expiresOn: addDays(today, -1) });
    const figures = (await trainingFigures(platform.ctx.db)).find((row) => row.key === key);
    expect(figures).toEqual(expect.objectContaining({ appliesTo: 3, current: 1, expiring: 0, expired: 1, missing: 1 }));
    expect(JSON.stringify(figures)).not.toContain(a.user.id);
  });

  it('puts a person’s records in their download, erases them with the account, and removes them three years after expiry', async () => {
    const { key } = await buildRequirement(platform.ctx, { title: 'Download Pflicht' });
    const person = await buildStaff(platform.ctx, []);
    const old = await buildRecord(platform.ctx, { userId: person.user.id, requirementKey: key, completedOn: addDays(today, -2000), expiresOn: addDays(today, -1200), courseTitle: 'Alter Kurs' });
    await buildRecord(platform.ctx, { userId: person.user.id, requirementKey: key, completedOn: addDays(today, -100), expiresOn: addDays(today, 600), courseTitle: 'Neuer Kurs' });
    const exported = await trainingPersonalData.export(platform.ctx.db, person.user.id, platform.ctx);
    expect(exported.training_records).toEqual([
      expect.objectContaining({ requirement_title: 'Download Pflicht', course_title: 'Neuer Kurs', expires_on: addDays(today, 600) }),
      expect.objectContaining({ course_title: 'Alter Kurs' }),
    ]);
    const removed = await trainingRetention[0]!.purge(platform.ctx.db, new Date(), platform.ctx.config, platform.ctx);
    expect(removed).toBeGreaterThanOrEqual(1);
    expect((await recordsOf(person.user.id)).map((record) => record.id)).not.toContain(old.id);
    await platform.ctx.db.transaction().execute((trx) => trainingPersonalData.erase(trx, person.user.id, platform.ctx));
    expect(await recordsOf(person.user.id)).toEqual([]);
  });
});
