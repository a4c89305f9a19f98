import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Actor } from '#kernel/auth/actor.ts';
import { buildStaff } from '#modules/accounts/test/builders.ts';
import { pilotGrant } from '#modules/learning/test/staff.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { coursesDb } from './repo.ts';
import { checkMinimums } from './service.calloff.ts';
import { cancel, register, type Registrant } from './service.registration.ts';
import { sendCourseReminders } from './service.reminders.ts';
import { buildCourse, buildSession } from './test/builders.ts';

let platform: TestPlatform;
let staff: Actor;
beforeAll(async () => {
  platform = await createTestPlatform();
  const grant = pilotGrant();
  const built = await buildStaff(platform.ctx, [grant]);
  staff = { kind: 'staff', userId: built.user.id, roles: [grant], displayName: built.user.display_name, email: built.user.email, language: 'de', simplifiedLanguage: false, sessionHash: 'test' };
});
afterAll(async () => {
  await platform.close();
});

const ctx = () => platform.ctx;
const db = () => coursesDb(platform.ctx.db);

let guests = 0;
function guest(overrides: Partial<Extract<Registrant, { kind: 'guest' }>> = {}): Registrant {
  guests += 1;
  return { kind: 'guest', name: `Gast ${guests}`, email: null, phone: '02431 123456', postalAddress: { street: 'Markt', houseNumber: String(guests), postalCode: '41812', city: 'Erkelenz' }, ...overrides };
}

const byPhone = (sessionId: string, registrant = guest()) => ({ sessionId, registrant, language: 'de' as const, supportNeeds: [], supportNote: null, channel: 'phone' as const });

async function messagesOf(purpose: string): Promise<{ cause: string }[]> {
  return platform.ctx.db.withTables<{ notify_messages: { cause: string; purpose: string } }>().selectFrom('notify_messages').select('cause').where('purpose', '=', purpose).execute();
}

describe('registering for a session', () => {
  it('gives places in the order of arrival and puts the rest on the waiting line, each told by letter', async () => {
    const course = await buildCourse(ctx());
    const session = await buildSession(ctx(), course, { capacity: 2 });
    const results = [];
    for (let n = 0; n < 4; n += 1) results.push(await register(ctx(), staff, byPhone(session.id)));
    expect(results.map((result) => result.ok && result.registration.status)).toEqual(['placed', 'placed', 'waiting', 'waiting']);
    expect(results.map((result) => result.ok && result.position)).toEqual([null, null, 1, 2]);
    const references = results.map((result) => (result.ok ? result.registration.reference : ''));
    expect(new Set(references).size).toBe(4);
    for (const reference of references) expect(reference).toMatch(/^K-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]$/);
    const registered = await messagesOf('course-registered');
    const waiting = await messagesOf('course-waitlisted');
    const ids = results.map((result) => (result.ok ? result.registration.id : ''));
    expect(registered.map((message) => message.cause)).toEqual(expect.arrayContaining(ids.slice(0, 2).map((id) => `learning:course-registered:${id}`)));
    expect(waiting.map((message) => message.cause)).toEqual(expect.arrayContaining(ids.slice(2).map((id) => `learning:course-waitlisted:${id}`)));
    const audit = await platform.ctx.db.selectFrom('audit_log').select('subject_id').where('action', '=', 'learning.registered-for').execute();
    expect(audit.map((row) => row.subject_id)).toEqual(expect.arrayContaining(ids));
  });

  it('refuses a session that has started or was called off, and a staff course to citizens', async () => {
    const course = await buildCourse(ctx());
    const started = await buildSession(ctx(), course, { inDays: -1 });
    expect(await register(ctx(), anonymous, { ...byPhone(started.id), channel: 'online' })).toEqual({ ok: false, reason: 'closed' });
    const staffCourse = await buildCourse(ctx(), { audience: 'staff' });
    const staffSession = await buildSession(ctx(), staffCourse);
    expect(await register(ctx(), anonymous, { ...byPhone(staffSession.id), channel: 'online' })).toEqual({ ok: false, reason: 'staff-only' });
    expect(await register(ctx(), anonymous, { ...byPhone('00000000-0000-4000-8000-00000000dead'), channel: 'online' })).toEqual({ ok: false, reason: 'not-found' });
  });

  it('queues the mail with the link to cancel for a guest who gave an e-mail address, instead of a notice', async () => {
    const course = await buildCourse(ctx());
    const session = await buildSession(ctx(), course);
    const result = await register(ctx(), anonymous, { ...byPhone(session.id, guest({ email: 'gast@example.org', postalAddress: null })), channel: 'online' });
    expect(result.ok).toBe(true);
    const id = result.ok ? result.registration.id : '';
    expect(await platform.ctx.jobs.drain(platform.ctx, ['learning.send-registration-mail'])).toBeGreaterThanOrEqual(1);
    const mail = platform.smtp.lastTo('gast@example.org');
    expect(mail?.subject).toBe(`Sie sind angemeldet: ${course.title}`);
    const link = /https?:\/\/\S+\/kurse\/abmelden\/(\S+)/.exec(mail?.text ?? '');
    expect(link).not.toBeNull();
    expect(mail?.attachments.map((attachment) => attachment.contentType)).toEqual([expect.stringContaining('text/calendar')]);
    const opened = await db().selectFrom('learning_registration_keys').select('registration_id').execute();
    expect(opened.map((row) => row.registration_id)).toContain(id);
    expect((await messagesOf('course-registered')).map((message) => message.cause)).not.toContain(`learning:course-registered:${id}`);
  });
});

