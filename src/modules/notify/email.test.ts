import path from 'node:path';
import { sql } from 'kysely';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KernelContext } from '#kernel/context.ts';
import { listStoredMails } from '#kernel/mail.ts';
import { buildCitizen } from '#modules/accounts/test/builders.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { deliverEmail } from './delivery.ts';
import { deliverEmailJob, sweepJob } from './jobs.ts';
import { claimDelivery } from './repo.deliveries.ts';
import { notifyDb } from './repo.templates.ts';
import { buildMessage } from './test/builders.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

async function emailDelivery(ctx: KernelContext, messageId: string) {
  return notifyDb(ctx.db).selectFrom('notify_deliveries').selectAll().where('message_id', '=', messageId).where('channel', '=', 'email').executeTakeFirstOrThrow();
}

async function events(ctx: KernelContext, deliveryId: string) {
  const rows = await notifyDb(ctx.db).selectFrom('notify_delivery_events').select(['status', 'detail']).where('delivery_id', '=', deliveryId).orderBy('id').execute();
  return rows.map((row) => row.status);
}

async function jobsFor(ctx: KernelContext, deliveryId: string) {
  const { rows } = await sql<{ state: string; retry_count: number }>`
    select state::text as state, retry_count from pgboss.job where name = ${deliverEmailJob.name} and data->>'deliveryId' = ${deliveryId} order by created_on`.execute(ctx.db);
  return rows;
}

/** The retry falls due now instead of after its back-off, which the test does not wait for. */
async function retryNow(ctx: KernelContext) {
  await sql`update pgboss.job set start_after = now() - interval '1 second' where name = ${deliverEmailJob.name} and state = 'retry'`.execute(ctx.db);
}

const mailsWith = (messageId: string) => platform.smtp.messages.filter((mail) => mail.messageId === `<${messageId}@localhost>`);

async function digitalCitizen(ctx: KernelContext) {
  return (await buildCitizen(ctx, { preferred_channel: 'digital' })).user;
}

