import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '#kernel/auth/actor.ts';
import { citizenClient, staffClient } from '#modules/catalog/test/staff.ts';
import { FormClient } from '#test/http-client.ts';
import { htmlProblems } from '#test/html-validity.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { coursesDb } from '#modules/learning/courses/repo.ts';
import { sessionFacts } from '#modules/learning/courses/service.notices.ts';
import { register } from '#modules/learning/courses/service.registration.ts';
import { buildCourse, buildSession } from '#modules/learning/courses/test/builders.ts';
import { sessionRaw } from './session-rules.ts';

let platform: TestPlatform;
let coordinator: Awaited<ReturnType<typeof staffClient>>;
beforeAll(async () => {
  platform = await createTestPlatform();
  coordinator = await staffClient(platform, 'training-coordinator');
});
afterAll(async () => {
  await platform.close();
});

const db = () => coursesDb(platform.ctx.db);
const list = '/verwaltung/kurse/angebote';

async function valid(url: string, body: string) {
  expect(await htmlProblems(url, body)).toEqual([]);
}

/** Posts a form as a browser does, a field with several ticked boxes once per value. */
async function post(client: FormClient, url: string, fields: Record<string, string | readonly string[]>) {
  const pairs = Object.entries(fields).flatMap(([name, value]) => (typeof value === 'string' ? [[name, value]] : value.map((one) => [name, one])));
  const payload = new URLSearchParams([['_csrf', client.csrfToken()], ...pairs]).toString();
  const cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  const response = await platform.app.inject({ method: 'POST', url, payload, remoteAddress: client.remoteAddress, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie } });
  const location = response.headers.location;
  return { status: response.statusCode, body: response.body, location: typeof location === 'string' ? location : undefined };
}

const courseFields = (overrides: Record<string, string | readonly string[]> = {}) => ({
  title: 'Tablet für Einsteiger',
  slug: '',
  summary: 'Das Tablet in Ruhe kennenlernen.',
  description: '',
  audience: 'citizens',
  level: 'foundation',
  targetGroup: 'Seniorinnen und Senioren',
  competences: ['1.1', '2.1', '5.1'],
  accessibility: ['stufenlos', 'grossdruck'],
  language: 'de',
  price: '12,50',
  provider: 'Stadtbücherei Erkelenz',
  contactPhone: '02431 85-0',
  trainingKey: '',
  published: 'on',
  ...overrides,
});

const countCourses = async () => (await db().selectFrom('learning_courses').select('id').execute()).length;

describe('keeping courses', () => {
  it('lets the coordinator create, publish and change a course, with clear messages for a taken address and bad values', async () => {
    const { client } = coordinator;
    const overview = await client.get('/verwaltung/kurse');
    expect(overview.body).toContain(`href="${list}"`);
    const page = await client.get(list);
    expect(page.status).toBe(200);
    await valid(list, page.body);
    const form = await client.get(`${list}/neu`);
    expect(form.status).toBe(200);
    expect(form.body).toContain('Informationen und Daten');
    await valid(`${list}/neu`, form.body);

    const created = await post(client, `${list}/neu`, courseFields());
    expect(created.status).toBe(303);
    const course = await db().selectFrom('learning_courses').selectAll().where('slug', '=', 'tablet-fuer-einsteiger').executeTakeFirstOrThrow();
    expect(course).toMatchObject({ price_cents: 1250, competences: ['1.1', '2.1', '5.1'], accessibility: ['stufenlos', 'grossdruck'], published: true, demo: false, contact_phone: '02431 850' });
    expect(created.location).toBe(`${list}/${course.id}?hinweis=angelegt`);
    const edit = await client.get(created.location!);
    expect(edit.body).toContain('Der Kurs ist angelegt');
    await valid(created.location!, edit.body);
    expect((await new FormClient(platform.app).get('/kurse')).body).toContain('Tablet für Einsteiger');

    const hidden = await post(client, `${list}/neu`, courseFields({ title: 'Noch in Vorbereitung', published: '' }));
    expect(hidden.status).toBe(303);
    expect((await new FormClient(platform.app).get('/kurse')).body).not.toContain('Noch in Vorbereitung');
    expect((await new FormClient(platform.app).get('/kurse/noch-in-vorbereitung')).status).toBe(404);

    const changed = await post(client, `${list}/${course.id}`, courseFields({ title: 'Tablet für Einsteigerinnen und Einsteiger', slug: 'tablet-fuer-einsteiger', price: '0' }));
    expect(changed.location).toBe(`${list}/${course.id}?hinweis=gespeichert`);
    expect(await db().selectFrom('learning_courses').select(['title', 'price_cents']).where('id', '=', course.id).executeTakeFirstOrThrow()).toEqual({ title: 'Tablet für Einsteigerinnen und Einsteiger', price_cents: 0 });

    const before = await countCourses();
    const taken = await post(client, `${list}/neu`, courseFields({ title: 'Anderer Kurs', slug: 'tablet-fuer-einsteiger' }));
    expect(taken.status).toBe(409);
    expect(taken.body).toContain('Die Adresse „tablet-fuer-einsteiger“ hat schon ein anderer Kurs');
    expect(taken.body).toContain('href="#slug"');
    expect(taken.body).toContain('value="Anderer Kurs"');
    await valid(`${list}/neu`, taken.body);
    const price = await post(client, `${list}/neu`, courseFields({ title: 'Preis falsch', price: '12,345' }));
    expect(price.status).toBe(422);
    expect(price.body).toContain('höchstens zwei Stellen nach dem Komma');
    const competence = await post(client, `${list}/neu`, courseFields({ title: 'Kompetenz falsch', competences: ['1.1', '9.9'] }));
    expect(competence.status).toBe(422);
    expect(competence.body).toContain('Bitte wählen Sie für „Kompetenzen nach DigComp 2.2“ einen der angebotenen Werte');
    await valid(`${list}/neu`, competence.body);
    const training = await post(client, `${list}/neu`, courseFields({ title: 'Falsche Fortbildung', trainingKey: 'gibt-es-nicht', audience: 'staff' }));
    expect(training.status).toBe(422);
    expect(await countCourses()).toBe(before);

    const audit = await platform.ctx.db.selectFrom('audit_log').select(['action', 'subject_type']).where('subject_id', '=', course.id).execute();
    expect(audit).toEqual(expect.arrayContaining([{ action: 'learning.course-created', subject_type: 'learning.course' }, { action: 'learning.course-changed', subject_type: 'learning.course' }]));
  });

  it('keeps everyone else out', async () => {
    const course = await buildCourse(platform.ctx);
    for (const role of ['trainer', 'digital-pilot']) {
      const { client } = await staffClient(platform, role);
      expect((await client.get(list)).status).toBe(403);
      expect((await client.get(`${list}/${course.id}`)).status).toBe(403);
    }
    const { client: citizen } = await citizenClient(platform);
    expect((await citizen.get(list)).status).toBe(403);
    expect((await coordinator.client.get(`${list}/00000000-0000-4000-8000-00000000dead`)).status).toBe(404);
    expect((await coordinator.client.get(`${list}/${course.id}/termine/00000000-0000-4000-8000-00000000dead`)).status).toBe(404);
    const other = await buildCourse(platform.ctx);
    const session = await buildSession(platform.ctx, other);
    expect((await coordinator.client.get(`${list}/${course.id}/termine/${session.id}`)).status).toBe(404);
  });
});

