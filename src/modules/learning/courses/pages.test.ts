import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenClient, staffClient } from '#modules/catalog/test/staff.ts';
import { pilotClient } from '#modules/learning/test/staff.ts';
import { FormClient } from '#test/http-client.ts';
import { htmlProblems } from '#test/html-validity.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { coursesDb } from './repo.ts';
import { buildCourse, buildSession } from './test/builders.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const db = () => coursesDb(platform.ctx.db);

async function valid(url: string, body: string) {
  expect(await htmlProblems(url, body)).toEqual([]);
}

const guestForm = { name: 'Erika Muster', email: '', phone: '', street: '', houseNumber: '', postalCode: '', city: '', supportNote: '' };

describe('the public course pages', () => {
  it('lists a course with its next session, filters by area, and shows the course with its dates', async () => {
    const course = await buildCourse(platform.ctx, { title: 'Videoanrufe üben', competences: ['2.1', '2.2'] });
    const session = await buildSession(platform.ctx, course, { capacity: 6, meetings: 2 });
    const client = new FormClient(platform.app);
    const list = await client.get('/kurse');
    expect(list.status).toBe(200);
    expect(list.body).toContain('Videoanrufe üben');
    expect(list.body).toContain('6 von 6 Plätzen frei');
    await valid('/kurse', list.body);
    expect((await client.get('/kurse?bereich=2')).body).toContain('Videoanrufe üben');
    expect((await client.get('/kurse?bereich=3')).body).not.toContain('Videoanrufe üben');
    expect((await client.get('/kurse?bereich=9')).status).toBe(400);
    const page = await client.get(`/kurse/${course.slug}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`/kurse/${course.slug}/termine/${session.id}/anmelden`);
    await valid(`/kurse/${course.slug}`, page.body);
    const ics = await client.get(`/kurse/${course.slug}/termine/${session.id}/kalender.ics`);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.body.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect((await client.get('/kurse/gibt-es-nicht')).status).toBe(404);
  });

  it('registers a guest, refuses a form without a way to reach them, and cancels by the mailed link', async () => {
    const course = await buildCourse(platform.ctx);
    const session = await buildSession(platform.ctx, course, { capacity: 1 });
    const path = `/kurse/${course.slug}/termine/${session.id}/anmelden`;
    const client = new FormClient(platform.app);
    const form = await client.get(path);
    expect(form.status).toBe(200);
    await valid(path, form.body);
    const nothing = await client.post(path, guestForm);
    expect(nothing.status).toBe(422);
    expect(nothing.body).toContain('Bitte geben Sie an, wie wir Sie erreichen');
    await valid(path, nothing.body);
    const partial = await client.post(path, { ...guestForm, street: 'Markt' });
    expect(partial.status).toBe(422);
    expect(partial.body).toContain('Postanschrift vollständig');
    expect(await db().selectFrom('learning_registrations').select('id').where('session_id', '=', session.id).execute()).toHaveLength(0);

    const done = await client.post(path, { ...guestForm, email: 'erika@example.org', supportNeeds: 'grossdruck' });
    expect(done.status).toBe(303);
    expect(done.location).toBe(`/kurse/${course.slug}?hinweis=platz`);
    const shown = await client.follow(done);
    expect(shown.body).toContain('Sie sind angemeldet');
    await valid(done.location!, shown.body);
    const full = await new FormClient(platform.app).get(path);
    expect(full.body).toContain('Auf die Warteliste');

    await platform.ctx.jobs.drain(platform.ctx, ['learning.send-registration-mail']);
    const mail = platform.smtp.lastTo('erika@example.org');
    const link = /https?:\/\/[^/\s]+(\/kurse\/abmelden\/\S+)/.exec(mail?.text ?? '')?.[1];
    expect(link).toBeDefined();
    const ask = await client.get(link!);
    expect(ask.status).toBe(200);
    expect(ask.body).toContain('Ja, abmelden');
    await valid(link!, ask.body);
    expect((await db().selectFrom('learning_registrations').select('status').where('session_id', '=', session.id).executeTakeFirstOrThrow()).status).toBe('placed');
    const cancelled = await client.post(link!, {});
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toContain('Sie sind abgemeldet');
    expect((await db().selectFrom('learning_registrations').select('status').where('session_id', '=', session.id).executeTakeFirstOrThrow()).status).toBe('cancelled');
    expect((await client.get('/kurse/abmelden/erfunden')).status).toBe(404);
  });

  it('lets a signed-in person register, see and cancel it in "Meine Kurse", and nobody else', async () => {
    const course = await buildCourse(platform.ctx);
    const session = await buildSession(platform.ctx, course);
    const { client } = await citizenClient(platform);
    const path = `/kurse/${course.slug}/termine/${session.id}/anmelden`;
    const form = await client.get(path);
    expect(form.body).toContain('Sie melden sich an als');
    expect(form.body).not.toContain('name="email"');
    const done = await client.post(path, { supportNote: '' });
    expect(done.status).toBe(303);
    const again = await client.post(path, { supportNote: '' });
    expect(again.status).toBe(409);
    const mine = await client.get('/konto/kurse');
    expect(mine.body).toContain(course.title);
    await valid('/konto/kurse', mine.body);
    const id = (await db().selectFrom('learning_registrations').select('id').where('session_id', '=', session.id).executeTakeFirstOrThrow()).id;
    const other = await citizenClient(platform);
    await other.client.get('/konto/kurse');
    expect((await other.client.post(`/konto/kurse/${id}/abmelden`, {})).status).toBe(404);
    const cancelled = await client.post(`/konto/kurse/${id}/abmelden`, {});
    expect(cancelled.location).toBe('/konto/kurse?hinweis=abgemeldet');
    expect((await db().selectFrom('learning_registrations').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('cancelled');
    expect((await new FormClient(platform.app).get('/konto/kurse')).status).toBe(303);
  });
});

describe('the staff pages', () => {
  it('lets a digital pilot register someone by phone, and keeps citizens and other staff out', async () => {
    const course = await buildCourse(platform.ctx);
    const session = await buildSession(platform.ctx, course, { capacity: 1 });
    const pilot = await pilotClient(platform);
    const list = await pilot.client.get('/verwaltung/kurse');
    expect(list.status).toBe(200);
    expect(list.body).toContain(course.title);
    await valid('/verwaltung/kurse', list.body);
    const path = `/verwaltung/kurse/${session.id}/anmelden`;
    const form = await pilot.client.get(path);
    expect(form.status).toBe(200);
    await valid(path, form.body);
    const refused = await pilot.client.post(path, { ...guestForm, channel: 'phone', language: 'de' });
    expect(refused.status).toBe(422);
    const first = await pilot.client.post(path, { ...guestForm, phone: '02431 123456', street: 'Markt', houseNumber: '3', postalCode: '41812', city: 'Erkelenz', channel: 'phone', language: 'de', supportNeeds: 'hoerschleife' });
    expect(first.location).toBe(`/verwaltung/kurse/${session.id}?hinweis=angemeldet`);
    await pilot.client.get(path);
    const second = await pilot.client.post(path, { ...guestForm, name: 'Hans Beispiel', phone: '02431 654321', channel: 'phone', language: 'de' });
    expect(second.location).toBe(`/verwaltung/kurse/${session.id}?hinweis=warteliste`);
    const detail = await pilot.client.get(`/verwaltung/kurse/${session.id}`);
    expect(detail.body).toContain('Erika Muster');
    expect(detail.body).toContain('Hörschleife');
    expect(detail.body).toContain('Hans Beispiel');
    await valid(`/verwaltung/kurse/${session.id}`, detail.body);
    const viewed = await platform.ctx.db.selectFrom('audit_log').select('action').where('subject_id', '=', session.id).where('action', '=', 'learning.registrations-viewed').execute();
    expect(viewed.length).toBeGreaterThanOrEqual(1);

    const { client: citizen } = await citizenClient(platform);
    expect((await citizen.get('/verwaltung/kurse')).status).toBe(403);
    const clerk = await staffClient(platform, 'counter-clerk');
    expect((await clerk.client.get('/verwaltung/kurse')).status).toBe(403);
    const trainer = await staffClient(platform, 'trainer');
    expect((await trainer.client.get(`/verwaltung/kurse/${session.id}`)).status).toBe(404);
  });

  it('lets the trainer of a session take attendance after its start, issuing certificates', async () => {
    const trainer = await staffClient(platform, 'trainer');
    const course = await buildCourse(platform.ctx, { competences: ['2.1'] });
    const session = await buildSession(platform.ctx, course, { capacity: 3, trainerUserId: trainer.user.id });
    const pilot = await pilotClient(platform);
    await pilot.client.get(`/verwaltung/kurse/${session.id}/anmelden`);
    await pilot.client.post(`/verwaltung/kurse/${session.id}/anmelden`, { ...guestForm, phone: '02431 1', street: 'Markt', houseNumber: '1', postalCode: '41812', city: 'Erkelenz', channel: 'phone', language: 'de' });
    const page = await trainer.client.get(`/verwaltung/kurse/${session.id}`);
    expect(page.status).toBe(200);
    expect(page.body).not.toContain('name="anwesend"');
    // The course has begun.
    await db().updateTable('learning_sessions').set({ starts_at: new Date(Date.now() - 3_600_000), decide_by: new Date(Date.now() - 7_200_000) }).where('id', '=', session.id).execute();
    const open = await trainer.client.get(`/verwaltung/kurse/${session.id}`);
    expect(open.body).toContain('name="anwesend"');
    await valid(`/verwaltung/kurse/${session.id}`, open.body);
    const registration = await db().selectFrom('learning_registrations').select('id').where('session_id', '=', session.id).executeTakeFirstOrThrow();
    const taken = await trainer.client.post(`/verwaltung/kurse/${session.id}/teilnahme`, { anwesend: registration.id });
    expect(taken.location).toBe(`/verwaltung/kurse/${session.id}?hinweis=teilnahme`);
    const certificate = await db().selectFrom('learning_certificates').select(['code', 'holder_name']).where('registration_id', '=', registration.id).executeTakeFirstOrThrow();
    expect(certificate.holder_name).toBe('Erika Muster');
    const verified = await new FormClient(platform.app).get(`/kurse/nachweis?code=${certificate.code}`);
    expect(verified.status).toBe(200);
    expect(verified.body).toContain('Erika Muster');
  });

  it('shows the coordinator participation per area and per course, and no one else', async () => {
    const course = await buildCourse(platform.ctx, { title: 'Zahlenkurs', competences: ['5.1', '5.2'] });
    const session = await buildSession(platform.ctx, course, { capacity: 4 });
    await db().updateTable('learning_sessions').set({ status: 'held' }).where('id', '=', session.id).execute();
    const coordinator = await staffClient(platform, 'training-coordinator');
    const page = await coordinator.client.get('/verwaltung/kurse/zahlen');
    expect(page.status).toBe(200);
    await valid('/verwaltung/kurse/zahlen', page.body);
    const row = /<tr[^>]*>\s*<th[^>]*>Zahlenkurs<\/th>([\s\S]*?)<\/tr>/.exec(page.body)?.[1] ?? '';
    // Termine, durchgeführt, abgesagt, Plätze, angemeldet, Warteliste, teilgenommen.
    expect([...row.matchAll(/<td[^>]*>(\d+)<\/td>/g)].map((match) => match[1])).toEqual(['1', '1', '0', '4', '0', '0', '0']);
    const pilot = await pilotClient(platform);
    expect((await pilot.client.get('/verwaltung/kurse/zahlen')).status).toBe(403);
  });
});
