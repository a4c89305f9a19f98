import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInBerlin } from '#kernel/calendar.ts';
import { systemActor } from '#kernel/auth/actor.ts';
import { buildCitizen, buildStaff } from '#modules/accounts/test/builders.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { notifyDb } from './repo.templates.ts';
import { createPrintBatch } from './service.print.ts';
import { buildMessage, signInCitizen, signInStaff } from './test/builders.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

async function staffClient(...roles: Parameters<typeof buildStaff>[1]) {
  const staff = await buildStaff(platform.ctx, roles);
  const client = new FormClient(platform.app);
  await signInStaff(client, staff);
  return { client, staff };
}

describe('who may open the back office of notify', () => {
  it('sends visitors to the login (a form post gets 401) and answers 403 to citizens and to staff without the role, on every route', async () => {
    const citizen = await buildCitizen(platform.ctx, { preferred_channel: 'letter', street: 'Markt', house_number: '5', postal_code: '41812', city: 'Erkelenz' });
    const sent = await buildMessage(platform.ctx, { recipient: { userId: citizen.user.id } });
    const batch = await createPrintBatch(platform.ctx, systemActor('test'));
    if (!batch.ok) throw new Error('no batch');
    const routes: [string, string, Record<string, string>?][] = [
      ['GET', '/verwaltung/nachrichten'],
      ['GET', '/verwaltung/nachrichten/fehler'],
      ['GET', `/verwaltung/nachrichten/${sent.messageId}`],
      ['POST', `/verwaltung/nachrichten/${sent.messageId}/zurueck`, { note: 'x' }],
      ['GET', '/verwaltung/druck'],
      ['POST', '/verwaltung/druck', {}],
      ['POST', `/verwaltung/druck/${batch.batchId}/status`, { status: 'printed' }],
      ['GET', `/verwaltung/druck/${batch.batchId}/briefe.pdf`],
      ['GET', `/verwaltung/druck/${batch.batchId}/liste.csv`],
      ['GET', '/verwaltung/vorlagen'],
      ['GET', '/verwaltung/vorlagen/case-received'],
      ['GET', '/verwaltung/vorlagen/case-received/versionen/1'],
      ['POST', '/verwaltung/vorlagen/case-received', { basedOn: '1', subject_de: 'x', body_de: 'x', subject_en: 'x', body_en: 'x', action: 'save' }],
    ];
    const visitor = new FormClient(platform.app);
    const signedInCitizen = new FormClient(platform.app);
    await signInCitizen(signedInCitizen, await buildCitizen(platform.ctx));
    // A colleague whose roles give nothing in notify.
    const { client: trainer } = await staffClient();
    for (const [client, status] of [[visitor, 401], [signedInCitizen, 403], [trainer, 403]] as const) {
      for (const [method, url, form] of routes) {
        await client.get('/barrierefreiheit');
        const response = method === 'GET' ? await client.get(url) : await client.post(url, form ?? {});
        const expected = client === visitor && method === 'GET' ? 303 : status;
        expect(`${method} ${url}: ${response.status}`).toBe(`${method} ${url}: ${expected}`);
      }
    }
    // Editors edit templates but do not see who got which message, and the print room does not edit templates.
    const { client: editor } = await staffClient({ role: 'editor' });
    expect((await editor.get('/verwaltung/vorlagen')).status).toBe(200);
    expect((await editor.get('/verwaltung/nachrichten')).status).toBe(403);
    expect((await editor.get(`/verwaltung/druck/${batch.batchId}/briefe.pdf`)).status).toBe(403);
    const { client: desk } = await staffClient({ role: 'print-room' });
    expect((await desk.get('/verwaltung/vorlagen')).status).toBe(403);
    expect((await desk.get(`/verwaltung/nachrichten/${sent.messageId}`)).status).toBe(200);
    // Nothing was changed by the refused requests.
    const versions = await notifyDb(platform.ctx.db).selectFrom('notify_template_versions').select('version').where('purpose', '=', 'case-received').execute();
    expect(versions).toEqual([{ version: 1 }]);
  });
});