describe('cancelling', () => {
  it('moves up exactly as many as cancelled, in order, however many cancel at once', async () => {
    const course = await buildCourse(ctx());
    const session = await buildSession(ctx(), course, { capacity: 5, inDays: 20 });
    const placed = [];
    for (let n = 0; n < 5; n += 1) placed.push(await register(ctx(), staff, byPhone(session.id)));
    const waiting = [];
    for (let n = 0; n < 4; n += 1) waiting.push(await register(ctx(), staff, byPhone(session.id)));
    const cancelled = await Promise.all(placed.slice(0, 3).map((result) => cancel(ctx(), staff, result.ok ? result.registration.id : '')));
    expect(cancelled.every((result) => result.ok)).toBe(true);
    const rows = await db().selectFrom('learning_registrations').select(['id', 'status', 'seq']).where('session_id', '=', session.id).orderBy('seq').execute();
    expect(rows.filter((row) => row.status === 'placed')).toHaveLength(5);
    const waitingIds = waiting.map((result) => (result.ok ? result.registration.id : ''));
    expect(rows.filter((row) => row.status === 'placed' && waitingIds.includes(row.id)).map((row) => row.id)).toEqual(waitingIds.slice(0, 3));
    expect(rows.find((row) => row.id === waitingIds[3])?.status).toBe('waiting');
    const freed = (await messagesOf('course-place-freed')).map((message) => message.cause);
    expect(freed.filter((cause) => waitingIds.some((id) => cause.endsWith(id)))).toHaveLength(3);
  });

  it('asks staff to phone instead of writing when a letter would arrive too late', async () => {
    const course = await buildCourse(ctx());
    const session = await buildSession(ctx(), course, { capacity: 1, inDays: 2 });
    const first = await register(ctx(), staff, byPhone(session.id));
    const second = await register(ctx(), staff, byPhone(session.id));
    const result = await cancel(ctx(), staff, first.ok ? first.registration.id : '');
    expect(result.ok && result.promoted.map((row) => row.id)).toEqual([second.ok ? second.registration.id : '']);
    expect(result.ok && result.promoted[0]?.call_requested_at).toBeInstanceOf(Date);
    expect((await messagesOf('course-place-freed')).map((message) => message.cause)).not.toContain(`learning:course-place-freed:${second.ok ? second.registration.id : ''}`);
  });

  it('refuses to cancel twice and after the start', async () => {
    const course = await buildCourse(ctx());
    const session = await buildSession(ctx(), course);
    const made = await register(ctx(), staff, byPhone(session.id));
    const id = made.ok ? made.registration.id : '';
    expect((await cancel(ctx(), staff, id)).ok).toBe(true);
    expect(await cancel(ctx(), staff, id)).toEqual({ ok: false, reason: 'already' });
    const later = await register(ctx(), staff, byPhone(session.id));
    expect(await cancel(ctx(), staff, later.ok ? later.registration.id : '', new Date(session.starts_at.getTime() + 1000))).toEqual({ ok: false, reason: 'started' });
  });
});

