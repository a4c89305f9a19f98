import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '#kernel/auth/actor.ts';
import { applyRetentionJob } from '#kernel/retention.ts';
import { buildCitizen, buildStaff } from '#modules/accounts/test/builders.ts';
import { FormClient } from '#test/http-client.ts';
import { readPdf } from '#test/pdf.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { remakePrintBatchJob } from './jobs.ts';
import { notifyDb } from './repo.templates.ts';
import { createPrintBatch, setPrintBatchStatus } from './service.print.ts';
import { buildMessage, signInCitizen, signInStaff, storedFile } from './test/builders.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform({ PRINT_BATCH_RETENTION_DAYS: '10' });
});
afterAll(async () => {
  await platform.close();
});

const db = () => notifyDb(platform.ctx.db);
const printRoom = systemActor('test');

let street = 0;
/** A citizen who wants letters, with a street of their own so that the PDF and the manifest can be searched for it. */
async function letterWriter(name: string) {
  street += 1;
  const citizen = await buildCitizen(platform.ctx, { display_name: name, preferred_channel: 'letter', street: `Gasse ${street}`, house_number: `${street}`, postal_code: '41812', city: 'Erkelenz' });
  const message = await buildMessage(platform.ctx, { recipient: { userId: citizen.user.id } });
  return { ...citizen, message, street: `Gasse ${street} ${street}` };
}

async function deleteAccount(citizen: Awaited<ReturnType<typeof buildCitizen>>) {
  const client = new FormClient(platform.app);
  await signInCitizen(client, citizen);
  await client.get('/konto/loeschen');
  expect((await client.post('/konto/loeschen', { password: citizen.password })).status).toBe(200);
}

const manifestRows = (manifest: string) =>
  manifest
    .replace(/^\ufeff/, '')
    .trim()
    .split('\r\n')
    .slice(1)
    .map((line) => line.split(';'));

const storedText = async (fileId: string | null) => (await storedFile(platform.ctx, fileId)).toString('utf8');
const refsOfBatch = (id: string) => platform.ctx.files.refsOf(platform.ctx.db, { module: 'notify', kind: 'print-batch', id });

const batchRow = (id: string) => db().selectFrom('notify_print_batches').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const letterOf = (messageId: string) => db().selectFrom('notify_deliveries').selectAll().where('message_id', '=', messageId).where('channel', '=', 'letter').executeTakeFirstOrThrow();

