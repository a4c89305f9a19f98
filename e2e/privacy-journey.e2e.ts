import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCitizen, buildStaff } from '#modules/accounts/test/builders.ts';
import { notifyDb } from '#modules/notify/repo.templates.ts';
import { buildMessage } from '#modules/notify/test/builders.ts';
import { bothWays, follow, logIn, logInStaff, startSite, submit, visit, type Site } from './harness.ts';

/*
 * Journey 13, "A citizen asks what the city knows about them", as far as today's modules carry it: the
 * download holds the person's messages, they see which member of staff looked at their data, and deleting
 * the account removes everything but the record the city must keep. (Withdrawing consent for proactive
 * offers joins when those offers exist.)
 */
let site: Site;

beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

describe.each(bothWays)('a citizen asks what the city knows about them, $how', ({ javaScript }) => {
  it('downloads their data, sees who looked at it, and deletes the account', async () => {
    const { ctx } = site.platform;
    const citizen = await buildCitizen(ctx, { preferred_channel: 'both', street: 'Markt', house_number: '4', postal_code: '41812', city: 'Erkelenz' });
    const message = await buildMessage(ctx, { recipient: { userId: citizen.user.id } });

    // The citizens' office answers a phone call about the letter and opens the message.
    const staff = await buildStaff(ctx, [{ role: 'print-room' }], { display_name: `Bürgerbüro ${javaScript ? 'A' : 'B'}` });
    const desk = await site.open({ javaScript });
    await logInStaff(desk, staff);
    expect(await visit(desk, `/verwaltung/nachrichten/${message.messageId}`)).toBe(200);

    const page = await site.open({ javaScript });
    expect(await logIn(page, citizen.user.email!, citizen.password)).toBe(200);
    expect(await follow(page, 'Meine Daten und wer sie angesehen hat')).toBe(200);
    const access = page.getByRole('table');
    expect(await access.getByText(staff.user.display_name).count()).toBeGreaterThanOrEqual(1);
    expect(await access.getByText('Nachricht angesehen').count()).toBeGreaterThanOrEqual(1);

    // The same data to read, each part in words, before the file to keep.
    expect(await follow(page, 'Alle Daten hier lesen')).toBe(200);
    const messages = page.getByRole('region', { name: 'Nachrichten', exact: true });
    expect(await messages.getByText(message.reference, { exact: true }).count()).toBe(1);
    expect(await page.getByRole('region', { name: 'Wer hat Ihre Daten angesehen oder geändert?' }).getByText('Nachricht angesehen (notify.message-viewed)').count()).toBeGreaterThanOrEqual(1);

    const download = await page.request.get('/konto/daten.json');
    expect(download.status()).toBe(200);
    const data = (await download.json()) as { profile: { email: string }; notify: { messages: { reference: string; subject: string }[] } };
    expect(data.profile.email).toBe(citizen.user.email);
    expect(data.notify.messages.map((entry) => entry.reference)).toEqual([message.reference]);

    await visit(page, '/konto');
    expect(await follow(page, 'Konto löschen')).toBe(200);
    await page.getByLabel('Bitte geben Sie zur Bestätigung Ihr Passwort ein').fill(citizen.password);
    expect(await submit(page, 'Konto endgültig löschen')).toBe(200);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Ihr Konto ist gelöscht');

    // What the message said is gone; that it was sent, and how, is kept as the city's proof.
    const db = notifyDb(ctx.db);
    const kept = await db.selectFrom('notify_messages').select(['subject', 'body', 'recipient_name', 'user_id']).where('id', '=', message.messageId).executeTakeFirstOrThrow();
    expect(kept).toEqual({ subject: null, body: null, recipient_name: null, user_id: null });
    expect((await db.selectFrom('notify_deliveries').select('channel').where('message_id', '=', message.messageId).execute()).length).toBe(3);
    expect(await logIn(page, citizen.user.email!, citizen.password)).toBe(422);
  });
});
