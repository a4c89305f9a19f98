import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStreet } from '#modules/streets/test/builders.ts';
import { binaryPdf } from '#modules/notify/test/builders.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { answersSchema, answersValidator } from '../definition/answers-schema.ts';
import type { FileAnswer } from '../definition/answers.ts';
import { applicationsDb } from '../repo.forms.ts';
import { purgeCases } from '../service.purge.ts';
import { publishShippedForm, submitCase } from '../test/builders.ts';
import { guestContact } from '../test/casework.ts';
import type { CaseManifest } from './exporter.ts';
import { folderExporter } from './folder.ts';
import { exportCase, exportCaseJob } from './service.ts';

/*
 * The hand-off through the shipped folder adapter, on the real platform with a real directory: what a
 * package holds, that it arrives whole and once, what is refused and recorded, and that the records go
 * with their case.
 */

let platform: TestPlatform;
let exportDir: string;
let zone: string;

beforeAll(async () => {
  exportDir = await fs.mkdtemp(path.join(os.tmpdir(), 'case-export-'));
  platform = await createTestPlatform({ APPLICATION_EXPORT_DIR: exportDir });
  await publishShippedForm(platform.ctx, 'bewohnerparkausweis');
  await publishShippedForm(platform.ctx, 'kontakt');
  zone = (await buildStreet(platform.ctx.db, { name: 'Zonenweg', parkingZone: 'B' })).name;
});
afterAll(async () => {
  await platform.close();
  await fs.rm(exportDir, { recursive: true, force: true });
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function upload(name: string): Promise<FileAnswer> {
  const put = await platform.ctx.files.put(binaryPdf(name), { accept: ['application/pdf'], maxBytes: 10 * 1024 * 1024 });
  if (!put.ok) throw new Error(put.reason);
  return { fileId: put.file.id, filename: `${name}.pdf`, mediaType: 'application/pdf', bytes: put.file.size };
}

/** A residents' parking permit with its two documents, in a street of zone B. */
async function parkingCase() {
  const keeper = await upload('Halterbestätigung');
  const registration = await upload('Zulassung Teil I');
  const made = await submitCase(platform.ctx, 'bewohnerparkausweis', {
    givenName: 'Ruth',
    familyName: 'Parker',
    address: { street: zone, houseNumber: '12', postcode: '41812', town: 'Erkelenz' },
    licencePlate: 'ERK-RP 12',
    vehicleUse: 'leased',
    keeperConfirmation: keeper,
    registrationCertificate: registration,
    phone: null,
    email: 'ruth.parker@example.org',
  });
  return { made, keeper, registration };
}

const attempts = (caseId: string) =>
  sql<{ adapter: string; status: string; location: string | null; reason: string | null; error: string | null; trigger: string }>`
    select adapter, status, location, reason, error, trigger from application_case_exports where case_id = ${caseId} order by attempted_at, id`
    .execute(platform.ctx.db)
    .then((result) => result.rows);

const readManifest = async (reference: string) => JSON.parse(await fs.readFile(path.join(exportDir, reference, 'case.json'), 'utf8')) as CaseManifest;

describe('a case handed over through the folder adapter', () => {
  it('goes from submission to its folder by the job the event queues, and the attempt is recorded', async () => {
    const { made } = await parkingCase();
    // Without the job nothing is there: the submission itself never waits for a specialist system.
    await expect(fs.stat(path.join(exportDir, made.reference))).rejects.toThrow();
    await platform.runJobs();
    await platform.runJobs();
    const manifest = await readManifest(made.reference);
    expect(manifest.case.reference).toBe(made.reference);
    expect(await attempts(made.id)).toEqual([{ adapter: 'folder', status: 'delivered', location: path.join(exportDir, made.reference), reason: null, error: null, trigger: 'submitted' }]);
    const audit = await sql<{ action: string; actor_label: string; data_subject_id: string | null }>`select action, actor_label, data_subject_id from audit_log where subject_id = ${made.id} and action = 'applications.case-exported'`.execute(platform.ctx.db);
    expect(audit.rows).toEqual([{ action: 'applications.case-exported', actor_label: 'system:applications.export-case', data_subject_id: null }]);
  });

  it('holds case.json valid against answers.schema.json and true to the case, the receipt and every upload with its SHA-256', async () => {
    const { made, keeper, registration } = await parkingCase();
    const outcome = await exportCase(platform.ctx, made.id, { kind: 'submitted' });
    expect(outcome).toMatchObject({ ok: true, alreadyDelivered: false });
    const folder = path.join(exportDir, made.reference);
    const manifest = await readManifest(made.reference);
    const schema = JSON.parse(await fs.readFile(path.join(folder, 'answers.schema.json'), 'utf8')) as Record<string, unknown>;
    const { definition, officeId } = await publishShippedForm(platform.ctx, 'bewohnerparkausweis');

    expect(schema).toEqual(answersSchema(definition));
    expect(answersValidator(definition)(manifest.answers)).toBe(true);
    expect(manifest.answers).toEqual(made.answers);
    // The zone the procedure derived travels with the answers, described by the schema.
    expect(manifest.answers.parkingZone).toBe('B');
    expect(manifest.format).toEqual({ name: 'applications.case-export', version: 1 });
    expect(manifest.case).toMatchObject({ id: made.id, reference: made.reference, status: 'received', channel: 'online', closedAt: null });
    expect(manifest.case.submittedAt).toBe(new Date(made.submitted_at).toISOString());
    expect(manifest.form).toMatchObject({ key: 'bewohnerparkausweis', version: 1, procedure: 'residentsParking' });
    expect(manifest.form.fields).toContainEqual({ pointer: '/givenName', type: 'text', label: 'Vorname', fim: 'F60000228' });
    expect(manifest.form.fields).toContainEqual({ pointer: '/parkingZone', type: 'derived', label: 'Bewohnerparkzone' });
    expect(manifest.service).toMatchObject({ slug: 'bewohnerparkausweis', leikaKey: null });
    expect(manifest.office).toEqual({ id: officeId, title: 'Amt für bewohnerparkausweis' });
    expect(manifest.applicant).toEqual(made.applicant);
    expect(manifest.authority).toEqual({ name: 'Erkelenz' });

    expect(manifest.files.map((file) => file.role)).toEqual(['receipt', 'upload', 'upload']);
    expect(manifest.files[1]).toMatchObject({ name: keeper.filename, mediaType: 'application/pdf', bytes: keeper.bytes, sha256: keeper.fileId, answers: ['/keeperConfirmation'] });
    expect(manifest.files[2]).toMatchObject({ name: registration.filename, sha256: registration.fileId, answers: ['/registrationCertificate'] });
    for (const file of manifest.files) {
      const bytes = await fs.readFile(path.join(folder, file.path));
      expect(sha256(bytes)).toBe(file.sha256);
      expect(bytes.length).toBe(file.bytes);
    }
    const receipt = await fs.readFile(path.join(folder, manifest.files[0]!.path));
    expect(receipt.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('delivers once: a second run finds the folder, writes nothing and clears what an interrupted attempt left', async () => {
    const made = await guestContact(platform.ctx);
    // What a crash half-way through an earlier attempt leaves: a hidden sibling, never the folder itself.
    const leftover = path.join(exportDir, `.${made.reference}.partial-dead`);
    await fs.mkdir(leftover);
    await fs.writeFile(path.join(leftover, 'files-half-written'), 'x');

    const first = await exportCase(platform.ctx, made.id, { kind: 'submitted' });
    expect(first).toMatchObject({ ok: true, alreadyDelivered: false });
    await expect(fs.stat(leftover)).rejects.toThrow();
    const written = await fs.readFile(path.join(exportDir, made.reference, 'case.json'));

    const second = await exportCase(platform.ctx, made.id, { kind: 'submitted' });
    expect(second).toMatchObject({ ok: true, alreadyDelivered: true, location: path.join(exportDir, made.reference) });
    expect(await fs.readFile(path.join(exportDir, made.reference, 'case.json'))).toEqual(written);
    const entries = (await fs.readdir(exportDir)).filter((name) => name.includes(made.reference));
    expect(entries).toEqual([made.reference]);
    expect((await attempts(made.id)).map((attempt) => attempt.status)).toEqual(['delivered', 'delivered']);
  });

  it('refuses answers the schema refuses, records why, and writes no folder; the job does not retry it', async () => {
    const made = await guestContact(platform.ctx);
    await applicationsDb(platform.ctx.db)
      .updateTable('application_cases')
      .set({ answers: JSON.stringify({ ...made.answers, topic: 'gossip' }) })
      .where('id', '=', made.id)
      .execute();
    const outcome = await exportCase(platform.ctx, made.id, { kind: 'submitted' });
    expect(outcome).toMatchObject({ ok: false, reason: 'invalid-answers', retry: false });
    const [attempt] = await attempts(made.id);
    expect(attempt).toMatchObject({ status: 'failed', reason: 'invalid-answers', location: null });
    expect(attempt!.error).toContain('/topic must be equal to one of the allowed values');
    await expect(fs.stat(path.join(exportDir, made.reference))).rejects.toThrow();

    // The job records the refusal and ends: answers that do not fit will not fit on the next try either.
    await platform.ctx.jobs.enqueue(platform.ctx.db, exportCaseJob, { caseId: made.id });
    await platform.ctx.jobs.drain(platform.ctx, [exportCaseJob.name]);
    const failed = await sql<{ count: number }>`select count(*)::int as count from pgboss.job where name = ${exportCaseJob.name} and state = 'retry'`.execute(platform.ctx.db);
    expect(failed.rows[0]!.count).toBe(0);
    expect((await attempts(made.id)).map((row) => row.reason)).toEqual(['invalid-answers', 'invalid-answers']);
  });

  it('records a folder that cannot be written as a failure worth retrying', async () => {
    const made = await guestContact(platform.ctx);
    const blocked = path.join(exportDir, 'a-file-not-a-folder');
    await fs.writeFile(blocked, 'x');
    const outcome = await exportCase(platform.ctx, made.id, { kind: 'submitted' }, folderExporter(path.join(blocked, 'exports')));
    expect(outcome).toMatchObject({ ok: false, reason: 'delivery-failed', retry: true });
    const [attempt] = await attempts(made.id);
    expect(attempt).toMatchObject({ status: 'failed', reason: 'delivery-failed', adapter: 'folder' });
    expect(attempt!.error).toMatch(/ENOTDIR|EEXIST/);
  });

  it('leaves a failure that may pass to the queue, which tries again and delivers', async () => {
    const { made, keeper } = await parkingCase();
    // An upload still waiting for its virus scan cannot be handed over yet.
    await sql`update files set status = 'pending' where id = ${keeper.fileId}`.execute(platform.ctx.db);
    await platform.runJobs();
    await platform.runJobs();
    expect(await attempts(made.id)).toMatchObject([{ status: 'failed', reason: 'file-pending', trigger: 'submitted' }]);
    const queued = sql<{ state: string }>`select state from pgboss.job where name = ${exportCaseJob.name} and data->>'caseId' = ${made.id}`;
    expect((await queued.execute(platform.ctx.db)).rows).toEqual([{ state: 'retry' }]);
    await expect(fs.stat(path.join(exportDir, made.reference))).rejects.toThrow();

    await sql`update files set status = 'clean' where id = ${keeper.fileId}`.execute(platform.ctx.db);
    // The queue's back-off, shortened: the retry is due now.
    await sql`update pgboss.job set start_after = now() where name = ${exportCaseJob.name} and data->>'caseId' = ${made.id}`.execute(platform.ctx.db);
    await platform.ctx.jobs.drain(platform.ctx, [exportCaseJob.name]);
    expect((await attempts(made.id)).map((attempt) => attempt.status)).toEqual(['failed', 'delivered']);
    expect((await queued.execute(platform.ctx.db)).rows).toEqual([{ state: 'completed' }]);
    expect((await readManifest(made.reference)).case.id).toBe(made.id);
  });

  it('lets the records go with the case when the case is deleted after its retention period', async () => {
    const made = await guestContact(platform.ctx);
    await exportCase(platform.ctx, made.id, { kind: 'submitted' });
    expect(await attempts(made.id)).toHaveLength(1);
    await applicationsDb(platform.ctx.db)
      .updateTable('application_cases')
      .set({ status: 'closed', closed_at: new Date(Date.now() - 400 * 86_400_000), retention_days: 30 })
      .where('id', '=', made.id)
      .execute();
    expect(await purgeCases(platform.ctx, new Date())).toBeGreaterThanOrEqual(1);
    expect(await attempts(made.id)).toEqual([]);
  });
});