describe('scheduling sessions', () => {
  it('stores meetings typed in Berlin time as instants across the change to summer time, and shows them', async () => {
    const trainer = await staffClient(platform, 'trainer');
    const course = await buildCourse(platform.ctx, { title: 'Videoanrufe' });
    const year = new Date().getUTCFullYear() + 1;
    const path = `${list}/${course.id}/termine/neu`;
    const { client } = coordinator;
    const form = await client.get(path);
    expect(form.status).toBe(200);
    expect(form.body).toContain(trainer.user.display_name);
    expect(form.body).toContain('name="meeting5Date"');
    await valid(path, form.body);

    const fields = { place: 'Stadtbücherei, Gruppenraum', address: 'Johannismarkt 17, 41812 Erkelenz', onlineUrl: '', capacity: '8', minParticipants: '3', decideByDate: '', decideByTime: '', trainer: trainer.user.id };
    const meetings = { meeting1Date: `20.03.${year}`, meeting1From: '18:00', meeting1To: '20:00', meeting3Date: `${year}-04-03`, meeting3From: '18', meeting3To: '20:00' };
    const refused = await post(client, path, { ...fields, ...meetings, meeting3To: '17:00', place: '', address: '', minParticipants: '9' });
    expect(refused.status).toBe(422);
    expect(refused.body).toContain('Das Ende muss nach dem Beginn liegen');
    expect(refused.body).toContain('href="#meeting3To"');
    expect(refused.body).toContain('Bitte geben Sie einen Ort mit Anschrift oder einen Link zum Online-Treffen an');
    expect(refused.body).toContain('nicht größer sein als die Zahl der Plätze (8)');
    await valid(path, refused.body);
    expect(await db().selectFrom('learning_sessions').select('id').where('course_id', '=', course.id).execute()).toHaveLength(0);

    const done = await post(client, path, { ...fields, ...meetings });
    expect(done.status).toBe(303);
    expect(done.location).toBe(`${list}/${course.id}?hinweis=termin-angelegt`);
    const session = await db().selectFrom('learning_sessions').selectAll().where('course_id', '=', course.id).executeTakeFirstOrThrow();
    const stored = await db().selectFrom('learning_meetings').select(['starts_at', 'ends_at']).where('session_id', '=', session.id).orderBy('starts_at').execute();
    // 18:00 in Berlin is 17:00 UTC in winter and 16:00 UTC in summer.
    expect(stored.map((meeting) => [meeting.starts_at.toISOString(), meeting.ends_at.toISOString()])).toEqual([
      [`${year}-03-20T17:00:00.000Z`, `${year}-03-20T19:00:00.000Z`],
      [`${year}-04-03T16:00:00.000Z`, `${year}-04-03T18:00:00.000Z`],
    ]);
    expect(session).toMatchObject({ capacity: 8, min_participants: 3, trainer_user_id: trainer.user.id, starts_at: new Date(`${year}-03-20T17:00:00Z`), ends_at: new Date(`${year}-04-03T18:00:00Z`), decide_by: new Date(`${year}-03-15T17:00:00Z`) });
    const shown = await new FormClient(platform.app).get(`/kurse/${course.slug}`);
    expect(shown.body).toContain(`/kurse/${course.slug}/termine/${session.id}/anmelden`);
    expect(shown.body).toContain('18:00 bis 20:00 Uhr');
    const audit = await platform.ctx.db.selectFrom('audit_log').select('subject_type').where('subject_id', '=', session.id).where('action', '=', 'learning.session-scheduled').execute();
    expect(audit).toEqual([{ subject_type: 'learning.session' }]);
    const edit = await client.get(`${list}/${course.id}/termine/${session.id}`);
    expect(edit.status).toBe(200);
    expect(edit.body).toContain('value="18:00"');
    await valid(`${list}/${course.id}/termine/${session.id}`, edit.body);
  });

  it('moves the waiting line up when places are added, and keeps dates, place and given places once people registered', async () => {
    const course = await buildCourse(platform.ctx);
    // Meetings in the morning, whatever the time the test runs, so the form's day, from and to stay one day.
    const morning = new Date();
    morning.setUTCHours(8, 0, 0, 0);
    const session = await buildSession(platform.ctx, course, { capacity: 1, meetings: 2 }, morning);
    const staff: Actor = { kind: 'staff', userId: coordinator.user.id, roles: [{ role: 'training-coordinator' }], displayName: coordinator.user.display_name, email: coordinator.user.email, language: 'de', simplifiedLanguage: false, sessionHash: 'test' };
    const ids: string[] = [];
    for (let n = 1; n <= 3; n += 1) {
      const result = await register(platform.ctx, staff, {
        sessionId: session.id,
        registrant: { kind: 'guest', name: `Gast ${n}`, email: null, phone: '02431 123456', postalAddress: { street: 'Markt', houseNumber: String(n), postalCode: '41812', city: 'Erkelenz' } },
        language: 'de',
        supportNeeds: [],
        supportNote: null,
        channel: 'phone',
      });
      if (result.ok) ids.push(result.registration.id);
    }
    const path = `${list}/${course.id}/termine/${session.id}`;
    const { client } = coordinator;
    const page = await client.get(path);
    expect(page.body).toContain('sind schon 3 Personen angemeldet oder auf der Warteliste');
    expect(page.body).not.toContain('name="meeting3Date"');
    await valid(path, page.body);
    const raw = sessionRaw((await sessionFacts(db(), session.id))!);

    const lower = await post(client, path, { ...raw, capacity: '0' });
    expect(lower.status).toBe(422);
    expect(['09:00', '10:00']).toContain(raw.meeting2From);
    const moved = await post(client, path, { ...raw, meeting2From: '10:30' });
    expect(moved.status).toBe(409);
    expect(moved.body).toContain('Daten und Uhrzeiten lassen sich nicht ändern');
    const elsewhere = await post(client, path, { ...raw, place: 'Rathaus' });
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body).toContain('Der Ort lässt sich nicht ändern');

    const raised = await post(client, path, { ...raw, capacity: '3' });
    expect(raised.location).toBe(`${list}/${course.id}?hinweis=nachgerueckt`);
    const statuses = await db().selectFrom('learning_registrations').select(['id', 'status']).where('session_id', '=', session.id).orderBy('seq').execute();
    expect(statuses.map((row) => row.status)).toEqual(['placed', 'placed', 'placed']);
    const freed = await platform.ctx.db.withTables<{ notify_messages: { cause: string; purpose: string } }>().selectFrom('notify_messages').select('cause').where('purpose', '=', 'course-place-freed').execute();
    expect(freed.map((message) => message.cause)).toEqual(expect.arrayContaining(ids.slice(1).map((id) => `learning:course-place-freed:${id}`)));

    const below = await post(client, path, { ...raw, capacity: '2' });
    expect(below.status).toBe(409);
    expect(below.body).toContain('Es haben schon 3 Personen einen Platz');
    await valid(path, below.body);
    expect((await db().selectFrom('learning_sessions').select('capacity').where('id', '=', session.id).executeTakeFirstOrThrow()).capacity).toBe(3);
    const audit = await platform.ctx.db.selectFrom('audit_log').select('meta').where('subject_id', '=', session.id).where('action', '=', 'learning.session-changed').execute();
    expect(audit).toHaveLength(1);

    await db().updateTable('learning_sessions').set({ status: 'cancelled' }).where('id', '=', session.id).execute();
    expect((await post(client, path, { ...raw, capacity: '4' })).status).toBe(409);
    expect((await client.get(path)).status).toBe(409);
  });
});
