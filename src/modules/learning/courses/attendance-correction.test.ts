import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '#kernel/auth/actor.ts';
import { buildStaff } from '#modules/accounts/test/builders.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { buildRequirement } from '../training/test/builders.ts';
import { certificatePdfFor, sendCertificates } from './certificates.ts';
import { coursesDb } from './repo.ts';
import { register } from './service.registration.ts';
import { takeAttendance } from './service.staff.ts';
import { buildCourse, buildSession } from './test/builders.ts';

/*
 * A trainer who ticked the wrong name corrects the attendance list: the certificate of the person no longer
 * marked present is withdrawn (its code says so to whoever checks it, nobody is sent it or can download
 * it), the training record a staff course gave them goes, and both come back when they are ticked again.
 */

let platform: TestPlatform;
let coordinator: Actor;
beforeAll(async () => {
  platform = await createTestPlatform();
  const built = await buildStaff(platform.ctx, [{ role: 'training-coordinator' }]);
  coordinator = { kind: 'staff', userId: built.user.id, roles: [{ role: 'training-coordinator' }], displayName: built.user.display_name, email: built.user.email, language: 'de', simplifiedLanguage: false, sessionHash: 'test' };
});
afterAll(async () => {
  await platform.close();
});

const db = () => coursesDb(platform.ctx.db);
const auditOf = (action: string) => platform.ctx.db.selectFrom('audit_log').select(['subject_id', 'meta']).where('action', '=', action).execute();

describe('correcting an attendance list', () => {
  it('withdraws the certificate and the training record of whoever is no longer marked present, and gives them back when ticked again', async () => {
    const requirement = await buildRequirement(platform.ctx);
    const course = await buildCourse(platform.ctx, { audience: 'staff', training_key: requirement.key });
    const session = await buildSession(platform.ctx, course, { capacity: 5 });
    const people = await Promise.all(['Anna Anwesend', 'Bernd Beispiel'].map(async (name) => (await buildStaff(platform.ctx, [{ role: 'caseworker' }], { display_name: name })).user));
    const registrations = [];
    for (const person of people) {
      const made = await register(platform.ctx, { kind: 'staff', userId: person.id, roles: [{ role: 'caseworker' }], displayName: person.display_name, email: person.email, language: 'de', simplifiedLanguage: false, sessionHash: 'test' }, { sessionId: session.id, registrant: { kind: 'account', userId: person.id }, language: 'de', supportNeeds: [], supportNote: null, channel: 'online' });
      if (!made.ok) throw new Error(made.reason);
      registrations.push(made.registration);
    }
    const after = new Date(session.starts_at.getTime() + 3_600_000);
    const [anna, bernd] = registrations as [(typeof registrations)[0], (typeof registrations)[0]];

    // Both ticked: two certificates, two training records.
    expect(await takeAttendance(platform.ctx, coordinator, session.id, [anna.id, bernd.id], after)).toMatchObject({ ok: true, certificates: 2, trainings: 2 });
    const certificates = await db().selectFrom('learning_certificates').select(['code', 'registration_id']).where('registration_id', 'in', [anna.id, bernd.id]).execute();
    const berndsCode = certificates.find((row) => row.registration_id === bernd.id)!.code;
    const records = () => platform.ctx.db.withTables<{ learning_training_records: { user_id: string; requirement_key: string } }>().selectFrom('learning_training_records').select('user_id').where('requirement_key', '=', requirement.key).execute();
    expect((await records()).map((row) => row.user_id).sort()).toEqual(people.map((person) => person.id).sort());

    // Bernd was ticked by mistake.
    expect(await takeAttendance(platform.ctx, coordinator, session.id, [anna.id], after)).toMatchObject({ ok: true, certificates: 0, trainings: 1 });
    expect((await records()).map((row) => row.user_id)).toEqual([people[0]!.id]);
    const withdrawn = await db().selectFrom('learning_certificates').select(['code', 'withdrawn_at']).where('code', '=', berndsCode).executeTakeFirstOrThrow();
    expect(withdrawn.withdrawn_at).toEqual(after);
    expect((await auditOf('learning.certificate-withdrawn')).map((row) => row.subject_id)).toEqual([berndsCode]);
    expect((await auditOf('learning.training-record-removed')).map((row) => (row.meta as { reason?: string }).reason)).toEqual(['attendance-corrected']);

    // Whoever checks the code reads that it was withdrawn (410), and nobody can download or is sent it.
    const check = await new FormClient(platform.app).get(`/kurse/nachweis?code=${berndsCode}`);
    expect(check.status).toBe(410);
    expect(check.body).toContain('Diese Bescheinigung wurde zurückgezogen');
    expect(check.body).not.toContain('Bernd Beispiel');
    expect(await certificatePdfFor(platform.ctx, coordinator, berndsCode)).toBeUndefined();
    expect(await sendCertificates(platform.ctx, session.id)).toEqual({ sent: 1, skipped: 0 });
    const sent = await platform.ctx.db.withTables<{ notify_messages: { cause: string; purpose: string } }>().selectFrom('notify_messages').select('cause').where('purpose', '=', 'course-certificate').execute();
    expect(sent.map((row) => row.cause)).not.toContain(`learning:course-certificate:${berndsCode}`);
    const list = (await platform.ctx.db.selectFrom('audit_log').select('meta').where('action', '=', 'learning.attendance-taken').where('subject_id', '=', session.id).execute()).map((row) => row.meta);
    expect(list.at(-1)).toMatchObject({ withdrawn: 1, restored: 0 });

    // Ticked again after all: the same certificate is valid once more, the record back.
    expect(await takeAttendance(platform.ctx, coordinator, session.id, [anna.id, bernd.id], after)).toMatchObject({ ok: true, certificates: 0, trainings: 2 });
    expect((await db().selectFrom('learning_certificates').select('withdrawn_at').where('code', '=', berndsCode).executeTakeFirstOrThrow()).withdrawn_at).toBeNull();
    expect((await db().selectFrom('learning_certificates').select('code').where('registration_id', '=', bernd.id).execute()).map((row) => row.code)).toEqual([berndsCode]);
    expect((await records()).map((row) => row.user_id).sort()).toEqual(people.map((person) => person.id).sort());
    expect((await new FormClient(platform.app).get(`/kurse/nachweis?code=${berndsCode}`)).status).toBe(200);
    expect((await auditOf('learning.certificate-restored')).map((row) => row.subject_id)).toEqual([berndsCode]);
  });
});
