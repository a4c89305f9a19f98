import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInBerlin } from '#kernel/calendar.ts';
import { formatDay } from '#kernel/dates.ts';
import { signInCitizen } from '#modules/notify/test/builders.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { applicationsDb } from './repo.forms.ts';
import { remindReplyBy, remindReplyByJob } from './service.reminder.ts';
import { publishShippedForm } from './test/builders.ts';
import { auditOf, caseworkerOf, citizenCase, guestContact, messagesAbout, type Caseworker } from './test/casework.ts';

/*
 * The reply-by reminder: a few days before the day asked for it goes once, by the applicant's channel; not
 * for a request answered, resumed or replaced; and the office sees a request past its day as overdue.
 */

let platform: TestPlatform;
let worker: Caseworker;
let clerk: Caseworker;

beforeAll(async () => {
  platform = await createTestPlatform();
  worker = await caseworkerOf(platform, (await publishShippedForm(platform.ctx, 'meldebescheinigung')).officeId, 'Rita Erinnerung');
  clerk = await caseworkerOf(platform, (await publishShippedForm(platform.ctx, 'kontakt')).officeId, 'Karl Kontakt');
});
afterAll(async () => {
  await platform.close();
});

const inDays = (days: number) => addDays(todayInBerlin(), days);

async function step(by: Caseworker, caseId: string, slug: string, fields: Record<string, string> = {}) {
  await by.client.get(`/verwaltung/antraege/${caseId}`);
  const response = await by.client.post(`/verwaltung/antraege/${caseId}/schritte/${slug}`, fields);
  expect(response.status).toBe(303);
}

const request = (by: Caseworker, caseId: string, replyBy: string) => step(by, caseId, 'nachfordern', { requestInformationNote: 'Bitte senden Sie Ihren Ausweis.', requestInformationReplyBy: formatDay(replyBy) });
const reminders = async (caseId: string) => (await messagesAbout(platform.ctx, caseId)).filter((message) => message.purpose === 'case-information-reminder');

/** Moves a case's open request to another reply-by day, as if it had been asked for long ago. */
const setReplyBy = (caseId: string, day: string) => sql`update application_information_requests set reply_by = ${day}::date where case_id = ${caseId}`.execute(platform.ctx.db);

describe('the reply-by reminder', () => {
  it('reminds once, three days before the day, by the applicant’s channels, and records it', async () => {
    const { made } = await citizenCase(platform.ctx);
    await step(worker, made.id, 'annehmen');
    const replyBy = inDays(10);
    await request(worker, made.id, replyBy);
    await remindReplyBy(platform.ctx);
    expect(await reminders(made.id)).toEqual([]);

    // Seven days later the day is three days ahead.
    const later = new Date(Date.now() + 7 * 86_400_000);
    await remindReplyBy(platform.ctx, later);
    await remindReplyBy(platform.ctx, new Date(later.getTime() + 86_400_000));
    const sent = await reminders(made.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.channels).toEqual(['email', 'inbox']);
    expect(sent[0]!.body).toMatch(new RegExp(`bis zum \\d{1,2}\\. \\S+ ${replyBy.slice(0, 4)}`));
    expect(sent[0]!.subject).toContain('Erinnerung');
    const record = (await auditOf(platform.ctx, made.id)).find((entry) => entry.action === 'applications.information-reminded');
    expect(record).toMatchObject({ actor_id: null, data_subject_id: made.user_id, meta: { replyBy } });
  });

  it('runs as a declared daily job', async () => {
    expect(remindReplyByJob.name).toBe('applications.remind-reply-by');
    expect(remindReplyByJob.cron).toBe('0 7 * * *');
    const made = await guestContact(platform.ctx, { email: 'gast.erinnerung@example.org' });
    await step(clerk, made.id, 'annehmen');
    await request(clerk, made.id, inDays(2));
    await remindReplyByJob.handler({}, platform.ctx);
    await platform.runJobs();
    expect(platform.smtp.lastTo('gast.erinnerung@example.org')?.text).toContain('Bitte antworten Sie bis zum');
    expect(await reminders(made.id)).toHaveLength(1);
  });

  it('does not remind of a request the applicant answered or the office resumed', async () => {
    const answered = await citizenCase(platform.ctx);
    await step(worker, answered.made.id, 'annehmen');
    await request(worker, answered.made.id, inDays(2));
    const client = new FormClient(platform.app);
    await signInCitizen(client, answered.citizen);
    await client.get(`/konto/antraege/${answered.made.id}`);
    expect((await client.post(`/konto/antraege/${answered.made.id}/antwort`, { message: 'Der Ausweis kommt per Post.' })).status).toBe(303);

    const resumed = await citizenCase(platform.ctx);
    await step(worker, resumed.made.id, 'annehmen');
    await request(worker, resumed.made.id, inDays(2));
    await step(worker, resumed.made.id, 'fortsetzen');

    await remindReplyBy(platform.ctx);
    expect(await reminders(answered.made.id)).toEqual([]);
    expect(await reminders(resumed.made.id)).toEqual([]);
    const open = await applicationsDb(platform.ctx.db).selectFrom('application_information_requests').select('answered_at').where('case_id', '=', answered.made.id).executeTakeFirstOrThrow();
    expect(open.answered_at).toBeInstanceOf(Date);
  });

  it('shows the office a request past its day as overdue, in the queue and on the case', async () => {
    const { made } = await citizenCase(platform.ctx);
    await step(worker, made.id, 'annehmen');
    await request(worker, made.id, inDays(5));
    const before = await worker.client.get('/verwaltung/antraege');
    expect(before.body).not.toContain('Antwort überfällig');
    const past = inDays(-2);
    await setReplyBy(made.id, past);
    const queue = await worker.client.get('/verwaltung/antraege');
    const row = queue.body.slice(queue.body.indexOf(made.reference));
    expect(row.slice(0, row.indexOf('</tr>'))).toContain(`Antwort überfällig seit ${formatDay(past)}`);
    const page = await worker.client.get(`/verwaltung/antraege/${made.id}`);
    expect(page.body).toContain(`Antwort überfällig seit ${formatDay(past)}`);
    expect(page.body).toContain('Die Frist ist abgelaufen');
    // A day already past is not reminded of any more.
    await remindReplyBy(platform.ctx);
    expect(await reminders(made.id)).toEqual([]);
  });
});
