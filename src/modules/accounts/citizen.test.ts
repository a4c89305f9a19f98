import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { accountsDb, findUserByEmail } from './repo.ts';
import { buildCitizen } from './test/builders.ts';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

function linkIn(text: string | undefined, path: string): string {
  const match = new RegExp(`https?://[^\\s]+(${path}\\?token=[\\w-]+)`).exec(text ?? '');
  if (!match?.[1]) throw new Error(`No ${path} link in mail:\n${text}`);
  return match[1];
}

async function login(client: FormClient, email: string, password: string) {
  await client.get('/anmelden');
  return client.post('/anmelden', { email, password, next: '/konto' });
}

describe('citizen registration and login', () => {
  it('registers, confirms by the e-mailed link, logs in, changes preferences and logs out', async () => {
    const client = new FormClient(platform.app);
    await client.get('/registrieren');
    const sent = await client.post('/registrieren', {
      displayName: 'Hanna Schmitz',
      email: 'Hanna.Schmitz@example.org',
      password: 'Mein Hund heißt Bello 2026',
      passwordRepeat: 'Mein Hund heißt Bello 2026',
      privacy: 'yes',
    });
    expect(sent.status).toBe(200);
    expect(sent.body).toContain('hanna.schmitz@example.org');

    // Not confirmed yet: login is refused with a specific message.
    const early = await login(client, 'hanna.schmitz@example.org', 'Mein Hund heißt Bello 2026');
    expect(early.status).toBe(422);
    expect(early.body).toContain('Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse');

    await platform.runJobs();
    const mail = platform.smtp.lastTo('hanna.schmitz@example.org');
    expect(mail?.subject).toBe('Bitte bestätigen Sie Ihre E-Mail-Adresse');
    // Opening the link (as a mail scanner does) only shows a button; the button confirms.
    const link = linkIn(mail?.text, '/registrieren/bestaetigen');
    const opened = await client.get(link);
    expect(opened.status).toBe(200);
    expect(opened.body).toContain('E-Mail-Adresse bestätigen');
    expect((await findUserByEmail(accountsDb(platform.ctx.db), 'hanna.schmitz@example.org'))?.email_verified_at).toBeNull();
    const token = new URL(link, 'http://x').searchParams.get('token')!;
    const formToken = client.csrfToken();
    const confirmed = await client.post('/registrieren/bestaetigen', { token });
    expect(confirmed.status).toBe(303);
    expect(confirmed.location).toBe('/anmelden?notice=verified');
    // Opened again, the link says the address is confirmed and leads to the sign-in.
    const reopened = await client.get(link);
    expect(reopened.status).toBe(200);
    expect(reopened.body).toContain('Ihre E-Mail-Adresse ist bereits bestätigt');
    expect(reopened.body).toContain('href="/anmelden"');
    // The button pressed twice: the second press finds the address confirmed.
    expect((await client.post('/registrieren/bestaetigen', { token, _csrf: formToken })).body).toContain('Ihre E-Mail-Adresse ist bereits bestätigt');
    const unknown = await client.get('/registrieren/bestaetigen?token=gibt-es-nicht');
    expect(unknown.status).toBe(410);
    expect(unknown.body).toContain('href="/registrieren/erneut-senden"');

    const before = client.cookies.get('session');
    const loggedIn = await login(client, 'hanna.schmitz@example.org', 'Mein Hund heißt Bello 2026');
    expect(loggedIn.status).toBe(303);
    expect(loggedIn.location).toBe('/konto');
    expect(client.cookies.get('session')).toBeDefined();
    expect(client.cookies.get('session')).not.toBe(before);
    const account = await client.get('/konto');
    expect(account.body).toContain('Guten Tag, Hanna Schmitz');

    await client.get('/konto/einstellungen');
    const saved = await client.post('/konto/einstellungen', {
      displayName: 'Hanna Schmitz',
      preferredChannel: 'letter',
      language: 'en',
      simplifiedLanguage: 'on',
      street: 'Kölner Straße',
      houseNumber: '12a',
      postalCode: '41812',
      city: 'Erkelenz',
    });
    expect(saved.location).toBe('/konto?notice=saved');
    const english = await client.follow(saved);
    expect(english.body).toContain('By letter to my postal address');
    expect(english.body).toContain('<html lang="en">');
    const row = await findUserByEmail(accountsDb(platform.ctx.db), 'hanna.schmitz@example.org');
    expect(row).toMatchObject({ preferred_channel: 'letter', language: 'en', simplified_language: true, postal_code: '41812', city: 'Erkelenz' });

    const loggedOut = await client.post('/abmelden', {});
    expect(loggedOut.location).toBe('/anmelden?notice=logged-out');
    expect((await client.get('/konto')).location).toContain('/anmelden');
  });

  it('refuses letters without a full address and keeps what was saved before', async () => {
    const { user, password } = await buildCitizen(platform.ctx, { preferred_channel: 'digital' });
    const client = new FormClient(platform.app);
    await login(client, user.email!, password);
    await client.get('/konto/einstellungen');
    const refused = await client.post('/konto/einstellungen', { displayName: 'Neu', preferredChannel: 'letter', language: 'de', street: 'Markt', postalCode: '4181' });
    expect(refused.status).toBe(422);
    expect(refused.body).toContain('Bitte geben Sie eine fünfstellige Postleitzahl an, zum Beispiel 41812.');
    expect(refused.body).toContain('Für Post per Brief brauchen wir Ihre vollständige Anschrift');
    const hostile = await client.post('/konto/einstellungen', { displayName: 'X', preferredChannel: 'fax', language: 'fr' });
    expect(hostile.status).toBe(422);
    expect(hostile.body).toContain('Bitte wählen Sie für „Wie sollen wir Ihnen schreiben?“ einen der angebotenen Werte.');
    const row = await findUserByEmail(accountsDb(platform.ctx.db), user.email!);
    expect(row).toMatchObject({ display_name: user.display_name, preferred_channel: 'digital' });
  });

  it('does not reveal whether an address is registered, and tells the owner instead', async () => {
    const { user } = await buildCitizen(platform.ctx);
    const client = new FormClient(platform.app);
    await client.get('/registrieren');
    const again = await client.post('/registrieren', { displayName: 'Jemand', email: user.email!, password: 'Ein ganz anderes Passwort', passwordRepeat: 'Ein ganz anderes Passwort', privacy: 'yes' });
    expect(again.status).toBe(200);
    expect(again.body).toContain('Wir haben eine E-Mail an');
    await platform.runJobs();
    expect(platform.smtp.lastTo(user.email!)?.subject).toBe('Sie haben bereits ein Konto');
  });

  it('explains each registration mistake next to its field', async () => {
    const client = new FormClient(platform.app);
    await client.get('/registrieren');
    const response = await client.post('/registrieren', { displayName: ' ', email: 'nicht-gueltig', password: 'kurz', passwordRepeat: 'anders' });
    expect(response.status).toBe(422);
    for (const message of [
      'Bitte geben Sie Ihren Namen an.',
      'Bitte geben Sie eine E-Mail-Adresse im Format name@beispiel.de an.',
      'Das Passwort muss mindestens 12 Zeichen lang sein.',
      'Bitte bestätigen Sie, dass Sie die Datenschutzhinweise gelesen haben.',
    ]) expect(response.body).toContain(message);
    // A field left out of the post is as empty as a blank one, and keeps what was typed in the others.
    const missing = await client.post('/registrieren', { email: 'a@b.de' });
    expect(missing.status).toBe(422);
    expect(missing.body).toContain('Bitte geben Sie Ihren Namen an.');
    expect(missing.body).toContain('value="a@b.de"');
  });

  it('creates one account and sends one mail when the same registration arrives twice', async () => {
    const client = new FormClient(platform.app);
    const page = await client.get('/registrieren');
    const key = /name="_formKey" value="([^"]+)"/.exec(page.body)?.[1];
    expect(key).toBeDefined();
    // The same form twice, as a double click sends it: same token, same key.
    const form = { displayName: 'Doppelt Klick', email: 'doppelt.klick@example.org', password: 'Zweimal geklickt ist einmal', passwordRepeat: 'Zweimal geklickt ist einmal', privacy: 'yes', _formKey: key!, _csrf: client.csrfToken() };
    const first = await client.post('/registrieren', form);
    const second = await client.post('/registrieren', form);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body).toContain('Wir haben eine E-Mail an doppelt.klick@example.org geschickt.');
    const accounts = await accountsDb(platform.ctx.db).selectFrom('users').select('id').where('email', '=', 'doppelt.klick@example.org').execute();
    expect(accounts).toHaveLength(1);
    await platform.runJobs();
    expect(platform.smtp.messages.filter((mail) => JSON.stringify(mail.to ?? '').includes('doppelt.klick@example.org'))).toHaveLength(1);
  });

  it('resets a forgotten password, ends other sessions and tells the owner', async () => {
    const { user, password } = await buildCitizen(platform.ctx);
    const other = new FormClient(platform.app);
    await login(other, user.email!, password);
    expect((await other.get('/konto')).status).toBe(200);

    const client = new FormClient(platform.app);
    await client.get('/passwort-vergessen');
    const requested = await client.post('/passwort-vergessen', { email: user.email! });
    expect(requested.body).toContain('Wenn es zu dieser Adresse ein Konto gibt');
    await platform.runJobs();
    const link = linkIn(platform.smtp.lastTo(user.email!)?.text, '/passwort-neu');
    await client.get(link);
    const token = new URL(link, 'http://x').searchParams.get('token')!;
    const mismatch = await client.post('/passwort-neu', { token, password: 'Ein neues langes Passwort', passwordRepeat: 'Ein anderes langes Passwort' });
    expect(mismatch.body).toContain('Die beiden Passwörter stimmen nicht überein.');
    const done = await client.post('/passwort-neu', { token, password: 'Ein neues langes Passwort', passwordRepeat: 'Ein neues langes Passwort' });
    expect(done.location).toBe('/anmelden?notice=password-set');
    await platform.runJobs();
    expect(platform.smtp.lastTo(user.email!)?.subject).toBe('Ihr Passwort wurde geändert');
    expect((await other.get('/konto')).status).toBe(303);
    expect((await login(client, user.email!, 'Ein neues langes Passwort')).location).toBe('/konto');
    expect((await client.post('/passwort-neu', { token, password: 'Noch ein Passwort hier', passwordRepeat: 'Noch ein Passwort hier' })).status).toBe(410);
  });
});