describe('the minimum and the reminders', () => {
  it('calls off a session below its minimum at its deadline and tells everyone; confirms one that reached it', async () => {
    const course = await buildCourse(ctx());
    const few = await buildSession(ctx(), course, { capacity: 10, minParticipants: 3, inDays: 5, decideDaysBefore: 3 });
    const enough = await buildSession(ctx(), course, { capacity: 10, minParticipants: 1, inDays: 5, decideDaysBefore: 3 });
    const a = await register(ctx(), staff, byPhone(few.id));
    const b = await register(ctx(), staff, byPhone(few.id, guest({ postalAddress: null })));
    await register(ctx(), staff, byPhone(enough.id));
    await checkMinimums(ctx(), new Date(few.decide_by.getTime() - 60_000));
    const early = await db().selectFrom('learning_sessions').select(['status', 'confirmed_at']).where('id', 'in', [few.id, enough.id]).execute();
    expect(early).toEqual([{ status: 'open', confirmed_at: null }, { status: 'open', confirmed_at: null }]);
    const decided = await checkMinimums(ctx(), new Date(few.decide_by.getTime() + 60_000));
    expect(decided.calledOff).toBeGreaterThanOrEqual(1);
    const sessions = await db().selectFrom('learning_sessions').select(['id', 'status', 'confirmed_at']).where('id', 'in', [few.id, enough.id]).execute();
    expect(sessions.find((row) => row.id === few.id)?.status).toBe('cancelled');
    expect(sessions.find((row) => row.id === enough.id)?.confirmed_at).toBeInstanceOf(Date);
    const calledOff = (await messagesOf('course-called-off')).map((message) => message.cause);
    expect(calledOff).toContain(`learning:course-called-off:${a.ok ? a.registration.id : ''}`);
    // Registered by phone without an address: on the list of calls.
    const phoned = await db().selectFrom('learning_registrations').select(['status', 'call_requested_at']).where('id', '=', b.ok ? b.registration.id : '').executeTakeFirstOrThrow();
    expect(phoned.status).toBe('dropped');
    expect(phoned.call_requested_at).toBeInstanceOf(Date);
    expect((await checkMinimums(ctx(), new Date(few.decide_by.getTime() + 120_000))).calledOff).toBe(0);
  });

  it('reminds those placed the day before, once', async () => {
    const course = await buildCourse(ctx());
    const now = new Date();
    const session = await buildSession(ctx(), course, { inDays: 1.2 }, now);
    const made = await register(ctx(), staff, byPhone(session.id));
    const dayBefore = new Date(session.starts_at.getTime() - 20 * 3_600_000);
    const first = await sendCourseReminders(ctx(), dayBefore);
    const again = await sendCourseReminders(ctx(), dayBefore);
    expect(first).toBeGreaterThanOrEqual(1);
    expect(again).toBe(0);
    expect((await messagesOf('course-session-reminder')).map((message) => message.cause)).toContain(`learning:course-session-reminder:${made.ok ? made.registration.id : ''}`);
  });
});
