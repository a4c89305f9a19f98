import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCitizen } from '#modules/accounts/test/builders.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { buildMessage, signInCitizen } from './test/builders.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

describe('Mein Konto → Nachrichten', () => {
  it('lists messages with the unread ones marked, opens one, marks it read, and unread again', async () => {
    const citizen = await buildCitizen(platform.ctx, { preferred_channel: 'digital' });
    const older = await buildMessage(platform.ctx, { recipient: { userId: citizen.user.id }, attachments: [{ filename: 'Bescheid.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.7 Bescheid') }] });
    await buildMessage(platform.ctx, { purpose: 'report-status-changed', values: { report: 'Defekte Laterne', status: 'erledigt' }, recipient: { userId: citizen.user.id } });
    const client = new FormClient(platform.app);
    await signInCitizen(client, citizen);

    expect((await client.get('/konto')).body).toContain('href="/konto/nachrichten"');
    const list = await client.get('/konto/nachrichten');
    expect(list.status).toBe(200);
    expect(list.body).toContain('2 Nachrichten. Davon sind 2 ungelesen.');
    expect(list.body).toContain('<strong>Neu: </strong>Ihre Meldung: erledigt');
    // Newest first.
    expect(list.body.indexOf('Ihre Meldung: erledigt')).toBeLessThan(list.body.indexOf('Ihr Antrag „Anwohnerparkausweis“ ist eingegangen'));

    const opened = await client.get(`/konto/nachrichten/${older.messageId}`);
    expect(opened.status).toBe(200);
    expect(opened.headers['cache-control']).toBe('no-store');
    expect(opened.body).toContain('Das Aktenzeichen lautet AN-2026-7K4M-Q9TX.');
    expect(opened.body).toContain(older.reference);
    expect(opened.body).toContain('So haben wir Ihnen die Nachricht außerdem geschickt');
    expect(opened.body).toMatch(/E-Mail: <span class="kern-badge kern-badge--info">angelegt<\/span>/);
    const attachment = /href="(\/konto\/nachrichten\/[^"]+\/anhaenge\/[^"]+)"/.exec(opened.body)?.[1];
    expect(attachment).toBeDefined();
    const file = await client.get(attachment!);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.body).toBe('%PDF-1.7 Bescheid');
    expect((await client.get('/konto/nachrichten')).body).toContain('Davon ist 1 ungelesen.');

    const unread = await client.post(`/konto/nachrichten/${older.messageId}/ungelesen`, {});
    expect(unread.location).toBe('/konto/nachrichten?notice=unread');
    expect((await client.follow(unread)).body).toContain('Davon sind 2 ungelesen.');
  });

  it('never shows one person another person’s message or attachment: 404, as for an unknown id', async () => {
    const owner = await buildCitizen(platform.ctx);
    const other = await buildCitizen(platform.ctx);
    const sent = await buildMessage(platform.ctx, { recipient: { userId: owner.user.id }, attachments: [{ filename: 'a.txt', contentType: 'text/plain', content: Buffer.from('geheim') }] });
    const ownerClient = new FormClient(platform.app);
    await signInCitizen(ownerClient, owner);
    const attachment = /href="(\/konto\/nachrichten\/[^"]+\/anhaenge\/[^"]+)"/.exec((await ownerClient.get(`/konto/nachrichten/${sent.messageId}`)).body)![1]!;

    const client = new FormClient(platform.app);
    await signInCitizen(client, other);
    expect((await client.get(`/konto/nachrichten/${sent.messageId}`)).status).toBe(404);
    expect((await client.get(attachment)).status).toBe(404);
    expect((await client.get('/konto/nachrichten/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    await client.get('/konto/nachrichten');
    expect((await client.post(`/konto/nachrichten/${sent.messageId}/ungelesen`, {})).status).toBe(404);
    expect((await client.get('/konto/nachrichten')).body).not.toContain(sent.reference);
    expect((await client.get('/konto/nachrichten/kein-uuid')).status).toBe(400);
  });

  it('sends visitors to the login and back', async () => {
    const response = await new FormClient(platform.app).get('/konto/nachrichten');
    expect(response.status).toBe(303);
    expect(response.location).toBe('/anmelden?notice=session-ended&next=%2Fkonto%2Fnachrichten');
  });
});