describe('my data', () => {
  it('exports everything as JSON without secrets and records the export', async () => {
    const { user, password } = await buildCitizen(platform.ctx, { street: 'Am Weiher', house_number: '3', postal_code: '41812', city: 'Erkelenz' });
    const client = new FormClient(platform.app);
    await login(client, user.email!, password);
    const response = await client.get('/konto/daten.json');
    expect(response.status).toBe(200);
    expect(response.headers['content-disposition']).toContain('attachment');
    const data = JSON.parse(response.body) as { profile: Record<string, unknown>; sessions: unknown[] };
    expect(data.profile).toMatchObject({ email: user.email, street: 'Am Weiher' });
    expect(data.profile).not.toHaveProperty('password_hash');
    expect(response.body).not.toContain('argon2');
    expect(data.sessions).toHaveLength(1);
    const audit = await platform.ctx.db.selectFrom('audit_log').selectAll().where('data_subject_id', '=', user.id).execute();
    expect(audit.map((row) => row.action)).toContain('accounts.data-exported');
  });

  it('deletes the account after the password is confirmed, and ends its sessions', async () => {
    const { user, password } = await buildCitizen(platform.ctx);
    const client = new FormClient(platform.app);
    await login(client, user.email!, password);
    await client.get('/konto/loeschen');
    const wrong = await client.post('/konto/loeschen', { password: 'nicht das Passwort' });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toContain('Das Passwort ist nicht richtig.');
    expect(await findUserByEmail(accountsDb(platform.ctx.db), user.email!)).toBeDefined();
    const deleted = await client.post('/konto/loeschen', { password });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toContain('Ihr Konto ist gelöscht');
    expect(deleted.body).not.toContain('Angemeldet als');
    expect(await findUserByEmail(accountsDb(platform.ctx.db), user.email!)).toBeUndefined();
    const sessions = await platform.ctx.db.selectFrom('sessions').select('token_hash').where('user_id', '=', user.id).execute();
    expect(sessions).toHaveLength(0);
    const audit = await platform.ctx.db.selectFrom('audit_log').select('action').where('data_subject_id', '=', user.id).execute();
    expect(audit.map((row) => row.action)).toContain('accounts.account-deleted');
  });

  it('lists sessions and logs out every other device', async () => {
    const { user, password } = await buildCitizen(platform.ctx);
    const phone = new FormClient(platform.app);
    const laptop = new FormClient(platform.app);
    await login(phone, user.email!, password);
    await login(laptop, user.email!, password);
    const list = await laptop.get('/konto/sitzungen');
    expect(list.body.match(/<tr>/g)?.length).toBe(3);
    const ended = await laptop.post('/konto/sitzungen/beenden', {});
    expect(ended.body).toContain('1 anderes Gerät wurde abgemeldet.');
    expect((await phone.get('/konto')).status).toBe(303);
    expect((await laptop.get('/konto')).status).toBe(200);
  });

  it('sends visitors of account pages to the login and back', async () => {
    const response = await new FormClient(platform.app).get('/konto/daten');
    expect(response.status).toBe(303);
    expect(response.location).toBe('/anmelden?notice=session-ended&next=%2Fkonto%2Fdaten');
  });
});
