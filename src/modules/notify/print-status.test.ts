import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '#kernel/auth/actor.ts';
import { buildCitizen, buildStaff } from '#modules/accounts/test/builders.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { notifyDb } from './repo.templates.ts';
import { createPrintBatch, setPrintBatchStatus } from './service.print.ts';
import { buildMessage, signInStaff } from './test/builders.ts';
import { printBatchWorkflow } from './workflow.print.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

/** One letter in a new batch of its own. */
async function batchWithOneLetter(street: string) {
  const citizen = await buildCitizen(platform.ctx, { preferred_channel: 'letter', street, house_number: '3', postal_code: '41812', city: 'Erkelenz' });
  const sent = await buildMessage(platform.ctx, { recipient: { userId: citizen.user.id } });
  const batch = await createPrintBatch(platform.ctx, systemActor('test'));
  if (!batch.ok) throw new Error('no batch');
  const delivery = await notifyDb(platform.ctx.db).selectFrom('notify_deliveries').select('id').where('message_id', '=', sent.messageId).where('channel', '=', 'letter').executeTakeFirstOrThrow();
  return { batch, deliveryId: delivery.id };
}

/** The status buttons the print page offers in the row of one batch. */
function buttonsOf(body: string, reference: string): string[] {
  const row = body.split('<tr').find((candidate) => candidate.includes(reference)) ?? '';
  return [...row.matchAll(/name="status" value="(\w+)"/g)].map((match) => match[1]!);
}

async function deliveryEvents(deliveryId: string) {
  return notifyDb(platform.ctx.db).selectFrom('notify_delivery_events').select(['status', 'actor_label']).where('delivery_id', '=', deliveryId).orderBy('id').execute();
}

describe('print batch statuses', () => {
  it('offers only the steps the batch can take, records each with its letters, and writes the batch’s history', async () => {
    const { batch, deliveryId } = await batchWithOneLetter('Kölner Straße');
    const desk = await buildStaff(platform.ctx, [{ role: 'print-room' }]);
    const client = new FormClient(platform.app);
    await signInStaff(client, desk);

    expect(buttonsOf((await client.get('/verwaltung/druck')).body, batch.reference)).toEqual(['printed', 'posted']);
    expect((await client.post(`/verwaltung/druck/${batch.batchId}/status`, { status: 'printed' })).location).toBe('/verwaltung/druck?notice=printed');
    expect(buttonsOf((await client.get('/verwaltung/druck')).body, batch.reference)).toEqual(['posted']);
    expect((await client.post(`/verwaltung/druck/${batch.batchId}/status`, { status: 'posted' })).status).toBe(303);
    const page = await client.get('/verwaltung/druck');
    expect(page.body).toContain(batch.reference);
    expect(buttonsOf(page.body, batch.reference)).toEqual([]);

    // A page left open offers a step the batch has taken meanwhile: refused, nothing recorded twice.
    expect((await client.post(`/verwaltung/druck/${batch.batchId}/status`, { status: 'posted' })).status).toBe(409);
    const history = await printBatchWorkflow.history(platform.ctx.db, batch.batchId);
    expect(history.map((row) => [row.transition, row.from_state, row.to_state, row.actor_id, row.actor_name])).toEqual([
      ['posted', 'printed', 'posted', desk.user.id, desk.user.display_name],
      ['printed', 'created', 'printed', desk.user.id, desk.user.display_name],
    ]);
    expect(await deliveryEvents(deliveryId)).toEqual([
      { status: 'created', actor_label: 'system:notify' },
      { status: 'sending', actor_label: 'system:test' },
      { status: 'printed', actor_label: `staff:${desk.user.id}` },
      { status: 'posted', actor_label: `staff:${desk.user.id}` },
    ]);
    const audit = await platform.ctx.db.selectFrom('audit_log').select(['action', 'meta']).where('subject_id', '=', batch.batchId).where('action', 'like', 'notify.print-batch-p%').orderBy('id').execute();
    expect(audit).toEqual([
      { action: 'notify.print-batch-printed', meta: { letters: 1, from: 'created', to: 'printed' } },
      { action: 'notify.print-batch-posted', meta: { letters: 1, from: 'printed', to: 'posted' } },
    ]);
  });

  it('keeps staff without the print room’s permission from the page and from every step', async () => {
    const { batch } = await batchWithOneLetter('Neusser Straße');
    const editor = await buildStaff(platform.ctx, [{ role: 'editor' }]);
    const client = new FormClient(platform.app);
    await signInStaff(client, editor);
    expect((await client.get('/verwaltung/druck')).status).toBe(403);
    await client.get('/verwaltung');
    expect((await client.post(`/verwaltung/druck/${batch.batchId}/status`, { status: 'posted' })).status).toBe(403);
    expect(await printBatchWorkflow.history(platform.ctx.db, batch.batchId)).toEqual([]);
  });

  it('lets one of two people posting the same batch at once record it', async () => {
    const { batch, deliveryId } = await batchWithOneLetter('Brückstraße');
    // On PostgreSQL, open connections first, so that both steps really run side by side rather than one
    // finishing while the other is still connecting.
    await Promise.all([1, 2, 3].map(() => sql`select pg_sleep(0.05)`.execute(platform.ctx.db)));
    const results = await Promise.all([setPrintBatchStatus(platform.ctx, systemActor('a'), batch.batchId, 'posted'), setPrintBatchStatus(platform.ctx, systemActor('b'), batch.batchId, 'posted')]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toEqual([{ ok: false, reason: 'invalid-transition' }]);
    expect((await deliveryEvents(deliveryId)).filter((event) => event.status === 'posted')).toHaveLength(1);
    expect(await printBatchWorkflow.history(platform.ctx.db, batch.batchId)).toHaveLength(1);
  });
});