describe('e-mail delivery over SMTP', () => {
  it('delivers text and accessible HTML with a Message-ID derived from the message, and attachments', async () => {
    const user = await digitalCitizen(platform.ctx);
    const sent = await buildMessage(platform.ctx, {
      recipient: { userId: user.id },
      link: '/konto/antraege/4711',
      attachments: [{ filename: 'Eingangsbestätigung.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.7 test') }],
    });
    expect(await platform.runJobs()).toBeGreaterThanOrEqual(1);
    const [mail, ...more] = mailsWith(sent.messageId);
    expect(more).toEqual([]);
    expect(mail?.subject).toBe('Ihr Antrag „Anwohnerparkausweis“ ist eingegangen');
    expect(JSON.stringify(mail?.to)).toContain(user.email);
    expect(mail?.text).toContain('Das Aktenzeichen lautet AN-2026-7K4M-Q9TX.');
    expect(mail?.text).toContain('Nachricht in Ihrem Konto öffnen: http://localhost:3000/konto/antraege/4711');
    expect(mail?.html).toContain('<html lang="de">');
    expect(mail?.html).toContain('<a href="http://localhost:3000/konto/antraege/4711"');
    expect(mail?.html).not.toContain('<img');
    expect(mail?.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail?.attachments.map((file) => [file.filename, file.contentType, file.content.toString()])).toEqual([['Eingangsbestätigung.pdf', 'application/pdf', '%PDF-1.7 test']]);
    const delivery = await emailDelivery(platform.ctx, sent.messageId);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 1, lease_until: null, last_error: null });
    expect(await events(platform.ctx, delivery.id)).toEqual(['created', 'delivered']);
  });

  it('refers the mails about one matter to the same first mail, so mail programs show them as one conversation', async () => {
    const user = await digitalCitizen(platform.ctx);
    const other = await digitalCitizen(platform.ctx);
    const first = await buildMessage(platform.ctx, { recipient: { userId: user.id }, link: '/konto/antraege/4712' });
    const second = await buildMessage(platform.ctx, { recipient: { userId: user.id }, link: '/konto/antraege/4712' });
    const elsewhere = await buildMessage(platform.ctx, { recipient: { userId: user.id }, link: '/konto/antraege/4713' });
    const someoneElse = await buildMessage(platform.ctx, { recipient: { userId: other.id }, link: '/konto/antraege/4712' });
    const withoutMatter = await buildMessage(platform.ctx, { recipient: { userId: user.id } });
    await platform.runJobs();
    const references = (message: { messageId: string }) => mailsWith(message.messageId)[0]?.references;
    expect(references(first)).toMatch(/^<matter-[0-9a-f]{32}@localhost>$/);
    expect(references(second)).toBe(references(first));
    expect(references(elsewhere)).toMatch(/^<matter-[0-9a-f]{32}@localhost>$/);
    expect(references(elsewhere)).not.toBe(references(first));
    expect(references(someoneElse)).not.toBe(references(first));
    expect(mailsWith(withoutMatter.messageId)).toHaveLength(1);
    expect(references(withoutMatter)).toBeUndefined();
  });

  it('keeps a mail the server refused for now (451) and delivers it on the retry', async () => {
    const user = await digitalCitizen(platform.ctx);
    const sent = await buildMessage(platform.ctx, { recipient: { userId: user.id } });
    const delivery = await emailDelivery(platform.ctx, sent.messageId);
    platform.smtp.failNext(1, 451);
    await platform.runJobs();
    expect(mailsWith(sent.messageId)).toHaveLength(0);
    expect(await emailDelivery(platform.ctx, sent.messageId)).toMatchObject({ status: 'sending', attempts: 1, last_error: expect.stringContaining('451') });
    expect(await jobsFor(platform.ctx, delivery.id)).toMatchObject([{ state: 'retry' }]);

    await retryNow(platform.ctx);
    await platform.runJobs();
    expect(mailsWith(sent.messageId)).toHaveLength(1);
    expect(await emailDelivery(platform.ctx, sent.messageId)).toMatchObject({ status: 'delivered', attempts: 2, last_error: null });
    expect(await events(platform.ctx, delivery.id)).toEqual(['created', 'temporary-failure', 'delivered']);
  });

  it('records a permanent refusal (550) as failed and never tries again', async () => {
    const user = await digitalCitizen(platform.ctx);
    const sent = await buildMessage(platform.ctx, { recipient: { userId: user.id } });
    const delivery = await emailDelivery(platform.ctx, sent.messageId);
    platform.smtp.failNext(1, 550);
    await platform.runJobs();
    expect(await emailDelivery(platform.ctx, sent.messageId)).toMatchObject({ status: 'failed', attempts: 1, last_error: expect.stringContaining('550') });
    expect(await jobsFor(platform.ctx, delivery.id)).toEqual([{ state: 'completed', retry_count: 0 }]);
    await retryNow(platform.ctx);
    await platform.runJobs();
    expect(await jobsFor(platform.ctx, delivery.id)).toEqual([{ state: 'completed', retry_count: 0 }]);
    expect(mailsWith(sent.messageId)).toHaveLength(0);
    expect(await events(platform.ctx, delivery.id)).toEqual(['created', 'failed']);
  });

  it('gives up after the last attempt and records why', async () => {
    const user = await digitalCitizen(platform.ctx);
    const sent = await buildMessage(platform.ctx, { recipient: { userId: user.id } });
    const delivery = await emailDelivery(platform.ctx, sent.messageId);
    // Seven attempts failed before (the server was down for half an hour); the eighth is the last.
    await notifyDb(platform.ctx.db).updateTable('notify_deliveries').set({ attempts: 7 }).where('id', '=', delivery.id).execute();
    platform.smtp.failNext(1, 421);
    await platform.runJobs();
    expect(await emailDelivery(platform.ctx, sent.messageId)).toMatchObject({ status: 'failed', attempts: 8, last_error: expect.stringContaining('421') });
    expect(await jobsFor(platform.ctx, delivery.id)).toEqual([{ state: 'completed', retry_count: 0 }]);
  });
});

