import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiClient, buildCitizen, revokeBuiltApiClient } from '#modules/accounts/test/builders.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { notifyDb } from './repo.templates.ts';
import { caseReceived } from './test/builders.ts';

let platform: TestPlatform;
const problemJson = 'application/problem+json; charset=utf-8';
let token: string;
let clientId: string;
let unscoped: string;

async function createClient(name: string, scope: string) {
  const { token, clientId } = await buildApiClient(platform.ctx, [scope], name);
  return { token, id: clientId };
}

beforeAll(async () => {
  platform = await createTestPlatform();
  ({ token, id: clientId } = await createClient('Fachverfahren Bauamt', 'notify.send'));
  ({ token: unscoped } = await createClient('Nur Lesen', 'notify.view-messages'));
});
afterAll(async () => {
  await platform.close();
});

function post(body: unknown, bearer?: string) {
  return platform.app.inject({
    method: 'POST',
    url: '/api/v1/notifications',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    payload: JSON.stringify(body),
  });
}

const guestBody = (cause: string) => ({
  purpose: 'case-received',
  cause,
  recipient: { name: 'Gisela Gast', language: 'de', email: 'gisela@example.org' },
  values: caseReceived,
});

describe('POST /api/v1/notifications', () => {
  it('refuses a request without a token, with an unknown one, and from a client without the scope', async () => {
    const none = await post(guestBody('c-1'));
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expect(none.headers['content-type']).toBe(problemJson);
    expect(none.json()).toEqual({ type: 'about:blank', title: 'Bitte melden Sie sich an', status: 401, detail: 'Diese Seite ist nur nach der Anmeldung erreichbar.', instance: '/api/v1/notifications' });
    expect((await post(guestBody('c-1'), 'erk_not-a-real-token')).statusCode).toBe(401);
    expect((await post(guestBody('c-1'), 'something-else')).statusCode).toBe(401);
    const forbidden = await post(guestBody('c-1'), unscoped);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toMatchObject({ type: 'about:blank', status: 403, detail: 'Für diese Seite fehlt Ihnen die Berechtigung.' });
    // Even a malformed body from a stranger gets 401, not a validation report.
    expect((await post({ purpose: 42 })).statusCode).toBe(401);
    expect(await notifyDb(platform.ctx.db).selectFrom('notify_messages').select('id').where('cause', 'like', '%c-1').execute()).toEqual([]);
  });

  it('answers 400 with a message naming the field for a body that does not fit the schema', async () => {
    const missing = await post({ purpose: 'case-received', recipient: {}, values: {} }, token);
    expect(missing.statusCode).toBe(400);
    expect(missing.headers['content-type']).toBe(problemJson);
    expect(missing.json()).toEqual({
      type: 'http://localhost:3000/api/problems/validation',
      title: 'Die Anfrage konnte nicht verarbeitet werden',
      status: 400,
      detail: 'Bitte füllen Sie das Feld „Anlass (cause)“ aus.',
      instance: '/api/v1/notifications',
      errors: [{ detail: 'Bitte füllen Sie das Feld „Anlass (cause)“ aus.', pointer: '#/cause' }],
    });
    const notAFlag = await post({ ...guestBody('c-2a'), document: 'ja' }, token);
    expect(notAFlag.statusCode).toBe(400);
    expect(notAFlag.json()).toMatchObject({ errors: [{ pointer: '#/document' }] });
    const wrong = await post({ ...guestBody('c-2'), requiredChannel: 'fax' }, token);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ detail: 'Bitte wählen Sie für „Vorgeschriebener Weg (requiredChannel)“ einen der angebotenen Werte.', errors: [{ pointer: '#/requiredChannel' }] });
    const broken = await platform.app.inject({ method: 'POST', url: '/api/v1/notifications', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, payload: '{"purpose":' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatchObject({ type: 'http://localhost:3000/api/problems/invalid-json', status: 400, detail: 'Die gesendeten Daten sind kein gültiges JSON.' });
  });

  it('answers 422 with the exact reason when the request is well-formed but cannot be sent', async () => {
    const unknown = await post({ ...guestBody('c-3'), purpose: 'no-such-purpose' }, token);
    expect(unknown.statusCode).toBe(422);
    expect(unknown.headers['content-type']).toBe(problemJson);
    expect(unknown.json()).toEqual({
      type: 'http://localhost:3000/api/problems/notify/unknown-purpose',
      title: 'Die Anfrage konnte nicht verarbeitet werden',
      status: 422,
      detail: 'Für den Zweck „no-such-purpose“ gibt es keine Vorlage.',
      instance: '/api/v1/notifications',
    });
    const values = await post({ ...guestBody('c-4'), values: { service: 'Hundesteuer', receivedAt: 'gestern' } }, token);
    expect(values.statusCode).toBe(422);
    expect(values.json()).toEqual({
      type: 'http://localhost:3000/api/problems/notify/invalid-values',
      title: 'Die Anfrage konnte nicht verarbeitet werden',
      status: 422,
      detail: 'Es fehlt ein Wert für ((caseReference)). Der Wert für ((receivedAt)) ist kein gültiger Wert vom Typ Datum und Uhrzeit.',
      instance: '/api/v1/notifications',
      errors: [
        { detail: 'Es fehlt ein Wert für ((caseReference)).', pointer: '#/values/caseReference' },
        { detail: 'Der Wert für ((receivedAt)) ist kein gültiger Wert vom Typ Datum und Uhrzeit.', pointer: '#/values/receivedAt' },
      ],
    });
    const nobody = await post({ ...guestBody('c-5'), recipient: { userId: '00000000-0000-4000-8000-000000000000' } }, token);
    expect(nobody.json()).toMatchObject({ status: 422, type: 'http://localhost:3000/api/problems/notify/unknown-recipient', detail: 'Zu dieser Konto-ID gibt es kein aktives Konto.' });
    // A document cannot travel by e-mail, and a guest has no inbox: without a postal address it cannot go.
    const document = await post({ ...guestBody('c-5a'), document: true }, token);
    expect(document.statusCode).toBe(422);
    expect(document.json()).toMatchObject({ type: 'http://localhost:3000/api/problems/notify/no-postal-address', detail: 'Diese Nachricht muss per Brief gehen, aber es ist keine vollständige Postanschrift bekannt.' });
    const secret = await post({ ...guestBody('c-5b'), link: '/passwort-neu?token=abc123' }, token);
    expect(secret.statusCode).toBe(422);
    expect(secret.json()).toEqual({
      type: 'http://localhost:3000/api/problems/notify/secret-link',
      title: 'Die Anfrage konnte nicht verarbeitet werden',
      status: 422,
      instance: '/api/v1/notifications',
      detail: 'Ein Link mit Zugangsschlüssel (etwa ?token=…) darf nicht in einer Nachricht stehen, weil Nachrichten aufbewahrt werden. Verweisen Sie auf die Seite ohne Schlüssel.',
    });
  });

  it('creates the message (201), returns the same one for the same cause (200), and reports its status', async () => {
    const citizen = await buildCitizen(platform.ctx, { preferred_channel: 'both', street: 'Markt', house_number: '9', postal_code: '41812', city: 'Erkelenz' });
    const body = {
      purpose: 'case-received',
      cause: 'case-2026-0815:received',
      recipient: { userId: citizen.user.id },
      values: caseReceived,
      link: '/konto/antraege/0815',
      attachments: [{ filename: 'Eingang.txt', contentType: 'text/plain', contentBase64: Buffer.from('Eingangsbestätigung').toString('base64') }],
    };
    const created = await post(body, token);
    expect(created.statusCode).toBe(201);
    const json = created.json<{ id: string; reference: string; duplicate: boolean; deliveries: { channel: string; status: string }[] }>();
    expect(json).toMatchObject({ purpose: 'case-received', duplicate: false, reference: expect.stringMatching(/^N-/) });
    expect(json.deliveries.map((delivery) => `${delivery.channel}:${delivery.status}`).sort()).toEqual(['email:created', 'inbox:delivered', 'letter:created']);
    const row = await notifyDb(platform.ctx.db).selectFrom('notify_messages').selectAll().where('id', '=', json.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ cause: `client:${clientId}:case-2026-0815:received`, created_by: `client:${clientId}`, link: '/konto/antraege/0815' });
    const audit = await platform.ctx.db.selectFrom('audit_log').selectAll().where('subject_id', '=', json.id).execute();
    expect(audit).toMatchObject([{ action: 'notify.message-created', actor_label: `client:${clientId}`, data_subject_id: citizen.user.id }]);

    const again = await post(body, token);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: json.id, reference: json.reference, duplicate: true });

    await platform.runJobs();
    const status = await platform.app.inject({ method: 'GET', url: `/api/v1/notifications/${json.id}`, headers: { authorization: `Bearer ${token}` } });
    expect(status.statusCode).toBe(200);
    expect(status.json<{ deliveries: { channel: string; status: string }[] }>().deliveries.find((delivery) => delivery.channel === 'email')?.status).toBe('delivered');
    expect(platform.smtp.lastTo(citizen.user.email!)?.attachments[0]?.content.toString()).toBe('Eingangsbestätigung');
    // Another client cannot read it.
    const { token: other } = await createClient('Anderes System', 'notify.send');
    expect((await platform.app.inject({ method: 'GET', url: `/api/v1/notifications/${json.id}`, headers: { authorization: `Bearer ${other}` } })).statusCode).toBe(404);
  });

  it('stops accepting a token the moment its client is revoked', async () => {
    const revocable = await createClient('Wird widerrufen', 'notify.send');
    expect((await post(guestBody('c-6'), revocable.token)).statusCode).toBe(201);
    await revokeBuiltApiClient(platform.ctx, revocable.id);
    expect((await post(guestBody('c-7'), revocable.token)).statusCode).toBe(401);
  });
});
