import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '#kernel/auth/actor.ts';
import { applyRetentionJob } from '#kernel/retention.ts';
import { buildCitizen } from '#modules/accounts/test/builders.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { notifyDb } from './repo.templates.ts';
import { createPrintBatch } from './service.print.ts';
import { buildMessage } from './test/builders.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform({ NOTIFY_RETENTION_DAYS: '30' });
});
afterAll(async () => {
  await platform.close();
});

const ageDays = async (table: string, column: string, id: string, days: number) =>
  sql`update ${sql.table(table)} set ${sql.ref(column)} = now() - make_interval(days => ${days}) where id = ${id}`.execute(platform.ctx.db);

describe('retention of message content', () => {
  it('deletes what messages said after the configured days and keeps the delivery record', async () => {
    const citizen = await buildCitizen(platform.ctx, { preferred_channel: 'both', street: 'Markt', house_number: '4', postal_code: '41812', city: 'Erkelenz' });
    const old = await buildMessage(platform.ctx, { recipient: { userId: citizen.user.id }, attachments: [{ filename: 'a.txt', contentType: 'text/plain', content: Buffer.from('alt') }] });
    const guest = await buildMessage(platform.ctx, { recipient: { name: 'Gisela Gast', language: 'de', email: 'gisela@example.org' } });
    const recent = await buildMessage(platform.ctx, { recipient: { userId: citizen.user.id } });
    const batch = await createPrintBatch(platform.ctx, systemActor('test'));
    if (!batch.ok) throw new Error('no batch');
    await ageDays('notify_messages', 'created_at', old.messageId, 31);
    await ageDays('notify_messages', 'created_at', guest.messageId, 31);
    await ageDays('notify_print_batches', 'created_at', batch.batchId, 31);

    await platform.ctx.jobs.enqueue(platform.ctx.db, applyRetentionJob, {});
    await platform.ctx.jobs.drain(platform.ctx, [applyRetentionJob.name]);

    const db = notifyDb(platform.ctx.db);
    const rows = await db.selectFrom('notify_messages').selectAll().where('id', 'in', [old.messageId, guest.messageId, recent.messageId]).execute();
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(old.messageId)).toMatchObject({ subject: null, body: null, email: null, postal_address: null, recipient_name: citizen.user.display_name, user_id: citizen.user.id, reference: old.reference });
    expect(byId.get(old.messageId)?.content_deleted_at).not.toBeNull();
    expect(byId.get(guest.messageId)).toMatchObject({ subject: null, recipient_name: null, email: null });
    expect(byId.get(recent.messageId)).toMatchObject({ subject: 'Ihr Antrag „Anwohnerparkausweis“ ist eingegangen', content_deleted_at: null });
    expect(await db.selectFrom('notify_attachments').select('id').where('message_id', '=', old.messageId).execute()).toEqual([]);
    // The message no longer refers to the attachment's file; the file store deletes it after its grace period.
    expect(await platform.ctx.files.refsOf(platform.ctx.db, { module: 'notify', kind: 'message', id: old.messageId })).toEqual([]);
    // The record that and how it was sent stays.
    const deliveries = await db.selectFrom('notify_deliveries').select(['channel', 'status']).where('message_id', '=', old.messageId).orderBy('channel').execute();
    expect(deliveries.map((row) => row.channel)).toEqual(['email', 'inbox', 'letter']);
    expect(await db.selectFrom('notify_print_batches').select(['pdf_file_id', 'manifest_file_id', 'letters']).where('id', '=', batch.batchId).executeTakeFirst()).toEqual({
      pdf_file_id: null,
      manifest_file_id: null,
      letters: 2,
    });
    expect(await platform.ctx.files.refsOf(platform.ctx.db, { module: 'notify', kind: 'print-batch', id: batch.batchId })).toEqual([]);
  });
});