describe('exactly one mail per cause', () => {
  it('sends once although workers died after sending, during sending, and the cause was sent twice', async () => {
    const user = await digitalCitizen(platform.ctx);
    const causes = ['test:crash:a', 'test:crash:b', 'test:crash:c'];
    const sent = [];
    for (const cause of causes) sent.push(await buildMessage(platform.ctx, { recipient: { userId: user.id }, cause }));
    const [a, b, c] = await Promise.all(sent.map((message) => emailDelivery(platform.ctx, message.messageId)));

    // Workers that sent a and b and were killed before acknowledging their jobs: the mails left, the jobs stay queued.
    await deliverEmail(platform.ctx, a!.id);
    await deliverEmail(platform.ctx, b!.id);
    // A worker that took c and was killed while talking to the mail server; its hold on c has run out since.
    expect(await claimDelivery(notifyDb(platform.ctx.db), c!.id, 60)).toMatchObject({ attempts: 1 });
    await notifyDb(platform.ctx.db).updateTable('notify_deliveries').set({ lease_until: new Date(Date.now() - 1000) }).where('id', '=', c!.id).execute();
    // The calling module retried too, with the same cause.
    expect(await buildMessage(platform.ctx, { recipient: { userId: user.id }, cause: causes[0] })).toMatchObject({ duplicate: true, messageId: sent[0]!.messageId });

    // The restarted worker drains the queue.
    await platform.runJobs();
    for (const message of sent) expect(mailsWith(message.messageId)).toHaveLength(1);
    for (const delivery of [a!, b!, c!]) expect((await emailDelivery(platform.ctx, delivery.message_id)).status).toBe('delivered');
    expect(await jobsFor(platform.ctx, a!.id)).toEqual([{ state: 'completed', retry_count: 0 }]);
  });

  it('does not send while another worker holds the delivery, and tries again later', async () => {
    const user = await digitalCitizen(platform.ctx);
    const sent = await buildMessage(platform.ctx, { recipient: { userId: user.id } });
    const delivery = await emailDelivery(platform.ctx, sent.messageId);
    await claimDelivery(notifyDb(platform.ctx.db), delivery.id, 300);
    await platform.ctx.jobs.drain(platform.ctx, [deliverEmailJob.name]);
    expect(mailsWith(sent.messageId)).toHaveLength(0);
    expect(await jobsFor(platform.ctx, delivery.id)).toMatchObject([{ state: 'retry' }]);
  });

  it('queues again what nobody moved for an hour (a lost job), and it is then delivered once', async () => {
    const user = await digitalCitizen(platform.ctx);
    const sent = await buildMessage(platform.ctx, { recipient: { userId: user.id } });
    const delivery = await emailDelivery(platform.ctx, sent.messageId);
    await sql`delete from pgboss.job where name = ${deliverEmailJob.name} and data->>'deliveryId' = ${delivery.id}`.execute(platform.ctx.db);
    await notifyDb(platform.ctx.db).updateTable('notify_deliveries').set({ updated_at: new Date(Date.now() - 2 * 3_600_000) }).where('id', '=', delivery.id).execute();
    await platform.ctx.jobs.enqueue(platform.ctx.db, sweepJob, {});
    // The first run sweeps (and queues the delivery), the second delivers.
    await platform.runJobs();
    await platform.runJobs();
    expect(mailsWith(sent.messageId)).toHaveLength(1);
    expect(await events(platform.ctx, delivery.id)).toEqual(['created', 'requeued', 'delivered']);
    // A second sweep finds nothing to do.
    await platform.ctx.jobs.enqueue(platform.ctx.db, sweepJob, {});
    await platform.runJobs();
    await platform.runJobs();
    expect(mailsWith(sent.messageId)).toHaveLength(1);
  });
});

describe('without a mail server', () => {
  let offline: TestPlatform;
  beforeAll(async () => {
    offline = await createTestPlatform({ SMTP_URL: '' });
  });
  afterAll(async () => {
    await offline.close();
  });

  it('writes the same mail, HTML, text and attachments, to the outbox in the data directory', async () => {
    const user = await digitalCitizen(offline.ctx);
    const sent = await buildMessage(offline.ctx, {
      recipient: { userId: user.id },
      link: '/konto/antraege/4711',
      attachments: [{ filename: 'Eingangsbestätigung.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.7 test') }],
    });
    await offline.runJobs();
    expect(offline.smtp.messages).toEqual([]);
    const stored = await listStoredMails(path.join(offline.ctx.config.DATA_DIR, 'mail'));
    expect(stored).toHaveLength(1);
    const mail = await simpleParser(stored[0]!.raw);
    expect(mail.messageId).toBe(`<${sent.messageId}@localhost>`);
    expect(mail.subject).toBe('Ihr Antrag „Anwohnerparkausweis“ ist eingegangen');
    expect(JSON.stringify(mail.to)).toContain(user.email);
    expect(mail.text).toContain('Nachricht in Ihrem Konto öffnen: http://localhost:3000/konto/antraege/4711');
    expect(mail.html).toContain('<a href="http://localhost:3000/konto/antraege/4711"');
    expect(mail.references).toMatch(/^<matter-[0-9a-f]{32}@localhost>$/);
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail.attachments.map((file) => [file.filename, file.contentType, file.content.toString()])).toEqual([['Eingangsbestätigung.pdf', 'application/pdf', '%PDF-1.7 test']]);
    expect(await emailDelivery(offline.ctx, sent.messageId)).toMatchObject({ status: 'delivered', attempts: 1 });
  });
});

describe('a slow mail server', () => {
  let slow: TestPlatform;
  beforeAll(async () => {
    slow = await createTestPlatform({ SMTP_TIMEOUT_SECONDS: '1' });
  });
  afterAll(async () => {
    await slow.close();
  });

  it('gives up an attempt after the timeout instead of hanging the worker, and delivers on the retry', async () => {
    const user = await digitalCitizen(slow.ctx);
    const sent = await buildMessage(slow.ctx, { recipient: { userId: user.id } });
    const delivery = await emailDelivery(slow.ctx, sent.messageId);
    slow.smtp.stallNext(1);
    const started = Date.now();
    await slow.runJobs();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await emailDelivery(slow.ctx, sent.messageId)).toMatchObject({ status: 'sending', attempts: 1, lease_until: null, last_error: expect.stringMatching(/ETIMEDOUT|timeout/i) });
    expect(slow.smtp.messages).toHaveLength(0);
    await retryNow(slow.ctx);
    await slow.runJobs();
    expect(slow.smtp.messages.map((mail) => mail.messageId)).toEqual([`<${sent.messageId}@localhost>`]);
    expect(await events(slow.ctx, delivery.id)).toEqual(['created', 'temporary-failure', 'delivered']);
  });
});
