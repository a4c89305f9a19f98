import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '#kernel/auth/actor.ts';
import { addDays, todayInBerlin } from '#kernel/calendar.ts';
import { formatDay } from '#kernel/dates.ts';
import { htmlProblems } from '#test/html-validity.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { rowProblems } from '#kernel/declarations/check.ts';
import { fewestDecided, processingTimesDataset } from './opendata.ts';
import { processingTimes } from './service.casework.times.ts';
import { publishShippedForm } from './test/builders.ts';
import { caseworkerOf, citizenCase, guestContact, type Caseworker } from './test/casework.ts';

let platform: TestPlatform;
let clerk: Caseworker;
let registrar: Caseworker;
const offices = new Map<Caseworker, string>();

beforeAll(async () => {
  platform = await createTestPlatform();
  const contactOffice = (await publishShippedForm(platform.ctx, 'kontakt')).officeId;
  const registrationOffice = (await publishShippedForm(platform.ctx, 'meldebescheinigung')).officeId;
  clerk = await caseworkerOf(platform, contactOffice, 'Clara Kontakt');
  registrar = await caseworkerOf(platform, registrationOffice, 'Rita Register');
  offices.set(clerk, contactOffice).set(registrar, registrationOffice);
});
afterAll(async () => {
  await platform.close();
});

const dayMs = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * dayMs - 60_000);

async function step(worker: Caseworker, caseId: string, slug: string, fields: Record<string, string> = {}) {
  await worker.client.get(`/verwaltung/antraege/${caseId}`);
  const done = await worker.client.post(`/verwaltung/antraege/${caseId}/schritte/${slug}`, fields);
  expect(done.status, `${slug} on ${caseId}`).toBe(303);
}

/** Moves a case back in time: sent that many days ago, each step at the day given. */
async function backdate(caseId: string, submittedDaysAgo: number, steps: Record<string, number>) {
  await sql`update application_cases set submitted_at = ${daysAgo(submittedDaysAgo)} where id = ${caseId}`.execute(platform.ctx.db);
  for (const [transition, days] of Object.entries(steps)) {
    await sql`update workflow_history set at = ${daysAgo(days)} where workflow = 'applications.case' and instance_id = ${caseId} and transition = ${transition}`.execute(platform.ctx.db);
  }
}

describe('processing times per form', () => {
  it('count the days to the decision without the days waiting for the applicant, against the form’s target, for the caseworker’s offices only', async () => {
    // Sent 10 days ago, waited 4 days for the applicant, decided 2 days ago: 4 days of the office's time.
    const paused = await guestContact(platform.ctx);
    await step(clerk, paused.id, 'annehmen');
    await step(clerk, paused.id, 'nachfordern', { requestInformationNote: 'Welcher Wertstoffhof ist gemeint?', requestInformationReplyBy: formatDay(addDays(todayInBerlin(), 7)) });
    await step(clerk, paused.id, 'fortsetzen');
    await step(clerk, paused.id, 'bewilligen', { approveNote: 'Der Wertstoffhof ist samstags von 9 bis 14 Uhr geöffnet.' });
    await backdate(paused.id, 10, { accept: 9, requestInformation: 8, resume: 4, approve: 2 });

    // Sent 20 days ago and decided yesterday: 19 days, beyond the target of 7.
    const slow = await guestContact(platform.ctx);
    await step(clerk, slow.id, 'annehmen');
    await step(clerk, slow.id, 'bewilligen', { approveNote: 'Erledigt.' });
    await backdate(slow.id, 20, { accept: 19, approve: 1 });

    // Still open after 12 days; and one decided long before the period, which does not count.
    const open = await guestContact(platform.ctx);
    await backdate(open.id, 12, {});
    const old = await guestContact(platform.ctx);
    await step(clerk, old.id, 'annehmen');
    await step(clerk, old.id, 'bewilligen', { approveNote: 'Erledigt.' });
    await backdate(old.id, 400, { accept: 399, approve: 398 });

    // Another office's case is not the clerk's to see, not even as a figure.
    await citizenCase(platform.ctx);

    const times = await processingTimes(platform.ctx, actorOf(clerk), 'de');
    expect(times).toEqual([
      {
        formKey: 'kontakt',
        title: 'Nachricht an die Stadtverwaltung',
        targetDays: 7,
        decided: 2,
        medianDays: 4,
        ninetiethDays: 19,
        withinTarget: 0.5,
        withdrawn: 0,
        open: 1,
        openOverTarget: 1,
        oldestOpenDays: 12,
      },
    ]);
    expect((await processingTimes(platform.ctx, actorOf(registrar), 'de')).map((form) => [form.formKey, form.decided, form.open])).toEqual([['meldebescheinigung', 0, 1]]);
  });

  it('are a valid page in the back office, linked from the dashboard, and closed to citizens', async () => {
    const page = await clerk.client.get('/verwaltung/antraege/bearbeitungszeiten');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Bearbeitungszeiten je Formular');
    expect(page.body).toContain('Nachricht an die Stadtverwaltung');
    expect(page.body).toContain('/verwaltung/antraege?form=kontakt');
    expect(await htmlProblems('/verwaltung/antraege/bearbeitungszeiten', page.body)).toEqual([]);
    expect((await clerk.client.get('/verwaltung')).body).toContain('href="/verwaltung/antraege/bearbeitungszeiten"');
    const english = await clerk.client.get('/verwaltung/antraege/bearbeitungszeiten?lang=en');
    expect(english.body).toContain('Processing times per form');

    const visitor = await new FormClient(platform.app).get('/verwaltung/antraege/bearbeitungszeiten');
    expect([302, 303, 401, 403]).toContain(visitor.status);
    expect(visitor.body).not.toContain('Nachricht an die Stadtverwaltung');
  });
});

