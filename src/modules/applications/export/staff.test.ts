import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlProblems } from '#test/html-validity.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { applicationsDb } from '../repo.forms.ts';
import { publishShippedForm } from '../test/builders.ts';
import { auditOf, caseworkerOf, guestContact, type Caseworker } from '../test/casework.ts';

/*
 * The hand-off on the case page: caseworkers of the case's office see each attempt and hand the case over
 * again; nobody else can, and without a configured hand-off there is nothing to press.
 */

let platform: TestPlatform;
let exportDir: string;
let clerk: Caseworker;
let stranger: Caseworker;

beforeAll(async () => {
  exportDir = await fs.mkdtemp(path.join(os.tmpdir(), 'case-export-staff-'));
  platform = await createTestPlatform({ APPLICATION_EXPORT_DIR: exportDir });
  const contactOffice = (await publishShippedForm(platform.ctx, 'kontakt')).officeId;
  const otherOffice = (await publishShippedForm(platform.ctx, 'meldebescheinigung')).officeId;
  clerk = await caseworkerOf(platform, contactOffice, 'Clara Kontakt');
  stranger = await caseworkerOf(platform, otherOffice, 'Rainer Melde');
});
afterAll(async () => {
  await platform.close();
  await fs.rm(exportDir, { recursive: true, force: true });
});

const exportsOf = (caseId: string) =>
  sql<{ status: string; trigger: string; actor_id: string | null; reason: string | null }>`select status, trigger, actor_id, reason from application_case_exports where case_id = ${caseId} order by attempted_at, id`
    .execute(platform.ctx.db)
    .then((result) => result.rows);

describe('the hand-off on the case page', () => {
  it('shows a caseworker of the office each attempt, and hands the case over again with an audited button', async () => {
    const made = await guestContact(platform.ctx);
    await platform.runJobs();
    await platform.runJobs();
    const url = `/verwaltung/antraege/${made.id}`;
    const page = await clerk.client.get(url);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Übergabe an das Fachverfahren');
    expect(page.body).toContain('automatisch nach dem Eingang');
    expect(page.body).toContain(`Abgelegt unter ${path.join(exportDir, made.reference)}`);
    expect(page.body).toContain(`action="/verwaltung/antraege/${made.id}/uebergabe"`);
    expect(await htmlProblems(url, page.body)).toEqual([]);

    const again = await clerk.client.post(`${url}/uebergabe`, {});
    expect(again.status).toBe(303);
    expect(again.location).toBe(`${url}?notice=export-already`);
    const shown = await clerk.client.follow(again);
    expect(shown.body).toContain('Der Antrag lag dem Fachverfahren schon vor; er wurde nicht noch einmal abgelegt.');
    expect(shown.body).toContain('im Sachgebiet angestoßen');
    expect(await exportsOf(made.id)).toEqual([
      { status: 'delivered', trigger: 'submitted', actor_id: null, reason: null },
      { status: 'delivered', trigger: 'staff', actor_id: clerk.staff.user.id, reason: null },
    ]);
    const audited = (await auditOf(platform.ctx, made.id)).filter((entry) => entry.action === 'applications.case-exported');
    expect(audited.map((entry) => [entry.actor_id, entry.meta.trigger, entry.meta.status])).toEqual([
      [null, 'submitted', 'delivered'],
      [clerk.staff.user.id, 'staff', 'delivered'],
    ]);
  });

  it('shows why a hand-off failed, in words and with the detail', async () => {
    const made = await guestContact(platform.ctx);
    await applicationsDb(platform.ctx.db)
      .updateTable('application_cases')
      .set({ answers: JSON.stringify({ ...made.answers, invented: 'x' }) })
      .where('id', '=', made.id)
      .execute();
    const url = `/verwaltung/antraege/${made.id}`;
    await clerk.client.get(url);
    const refused = await clerk.client.post(`${url}/uebergabe`, {});
    expect(refused.location).toBe(`${url}?notice=export-failed`);
    const shown = await clerk.client.follow(refused);
    expect(shown.body).toContain('Der Antrag konnte nicht übergeben werden.');
    expect(shown.body).toContain('Die Angaben passen nicht zum Schema des Formulars; so wird der Antrag nicht übergeben:');
    expect(shown.body).toContain('must NOT have additional properties');
    const english = await clerk.client.get(`${url}?lang=en`);
    expect(english.body).toContain('The answers do not match the form’s schema, so the application is not handed over:');
    expect(await exportsOf(made.id)).toContainEqual({ status: 'failed', trigger: 'staff', actor_id: clerk.staff.user.id, reason: 'invalid-answers' });
  });

  it('answers another office’s caseworker as if the case did not exist, a forged post with 403, and hands nothing over', async () => {
    const made = await guestContact(platform.ctx);
    await stranger.client.get('/verwaltung/antraege');
    const foreign = await stranger.client.post(`/verwaltung/antraege/${made.id}/uebergabe`, {});
    expect(foreign.status).toBe(404);

    await clerk.client.get(`/verwaltung/antraege/${made.id}`);
    const forged = await clerk.client.post(`/verwaltung/antraege/${made.id}/uebergabe`, { _csrf: 'forged' });
    expect(forged.status).toBe(403);

    const visitor = new FormClient(platform.app);
    await visitor.get('/');
    const anonymous = await visitor.post(`/verwaltung/antraege/${made.id}/uebergabe`, {});
    expect([401, 403]).toContain(anonymous.status);
    expect(await exportsOf(made.id)).toEqual([]);
    expect((await auditOf(platform.ctx, made.id)).filter((entry) => entry.action === 'applications.case-exported')).toEqual([]);
  });
});

describe('without a configured hand-off', () => {
  let plain: TestPlatform;
  beforeAll(async () => {
    plain = await createTestPlatform();
  });
  afterAll(async () => {
    await plain.close();
  });

  it('queues nothing on submission, says so on the case page, and refuses the button with 409', async () => {
    const officeId = (await publishShippedForm(plain.ctx, 'kontakt')).officeId;
    const worker = await caseworkerOf(plain, officeId);
    const made = await guestContact(plain.ctx);
    await plain.runJobs();
    const queued = await sql<{ count: number }>`select count(*)::int as count from pgboss.job where name = 'applications.export-case'`.execute(plain.ctx.db);
    expect(queued.rows[0]!.count).toBe(0);
    const url = `/verwaltung/antraege/${made.id}`;
    const page = await worker.client.get(url);
    expect(page.body).toContain('Eine Übergabe an ein Fachverfahren ist nicht eingerichtet.');
    expect(page.body).not.toContain('/uebergabe"');
    const refused = await worker.client.post(`${url}/uebergabe`, {});
    expect(refused.status).toBe(409);
    expect(refused.body).toContain('Eine Übergabe an ein Fachverfahren ist nicht eingerichtet.');
    expect(await htmlProblems(url, refused.body)).toEqual([]);
  });
});