describe('print batches when an account is deleted', () => {
  it('12.6 takes the letter out of a batch not yet printed: no download until PDF and manifest are made again without it, with the counts that follow', async () => {
    const first = await letterWriter('Anna Erste');
    const leaving = await letterWriter('Lea Löschmich');
    const last = await letterWriter('Otto Letzter');
    const made = await createPrintBatch(platform.ctx, printRoom);
    if (!made.ok) throw new Error('no batch');
    expect(made.letters).toBe(3);
    const before = await batchRow(made.batchId);
    expect(await storedText(before.manifest_file_id)).toContain('Lea Löschmich');

    const desk = new FormClient(platform.app);
    await signInStaff(desk, await buildStaff(platform.ctx, [{ role: 'print-room' }]));
    expect((await desk.get(`/verwaltung/druck/${made.batchId}/liste.csv`)).status).toBe(200);

    await deleteAccount(leaving);

    // The moment the deletion has committed, no copy with the person's name or address is left to download.
    const waiting = await batchRow(made.batchId);
    expect(waiting).toMatchObject({ pdf_file_id: null, manifest_file_id: null, remake_pending: true, letters: 2 });
    // The batch no longer refers to its files; the file store deletes them after its grace period.
    expect(await refsOfBatch(made.batchId)).toEqual([]);
    for (const file of ['briefe.pdf', 'liste.csv']) {
      const refused = await desk.get(`/verwaltung/druck/${made.batchId}/${file}`);
      expect(refused.status).toBe(409);
      expect(refused.body).toContain('PDF und Liste werden gerade neu erstellt');
      expect(refused.body).not.toContain('Lea Löschmich');
    }
    expect((await desk.get('/verwaltung/druck')).body).toContain('werden neu erstellt (ein Brief wurde herausgenommen)');
    const withdrawn = await letterOf(leaving.message.messageId);
    expect(withdrawn).toMatchObject({ status: 'failed', last_error: 'withdrawn: account deleted before printing', batch_position: null });

    expect(await platform.ctx.jobs.drain(platform.ctx, [remakePrintBatchJob.name])).toBe(1);

    const remade = await batchRow(made.batchId);
    expect(remade).toMatchObject({ remake_pending: false, letters: 2, reference: made.reference, status: 'created' });
    // The new files are the batch's, and only they.
    expect((await refsOfBatch(made.batchId)).sort()).toEqual([remade.pdf_file_id, remade.manifest_file_id].sort());
    const rows = manifestRows(await storedText(remade.manifest_file_id));
    expect(rows.map((row) => [row[0], row[1], row[4]])).toEqual([
      ['1', first.message.reference, 'Anna Erste'],
      ['2', last.message.reference, 'Otto Letzter'],
    ]);
    // The manifest's page numbers are those of the new PDF, and the batch counts its pages.
    const pages = rows.map((row) => Number(row[3]));
    expect(rows.map((row) => Number(row[2]))).toEqual([1, 1 + pages[0]!]);
    const pdf = await readPdf(await storedFile(platform.ctx, remade.pdf_file_id));
    expect(pdf.pages).toBe(pages[0]! + pages[1]!);
    expect(remade.pages).toBe(pdf.pages);
    const text = await pdf.text(1, pdf.pages);
    expect(text).toContain('Anna Erste');
    expect(text).toContain(last.street);
    expect(text).not.toContain('Lea Löschmich');
    expect(text).not.toContain(leaving.street);
    expect(await pdf.text(Number(rows[1]![2]))).toContain('Otto Letzter');

    const csv = await desk.get(`/verwaltung/druck/${made.batchId}/liste.csv`);
    expect(csv.status).toBe(200);
    expect(csv.body).not.toContain('Lea Löschmich');
    expect((await desk.get(`/verwaltung/druck/${made.batchId}/briefe.pdf`)).status).toBe(200);
    expect(await letterOf(first.message.messageId)).toMatchObject({ status: 'sending', batch_position: 1 });
    expect(await letterOf(last.message.messageId)).toMatchObject({ status: 'sending', batch_position: 2 });

    // Printing moves the letters that are in the batch; the withdrawn one stays withdrawn.
    expect(await setPrintBatchStatus(platform.ctx, printRoom, made.batchId, 'printed')).toEqual({ ok: true });
    expect((await letterOf(first.message.messageId)).status).toBe('printed');
    expect((await letterOf(leaving.message.messageId)).status).toBe('failed');
    const events = await db().selectFrom('notify_delivery_events').select(['status', 'detail']).where('delivery_id', '=', withdrawn.id).orderBy('id').execute();
    expect(events.map((event) => event.status)).toEqual(['created', 'sending', 'withdrawn']);
  });

  it('12.6 withdraws a letter still waiting for its batch, so no batch ever holds it', async () => {
    const leaving = await letterWriter('Wim Wartend');
    await deleteAccount(leaving);
    expect(await letterOf(leaving.message.messageId)).toMatchObject({ status: 'failed', last_error: 'withdrawn: account deleted before printing', batch_id: null });
    expect(await createPrintBatch(platform.ctx, printRoom)).toEqual({ ok: false, reason: 'nothing-to-print' });
  });

  it('12.6 leaves an emptied batch without files and without a job, and a printed batch untouched', async () => {
    const alone = await letterWriter('Ali Allein');
    const emptied = await createPrintBatch(platform.ctx, printRoom);
    if (!emptied.ok) throw new Error('no batch');
    const printedWriter = await letterWriter('Paula Gedruckt');
    const printed = await createPrintBatch(platform.ctx, printRoom);
    if (!printed.ok) throw new Error('no batch');
    expect(await setPrintBatchStatus(platform.ctx, printRoom, printed.batchId, 'printed')).toEqual({ ok: true });

    await deleteAccount(alone);
    await deleteAccount(printedWriter);
    expect(await batchRow(emptied.batchId)).toMatchObject({ letters: 0, pages: 0, pdf_file_id: null, manifest_file_id: null, remake_pending: false });
    expect(await refsOfBatch(emptied.batchId)).toEqual([]);
    expect(await platform.ctx.jobs.drain(platform.ctx, [remakePrintBatchJob.name])).toBe(0);
    // The paper exists: the printed batch keeps its files until its retention period ends.
    const kept = await batchRow(printed.batchId);
    expect(await storedText(kept.manifest_file_id)).toContain('Paula Gedruckt');
    expect(kept.remake_pending).toBe(false);
  });
});

describe('retention of print batches', () => {
  const age = (id: string, column: 'printed_at' | 'created_at', days: number) =>
    sql`update notify_print_batches set ${sql.ref(column)} = now() - make_interval(days => ${days}) where id = ${id}`.execute(platform.ctx.db);

  it('12.6 deletes a batch’s files PRINT_BATCH_RETENTION_DAYS after printing, and says so on the privacy page', async () => {
    const batches: Record<string, string> = {};
    for (const name of ['long-printed', 'recently-printed', 'never-printed']) {
      await letterWriter(`Frist ${name}`);
      const made = await createPrintBatch(platform.ctx, printRoom);
      if (!made.ok) throw new Error('no batch');
      batches[name] = made.batchId;
    }
    await setPrintBatchStatus(platform.ctx, printRoom, batches['long-printed']!, 'posted');
    await setPrintBatchStatus(platform.ctx, printRoom, batches['recently-printed']!, 'printed');
    await age(batches['long-printed']!, 'printed_at', 11);
    await age(batches['recently-printed']!, 'printed_at', 9);
    // Waiting for print for weeks is not a reason to delete: the letters have not gone out.
    await age(batches['never-printed']!, 'created_at', 11);

    await platform.ctx.jobs.enqueue(platform.ctx.db, applyRetentionJob, {});
    await platform.ctx.jobs.drain(platform.ctx, [applyRetentionJob.name]);

    const files = async (name: string) => db().selectFrom('notify_print_batches').select(['pdf_file_id', 'manifest_file_id', 'letters']).where('id', '=', batches[name]!).executeTakeFirstOrThrow();
    expect(await files('long-printed')).toEqual({ pdf_file_id: null, manifest_file_id: null, letters: 1 });
    expect(await refsOfBatch(batches['long-printed']!)).toEqual([]);
    expect(await storedText((await files('recently-printed')).manifest_file_id)).toContain('Frist recently-printed');
    expect(await storedText((await files('never-printed')).manifest_file_id)).toContain('Frist never-printed');
    expect(await refsOfBatch(batches['recently-printed']!)).toHaveLength(2);

    const privacy = await new FormClient(platform.app).get('/datenschutz');
    expect(privacy.body).toContain('werden 10 Tage nach dem Druck gelöscht');
  });
});