describe('processing times as open data', () => {
  it('give every office’s forms with counts, and times only where five or more decisions hide each single one', async () => {
    const rowsNow = () => processingTimesDataset.rows(platform.ctx.db, platform.ctx.config);
    const before = await rowsNow();
    expect(rowProblems(processingTimesDataset.schema, before)).toEqual([]);
    const contact = before.find((row) => row.form === 'kontakt');
    expect(contact).toMatchObject({ title: 'Nachricht an die Stadtverwaltung', target_days: 7, open: 1, open_over_target: 1, median_days: null, ninetieth_percentile_days: null, within_target_percent: null });
    // Every office, not only one caseworker's: the registration office's open case counts too.
    expect(before.find((row) => row.form === 'meldebescheinigung')).toMatchObject({ decided: 0, open: 1, median_days: null });
    expect(contact!.period_end).toBe(todayInBerlin());
    expect(contact!.period_start).toBe(todayInBerlin(new Date(Date.now() - 365 * dayMs)));

    const decided = Number(contact!.decided);
    for (let index = decided; index < fewestDecided; index += 1) {
      const quick = await guestContact(platform.ctx);
      await step(clerk, quick.id, 'annehmen');
      await step(clerk, quick.id, 'bewilligen', { approveNote: 'Erledigt.' });
      await backdate(quick.id, 6, { accept: 5, approve: 3 });
    }
    const after = (await rowsNow()).find((row) => row.form === 'kontakt')!;
    expect(after.decided).toBe(fewestDecided);
    // 3, 3, 3, 4 and 19 days: the median 3, nine in ten within 19, four of five within the target of 7.
    expect(after).toMatchObject({ median_days: 3, ninetieth_percentile_days: 19, within_target_percent: 80 });
    expect(JSON.stringify(await rowsNow())).not.toMatch(/Wertstoffhof|@|Erledigt/);
  });
});

/** The caseworker as the services see them once signed in: staff with the role in their office. */
function actorOf(worker: Caseworker): Actor {
  const { user } = worker.staff;
  return { kind: 'staff', roles: [{ role: 'caseworker', scopeKind: 'office', scopeId: offices.get(worker)! }], userId: user.id, displayName: user.display_name, email: user.email, language: 'de', simplifiedLanguage: false, sessionHash: '' };
}