describe('messages and failures in the back office', () => {
  it('lists the day’s messages with their status, filters them, and records who looked', async () => {
    const citizen = await buildCitizen(platform.ctx, { preferred_channel: 'digital', display_name: 'Karla Kolumna' });
    const sent = await buildMessage(platform.ctx, { recipient: { userId: citizen.user.id } });
    const { client, staff } = await staffClient({ role: 'administrator' });
    const list = await client.get('/verwaltung/nachrichten');
    expect(list.body).toContain(sent.reference);
    expect(list.body).toContain('Karla Kolumna');
    expect(list.body).toContain('angelegt');
    const onlyLetters = await client.get('/verwaltung/nachrichten?channel=letter');
    expect(onlyLetters.body).not.toContain(sent.reference);
    const bad = await client.get('/verwaltung/nachrichten?day=gestern&status=verloren');
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Bitte geben Sie das Datum als Tag, Monat und Jahr mit Punkten an, zum Beispiel 01.12.2026.');
    expect(bad.body).toContain('Bitte wählen Sie für „Stand“ einen der angebotenen Werte.');
    // What was asked for stays in the filter, so it can be corrected.
    expect(bad.body).toContain('value="gestern"');
    const german = await client.get(`/verwaltung/nachrichten?day=${todayInBerlin().split('-').reverse().join('.')}`);
    expect(german.status).toBe(200);
    expect(german.body).toContain(sent.reference);
    // The filter form sends empty values for "all" and a cleared day.
    const all = await client.get('/verwaltung/nachrichten?day=&status=&channel=');
    expect(all.status).toBe(200);
    expect(all.body).toContain(sent.reference);
    for (const [url, message] of [
      ['/verwaltung/nachrichten?day=2026-02-31', 'Den 31.02.2026 gibt es nicht: Der Februar 2026 hat 28 Tage.'],
      ['/verwaltung/nachrichten/fehler?day=31.04.2026', 'Den 31.04.2026 gibt es nicht: Der April 2026 hat 30 Tage.'],
    ]) {
      const impossible = await client.get(url!);
      expect(impossible.status).toBe(400);
      expect(impossible.body).toContain(message);
    }

    // The staff member's sign-in notice leaves first, so the refusal below meets the citizen's message.
    await platform.ctx.jobs.drain(platform.ctx, ['accounts.send-account-mail']);
    platform.smtp.failNext(1, 550);
    await platform.runJobs();
    const failures = await client.get('/verwaltung/nachrichten/fehler');
    expect(failures.body).toContain(sent.reference);
    expect(failures.body).toContain('fehlgeschlagen');
    expect(failures.body).toContain('550');
    const detail = await client.get(`/verwaltung/nachrichten/${sent.messageId}`);
    expect(detail.body).toContain('Verlauf der Zustellung');
    expect(detail.body).toContain(citizen.user.email);
    const audit = await platform.ctx.db.selectFrom('audit_log').select(['action', 'data_subject_id']).where('actor_id', '=', staff.user.id).execute();
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: 'notify.messages-listed', data_subject_id: null },
        { action: 'notify.failures-listed', data_subject_id: null },
        { action: 'notify.message-viewed', data_subject_id: citizen.user.id },
      ]),
    );
    expect((await client.get('/verwaltung/nachrichten/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});

describe('templates', () => {
  it('previews with example values, saves a new version, keeps the old one, and new messages use the new one', async () => {
    const { client, staff } = await staffClient({ role: 'editor' });
    const page = await client.get('/verwaltung/vorlagen/course-reminder');
    expect(page.status).toBe(200);
    expect(page.body).toContain('((course))');
    const texts = {
      basedOn: '1',
      subject_de: 'Bald geht es los: ((course))',
      body_de: 'Hallo ((name)),\n\n((course)) beginnt am ((startsAt)).\n\n- Ort: ((location))',
      subject_en: 'Starting soon: ((course))',
      body_en: 'Hello ((name)),\n\n((course)) starts on ((startsAt)).\n\n- Place: ((location))',
    };
    const preview = await client.post('/verwaltung/vorlagen/course-reminder', { ...texts, action: 'preview' });
    expect(preview.status).toBe(200);
    expect(preview.body).toContain('Vorschau mit Beispielwerten');
    expect(preview.body).toContain('Sicher im Internet – Grundlagen beginnt am 3. Dezember 2026 um 18:00 Uhr.');
    expect(preview.body).toContain('<li>Place: Stadtbücherei, Raum 2</li>');
    // A preview saves nothing.
    const versions = () => notifyDb(platform.ctx.db).selectFrom('notify_template_versions').select(['version', 'subject_de', 'created_by']).where('purpose', '=', 'course-reminder').orderBy('version').execute();
    expect(await versions()).toHaveLength(1);

    const saved = await client.post('/verwaltung/vorlagen/course-reminder', { ...texts, action: 'save' });
    expect(saved.location).toBe('/verwaltung/vorlagen/course-reminder?notice=saved');
    expect((await client.follow(saved)).body).toContain('Die neue Version ist gespeichert');
    expect(await versions()).toEqual([
      { version: 1, subject_de: 'Erinnerung: ((course)) am ((startsAt))', created_by: 'system:migration' },
      { version: 2, subject_de: 'Bald geht es los: ((course))', created_by: `staff:${staff.user.id}` },
    ]);
    const old = await client.get('/verwaltung/vorlagen/course-reminder/versionen/1');
    expect(old.body).toContain('Sie sehen die frühere Version 1.');
    expect(old.body).toContain('Erinnerung: ((course)) am ((startsAt))');

    const citizen = await buildCitizen(platform.ctx);
    const sent = await buildMessage(platform.ctx, { purpose: 'course-reminder', recipient: { userId: citizen.user.id }, values: { course: 'Tabellen', startsAt: '2026-12-03T17:00:00Z', location: 'VHS' } });
    const message = await notifyDb(platform.ctx.db).selectFrom('notify_messages').select(['subject', 'template_version']).where('id', '=', sent.messageId).executeTakeFirstOrThrow();
    expect(message).toEqual({ subject: 'Bald geht es los: Tabellen', template_version: 2 });

    // Saving on top of version 1 after version 2 exists would overwrite someone's change unseen.
    await client.get('/verwaltung/vorlagen/course-reminder');
    const stale = await client.post('/verwaltung/vorlagen/course-reminder', { ...texts, subject_de: 'Veraltet', action: 'save' });
    expect(stale.status).toBe(422);
    expect(stale.body).toContain('Inzwischen hat jemand Version 2 gespeichert.');
    expect(await versions()).toHaveLength(2);
  });

  it('explains each mistake next to its field and keeps what was typed', async () => {
    const { client } = await staffClient({ role: 'editor' });
    await client.get('/verwaltung/vorlagen/case-received');
    const response = await client.post('/verwaltung/vorlagen/case-received', {
      basedOn: '1',
      subject_de: '  ',
      body_de: 'Guten Tag ((name)), Ihre IBAN ((iban)) und ((servce)).',
      subject_en: 'Received',
      body_en: '',
      action: 'save',
    });
    expect(response.status).toBe(422);
    expect(response.body).toMatch(/<title>Fehler: /);
    expect(response.body).toContain('Bitte geben Sie einen Betreff auf Deutsch an.');
    expect(response.body).toContain('Diese Platzhalter gibt es für diesen Zweck nicht: ((iban)), ((servce)).');
    expect(response.body).toContain('Bitte geben Sie einen Text auf Englisch an.');
    expect(response.body).toContain('Ihre IBAN ((iban))');
    const missing = await client.post('/verwaltung/vorlagen/case-received', { subject_de: 'x' });
    expect(missing.status).toBe(422);
    expect(missing.body).toContain('Bitte geben Sie einen Text auf Deutsch an.');
    expect(missing.body).toContain('value="x"');
    const tooLong = await client.post('/verwaltung/vorlagen/case-received', { basedOn: '1', subject_de: 'B'.repeat(201), body_de: 'Text', subject_en: 'Subject', body_en: 'Text', action: 'save' });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body).toContain('„Betreff (Deutsch)“ darf höchstens 200 Zeichen lang sein; jetzt sind es 201.');
    expect((await client.get('/verwaltung/vorlagen/gibt-es-nicht')).status).toBe(404);
  });
});
