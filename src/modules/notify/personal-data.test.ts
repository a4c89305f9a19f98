import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '#kernel/audit.ts';
import { systemActor } from '#kernel/auth/actor.ts';
import { buildCitizen, buildStaff, signInStaff } from '#modules/accounts/test/builders.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { notifyDb } from './repo.templates.ts';
import { buildMessage, signInCitizen } from './test/builders.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const address = { street: 'Markt', house_number: '4', postal_code: '41812', city: 'Erkelenz' };

interface ExportedMessage {
  reference: string;
  subject: string | null;
  body: string | null;
  deliveries: { channel: string; status: string }[];
  attachments: { filename: string; content_type: string; size: number; content_base64: string }[];
}

describe('messages in "Mein Konto" data download and account deletion', () => {
  it('12.14 exports every message to the person with its deliveries and attachments, contents included, and nobody else’s', async () => {
    const citizen = await buildCitizen(platform.ctx, { preferred_channel: 'both', ...address });
    const neighbour = await buildCitizen(platform.ctx);
    const first = await buildMessage(platform.ctx, { recipient: { userId: citizen.user.id }, attachments: [{ filename: 'bescheid.txt', contentType: 'text/plain', content: Buffer.from('Bescheid') }] });
    const second = await buildMessage(platform.ctx, { recipient: { userId: citizen.user.id } });
    const foreign = await buildMessage(platform.ctx, { recipient: { userId: neighbour.user.id } });

    const client = new FormClient(platform.app);
    await signInCitizen(client, citizen);
    const response = await client.get('/konto/daten.json');
    expect(response.status).toBe(200);
    const data = JSON.parse(response.body) as { notify: { messages: ExportedMessage[] } };
    expect(data.notify.messages.map((message) => message.reference)).toEqual([first.reference, second.reference]);
    expect(response.body).not.toContain(foreign.reference);
    const [exported] = data.notify.messages;
    expect(exported).toMatchObject({ subject: 'Ihr Antrag „Anwohnerparkausweis“ ist eingegangen' });
    // The attachment itself is in the download, so the file is complete without the inbox.
    expect(exported!.attachments).toEqual([{ filename: 'bescheid.txt', content_type: 'text/plain', size: 8, content_base64: Buffer.from('Bescheid').toString('base64') }]);
    expect(exported!.body).toContain('Anwohnerparkausweis');
    expect(exported!.deliveries.map((delivery) => delivery.channel).sort()).toEqual(['email', 'inbox', 'letter']);
  });

  it('erases what the messages said when the account is deleted, keeps the delivery records and leaves others alone', async () => {
    const citizen = await buildCitizen(platform.ctx, { preferred_channel: 'both', ...address });
    const neighbour = await buildCitizen(platform.ctx);
    const own = await buildMessage(platform.ctx, { recipient: { userId: citizen.user.id }, attachments: [{ filename: 'a.txt', contentType: 'text/plain', content: Buffer.from('a') }] });
    const foreign = await buildMessage(platform.ctx, { recipient: { userId: neighbour.user.id } });

    const client = new FormClient(platform.app);
    await signInCitizen(client, citizen);
    await client.get('/konto/loeschen');
    expect((await client.post('/konto/loeschen', { password: citizen.password })).status).toBe(200);

    const db = notifyDb(platform.ctx.db);
    const erased = await db.selectFrom('notify_messages').selectAll().where('id', '=', own.messageId).executeTakeFirstOrThrow();
    expect(erased).toMatchObject({ subject: null, body: null, email: null, postal_address: null, recipient_name: null, user_id: null, reference: own.reference });
    expect(erased.content_deleted_at).not.toBeNull();
    expect(await db.selectFrom('notify_attachments').select('id').where('message_id', '=', own.messageId).execute()).toEqual([]);
    expect(await platform.ctx.files.refsOf(platform.ctx.db, { module: 'notify', kind: 'message', id: own.messageId })).toEqual([]);
    const deliveries = await db.selectFrom('notify_deliveries').select('channel').where('message_id', '=', own.messageId).orderBy('channel').execute();
    expect(deliveries.map((row) => row.channel)).toEqual(['email', 'inbox', 'letter']);

    const kept = await db.selectFrom('notify_messages').selectAll().where('id', '=', foreign.messageId).executeTakeFirstOrThrow();
    expect(kept).toMatchObject({ subject: 'Ihr Antrag „Anwohnerparkausweis“ ist eingegangen', user_id: neighbour.user.id, content_deleted_at: null });
  });

  it('shows the person, in words, which member of staff looked at their message', async () => {
    const citizen = await buildCitizen(platform.ctx);
    const message = await buildMessage(platform.ctx, { recipient: { userId: citizen.user.id } });
    const staff = await buildStaff(platform.ctx, [{ role: 'administrator' }], { display_name: 'Petra Pförtner' });
    const desk = new FormClient(platform.app);
    await signInStaff(desk, staff);
    expect((await desk.get(`/verwaltung/nachrichten/${message.messageId}`)).status).toBe(200);

    const client = new FormClient(platform.app);
    await signInCitizen(client, citizen);
    const page = await client.get('/konto/daten');
    expect(page.body).toContain('Petra Pförtner');
    expect(page.body).toContain('Nachricht angesehen');
    expect(page.body).not.toContain('notify.message-viewed');

    // An automatic step is named in words too, not by the platform's code for itself.
    await recordAudit(platform.ctx.db, { actor: systemActor('notify.print-batch') }, { action: 'notify.letter-returned', subjectType: 'notify_message', subjectId: message.messageId, dataSubjectId: citizen.user.id });
    const again = await client.get('/konto/daten');
    expect(again.body).toContain('Zurückgekommenen Brief erfasst');
    expect(again.body).toContain('Automatisch durch die Plattform');
    expect(again.body).not.toContain('system:');
    const english = await client.get('/konto/daten?lang=en');
    expect(english.body).toContain('Message viewed');
  });
});
