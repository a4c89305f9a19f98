import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '#kernel/auth/actor.ts';
import { addDays, todayInBerlin } from '#kernel/calendar.ts';
import { staffIdByEmail } from '#modules/accounts/index.ts';
import { buildStaff } from '#modules/accounts/test/builders.ts';
import { buildOffice } from '#modules/catalog/test/builders.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { trainingDb } from './repo.ts';
import { demoCaseworkerEmail, seedTraining } from './seed.ts';
import { dueList } from './service.ts';
import { sendTrainingReminders, trainingRemindersJob } from './service.reminders.ts';
import { buildRecord, buildRequirement } from './test/builders.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const today = todayInBerlin();
const messagesFor = (userId: string) =>
  platform.ctx.db
    .withTables<{ notify_messages: { cause: string; purpose: string; user_id: string | null; subject: string | null; body: string | null } }>()
    .selectFrom('notify_messages')
    .select(['cause', 'subject', 'body'])
    .where('purpose', '=', 'training-expiry-reminder')
    .where('user_id', '=', userId)
    .execute();

describe('the reminder before a required training runs out', () => {
  it('is sent once per record within its window, with the day and the own page, however often the job runs', async () => {
    const { key } = await buildRequirement(platform.ctx, { title: 'Datenschutz Erinnerung', remindDays: 30 });
    const due = await buildStaff(platform.ctx, [], { display_name: 'Dora Fällig' });
    const early = await buildStaff(platform.ctx, []);
    const renewed = await buildStaff(platform.ctx, []);
    const record = await buildRecord(platform.ctx, { userId: due.user.id, requirementKey: key, completedOn: addDays(today, -700), expiresOn: addDays(today, 20) });
    await buildRecord(platform.ctx, { userId: early.user.id, requirementKey: key, completedOn: addDays(today, -600), expiresOn: addDays(today, 31) });
    await buildRecord(platform.ctx, { userId: renewed.user.id, requirementKey: key, completedOn: addDays(today, -700), expiresOn: addDays(today, 10) });
    await buildRecord(platform.ctx, { userId: renewed.user.id, requirementKey: key, completedOn: addDays(today, -5), expiresOn: addDays(today, 720) });

    expect(await sendTrainingReminders(platform.ctx)).toBe(1);
    expect(await sendTrainingReminders(platform.ctx)).toBe(0);
    await trainingRemindersJob.handler({}, platform.ctx);
    const sent = await messagesFor(due.user.id);
    expect(sent).toEqual([expect.objectContaining({ cause: `learning:training-expiry:${record.id}` })]);
    expect(sent[0]!.subject).toContain('Datenschutz Erinnerung');
    expect(sent[0]!.body).toContain('/verwaltung/meine-fortbildungen');
    expect(await messagesFor(early.user.id)).toEqual([]);
    expect(await messagesFor(renewed.user.id)).toEqual([]);
    const marked = await trainingDb(platform.ctx.db).selectFrom('learning_training_records').select('reminded_at').where('id', '=', record.id).executeTakeFirstOrThrow();
    expect(marked.reminded_at).toBeInstanceOf(Date);

    // The next day, the record that came into its window is reminded, the first one not again.
    expect(await sendTrainingReminders(platform.ctx, new Date(Date.now() + 86_400_000))).toBe(1);
    expect(await messagesFor(early.user.id)).toHaveLength(1);
    expect(await messagesFor(due.user.id)).toHaveLength(1);
  });

  it('skips someone whose roles no longer need the training', async () => {
    const { key } = await buildRequirement(platform.ctx, { roles: ['counter-clerk'] });
    const moved = await buildStaff(platform.ctx, [{ role: 'trainer' }]);
    await buildRecord(platform.ctx, { userId: moved.user.id, requirementKey: key, completedOn: addDays(today, -700), expiresOn: addDays(today, 5) });
    await sendTrainingReminders(platform.ctx);
    expect(await messagesFor(moved.user.id)).toEqual([]);
  });
});

describe('the demo seed', () => {
  it('sets four requirements and a caseworker whose data protection training runs out next month, the same however often it runs', async () => {
    await buildOffice(platform.ctx, { title: 'Bürgerbüro' });
    await seedTraining(platform.ctx);
    await seedTraining(platform.ctx);
    const db = trainingDb(platform.ctx.db);
    const keys = (await db.selectFrom('learning_training_requirements').select('key').where('demo', '=', true).orderBy('key').execute()).map((row) => row.key);
    expect(keys).toEqual(['barrierefreie-dokumente', 'datenschutz', 'e-akte', 'informationssicherheit']);
    const caseworker = await staffIdByEmail(platform.ctx.db, demoCaseworkerEmail);
    expect(caseworker).toBeDefined();
    const records = await db.selectFrom('learning_training_records').select(['requirement_key']).where('user_id', '=', caseworker!).execute();
    expect(records.map((row) => row.requirement_key).sort()).toEqual(['barrierefreie-dokumente', 'datenschutz', 'informationssicherheit']);

    const list = await dueList(platform.ctx, systemActor('test'), { requirement: 'datenschutz' });
    const row = list.due.find((entry) => entry.userId === caseworker);
    expect(row?.status).toBe('expiring');
    const nextMonth = new Date(`${today}T12:00:00Z`);
    nextMonth.setUTCDate(1);
    nextMonth.setUTCMonth(nextMonth.getUTCMonth() + 1);
    expect(row?.expiresOn).toBe(`${nextMonth.toISOString().slice(0, 8)}15`);
    expect(list.due.find((entry) => entry.userId === caseworker && entry.requirement.key === 'e-akte')).toBeUndefined();
    const all = await dueList(platform.ctx, systemActor('test'), {});
    const demoDue = all.due.filter((entry) => entry.userId === caseworker && keys.includes(entry.requirement.key));
    expect(demoDue.map((entry) => `${entry.requirement.key}: ${entry.status}`)).toEqual(['barrierefreie-dokumente: expired', 'e-akte: missing', 'datenschutz: expiring']);

    // The journey goes on: the reminder reaches the caseworker.
    await sendTrainingReminders(platform.ctx);
    expect(await messagesFor(caseworker!)).toHaveLength(1);
  });
});
