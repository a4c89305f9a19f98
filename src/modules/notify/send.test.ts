import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCitizen } from '#modules/accounts/test/builders.ts';
import { parseReference } from '#kernel/reference.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { notifyDb } from './repo.templates.ts';
import { sendNotification } from './service.send.ts';
import { buildMessage, caseReceived } from './test/builders.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const address = { street: 'Kölner Straße', house_number: '12a', postal_code: '41812', city: 'Erkelenz' };

async function deliveries(messageId: string) {
  const rows = await notifyDb(platform.ctx.db).selectFrom('notify_deliveries').select(['channel', 'status']).where('message_id', '=', messageId).orderBy('channel').execute();
  return rows.map((row) => `${row.channel}:${row.status}`);
}

async function queuedEmailJobs(messageId: string) {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from pgboss.job j join notify_deliveries d on d.id::text = j.data->>'deliveryId'
    where j.name = 'notify.deliver-email' and d.message_id = ${messageId}`.execute(platform.ctx.db);
  return rows[0]!.n;
}

async function message(id: string) {
  return notifyDb(platform.ctx.db).selectFrom('notify_messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describe('routing by the recipient’s choice', () => {
  it.each([
    ['digital', ['email:created', 'inbox:delivered'], 1],
    ['letter', ['inbox:delivered', 'letter:created'], 0],
    ['both', ['email:created', 'inbox:delivered', 'letter:created'], 1],
  ] as const)('%s: %j', async (channel, expected, jobs) => {
    const { user } = await buildCitizen(platform.ctx, { preferred_channel: channel, ...address });
    const sent = await buildMessage(platform.ctx, { recipient: { userId: user.id } });
    expect(await deliveries(sent.messageId)).toEqual(expected);
    expect(await queuedEmailJobs(sent.messageId)).toBe(jobs);
    const row = await message(sent.messageId);
    expect(row).toMatchObject({ user_id: user.id, purpose: 'case-received', template_version: 1, language: 'de', subject: 'Ihr Antrag „Anwohnerparkausweis“ ist eingegangen' });
    expect(row.body).toContain(`Guten Tag ${user.display_name},`);
    expect(row.body).toContain('am 27. November 2026 um 10:30 Uhr bei uns eingegangen. Das Aktenzeichen lautet AN-2026-7K4M-Q9TX.');
    expect(row.body).toContain('Ihre Stadtverwaltung Erkelenz');
    expect(parseReference(row.reference)).toEqual({ ok: true, reference: row.reference, prefix: 'N' });
    // The address is kept with the message only when a letter goes out.
    expect(row.postal_address).toEqual(channel === 'digital' ? null : { street: 'Kölner Straße', houseNumber: '12a', postalCode: '41812', city: 'Erkelenz' });
  });

  it('writes in the recipient’s language', async () => {
    const { user } = await buildCitizen(platform.ctx, { language: 'en' });
    const sent = await buildMessage(platform.ctx, { recipient: { userId: user.id } });
    const row = await message(sent.messageId);
    expect(row.subject).toBe('Your application “Anwohnerparkausweis” has been received');
    expect(row.body).toContain('on 27 November 2026 at 10:30.');
  });

  it('reaches guests by the e-mail address or the postal address the procedure collected', async () => {
    const byMail = await buildMessage(platform.ctx, { recipient: { name: 'Gast Gastmann', language: 'de', email: 'Gast@Example.org' } });
    expect(byMail.channels).toEqual(['email']);
    expect(await message(byMail.messageId)).toMatchObject({ user_id: null, email: 'gast@example.org', recipient_name: 'Gast Gastmann' });
    const byPost = await buildMessage(platform.ctx, {
      recipient: { name: 'Post Gast', language: 'de', postalAddress: { street: 'Markt', houseNumber: '1', postalCode: '41812', city: 'Erkelenz' } },
    });
    expect(await deliveries(byPost.messageId)).toEqual(['letter:created']);
  });

  it('sends a decision by letter as the law requires, also to someone who chose e-mail', async () => {
    const { user } = await buildCitizen(platform.ctx, { preferred_channel: 'digital', ...address });
    const values = { ...caseReceived, decision: 'Ihrem Antrag wird stattgegeben.', fee: 3050 };
    const sent = await buildMessage(platform.ctx, { purpose: 'decision-notice', values, recipient: { userId: user.id } });
    expect(sent.channels).toEqual(['inbox', 'email', 'letter']);
    expect((await message(sent.messageId)).body).toContain('Die Gebühr beträgt 30,50\u00a0€.');
    const { user: noAddress } = await buildCitizen(platform.ctx);
    const refused = await platform.ctx.db.transaction().execute((trx) =>
      sendNotification(platform.ctx, trx, { purpose: 'decision-notice', values, recipient: { userId: noAddress.id }, cause: 'test:decision:no-address' }),
    );
    expect(refused).toEqual({ ok: false, reason: 'no-postal-address' });
  });
});

describe('one cause, one message', () => {
  it('returns the first message when the same cause is sent again, in the same or a later transaction', async () => {
    const { user } = await buildCitizen(platform.ctx);
    const cause = 'applications:received:case-4711';
    const first = await buildMessage(platform.ctx, { recipient: { userId: user.id }, cause });
    const again = await buildMessage(platform.ctx, { recipient: { userId: user.id }, cause, values: { ...caseReceived, service: 'Anderer Text' } });
    expect(again).toEqual({ ...first, duplicate: true });
    const twiceInOne = await platform.ctx.db.transaction().execute(async (trx) => {
      const a = await sendNotification(platform.ctx, trx, { purpose: 'case-received', values: caseReceived, recipient: { userId: user.id }, cause: 'test:twice-in-one' });
      const b = await sendNotification(platform.ctx, trx, { purpose: 'case-received', values: caseReceived, recipient: { userId: user.id }, cause: 'test:twice-in-one' });
      return [a, b];
    });
    expect(twiceInOne[1]).toMatchObject({ ok: true, duplicate: true, messageId: twiceInOne[0]!.ok ? twiceInOne[0]!.messageId : '' });
    const rows = await notifyDb(platform.ctx.db).selectFrom('notify_messages').select('id').where('cause', 'in', [cause, 'test:twice-in-one']).execute();
    expect(rows).toHaveLength(2);
    expect(await queuedEmailJobs(first.messageId)).toBe(1);
  });

  it('leaves no message and no job behind when the caller’s change rolls back', async () => {
    const { user } = await buildCitizen(platform.ctx);
    await expect(
      platform.ctx.db.transaction().execute(async (trx) => {
        const sent = await sendNotification(platform.ctx, trx, { purpose: 'case-received', values: caseReceived, recipient: { userId: user.id }, cause: 'test:rolled-back' });
        expect(sent.ok).toBe(true);
        throw new Error('the case could not be saved');
      }),
    ).rejects.toThrow('the case could not be saved');
    expect(await notifyDb(platform.ctx.db).selectFrom('notify_messages').select('id').where('cause', '=', 'test:rolled-back').execute()).toEqual([]);
  });
});

describe('refusals', () => {
  const send = (input: Partial<Parameters<typeof sendNotification>[2]>) =>
    platform.ctx.db.transaction().execute((trx) =>
      sendNotification(platform.ctx, trx, { purpose: 'case-received', values: caseReceived, recipient: { name: 'Gast', language: 'de', email: 'gast@example.org' }, cause: `test:refusal:${Math.random()}`, ...input }),
    );

  it('names every missing or malformed value and writes nothing', async () => {
    const before = await notifyDb(platform.ctx.db).selectFrom('notify_messages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(await send({ values: { service: 'Anwohnerparkausweis', receivedAt: 'gestern' } })).toEqual({
      ok: false,
      reason: 'invalid-values',
      problems: [
        { name: 'caseReference', problem: 'missing', type: 'text' },
        { name: 'receivedAt', problem: 'invalid', type: 'datetime' },
      ],
    });
    const after = await notifyDb(platform.ctx.db).selectFrom('notify_messages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('refuses an unknown purpose, an unknown account, an unusable guest address and a bad attachment', async () => {
    expect(await send({ purpose: 'no-such-purpose' })).toEqual({ ok: false, reason: 'unknown-purpose' });
    expect(await send({ recipient: { userId: '00000000-0000-4000-8000-000000000000' } })).toEqual({ ok: false, reason: 'unknown-recipient' });
    expect(await send({ recipient: { name: 'Gast', language: 'de', email: 'kein-at-zeichen' } })).toEqual({ ok: false, reason: 'invalid-recipient' });
    expect(await send({ recipient: { name: 'Gast', language: 'de' } })).toEqual({ ok: false, reason: 'no-channel' });
    // An attachment names a file in the store: one it does not hold, or one of a type notify does not send, is refused.
    expect(await send({ attachments: [{ filename: 'x.exe', fileId: 'f'.repeat(64) }] })).toEqual({ ok: false, reason: 'invalid-attachment' });
    const json = await platform.ctx.files.put(Buffer.from(`{"antrag":"${Math.random()}"}`), { accept: ['application/json'], maxBytes: 100 });
    if (!json.ok) throw new Error(json.reason);
    expect(await send({ attachments: [{ filename: 'daten.json', fileId: json.file.id }] })).toEqual({ ok: false, reason: 'invalid-attachment' });
    expect(await send({ cause: '   ' })).toEqual({ ok: false, reason: 'invalid-cause' });
  });

  it('refuses to keep a link that opens something by itself, in the link or in a value, and writes nothing', async () => {
    const before = await notifyDb(platform.ctx.db).selectFrom('notify_messages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(await send({ link: '/passwort-neu?token=abc123' })).toEqual({ ok: false, reason: 'secret-link' });
    expect(await send({ link: '/termine/absagen?id=7&amp;Token=abc' })).toEqual({ ok: false, reason: 'secret-link' });
    expect(await send({ values: { ...caseReceived, service: 'Siehe https://erkelenz.example/einladung?%74oken=abc' } })).toEqual({ ok: false, reason: 'secret-link' });
    expect(await send({ values: { ...caseReceived, service: 'https://erkelenz.example/x#access_token=abc' } })).toEqual({ ok: false, reason: 'secret-link' });
    const after = await notifyDb(platform.ctx.db).selectFrom('notify_messages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    // A query that opens nothing by itself is a link like any other.
    expect(await send({ link: '/konto/antraege/4711?ansicht=verlauf' })).toMatchObject({ ok: true, duplicate: false });
  });
});
