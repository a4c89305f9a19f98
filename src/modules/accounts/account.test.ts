import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMessage } from '#modules/notify/test/builders.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { accountsDb, findUserByEmail, findUserById, updateUser } from './repo.ts';
import { buildCitizen, buildStaff, signInStaff } from './test/builders.ts';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

type Citizen = Awaited<ReturnType<typeof buildCitizen>>;

async function signIn(email: string, password: string, headers: Record<string, string> = {}) {
  const client = new FormClient(platform.app);
  await client.get('/anmelden', headers);
  return { client, response: await client.post('/anmelden', { email, password }, headers) };
}

async function signedIn(citizen: Citizen, headers: Record<string, string> = {}) {
  const { client, response } = await signIn(citizen.user.email!, citizen.password, headers);
  expect(response.status).toBe(303);
  return client;
}

const mailsTo = (address: string) => platform.smtp.messages.filter((mail) => JSON.stringify(mail.to ?? '').includes(address));
const linkIn = (text: string | undefined, path: string) => new RegExp(`https?://[^\\s]+(${path}\\?token=[\\w-]+)`).exec(text ?? '')?.[1];
const alertBody = (body: string) => /<div class="kern-alert__body">([\s\S]*?)<\/div>/.exec(body)?.[1];
const user = (id: string) => findUserById(accountsDb(platform.ctx.db), id);
const auditActions = async (userId: string) =>
  (await platform.ctx.db.selectFrom('audit_log').select('action').where('data_subject_id', '=', userId).orderBy('id').execute()).map((row) => row.action);
const html = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

describe('12.21 changing the password while signed in', () => {
  it('12.21 lets a signed-in citizen change the password with the current one, announces it by mail and signs out everywhere else by default', async () => {
    const citizen = await buildCitizen(platform.ctx, { display_name: 'Paula Passwort' });
    const phone = await signedIn(citizen);
    const laptop = await signedIn(citizen);
    expect((await laptop.get('/konto')).body).toContain('href="/konto/passwort"');
    const form = await laptop.get('/konto/passwort');
    expect(form.status).toBe(200);
    expect(form.body).toMatch(/<input[^>]*name="endOtherSessions"[^>]*checked/);

    const cases: [Record<string, string>, string][] = [
      [{ currentPassword: 'falsch geraten', password: 'Ein neues langes Passwort', passwordRepeat: 'Ein neues langes Passwort' }, 'Das Passwort ist nicht richtig.'],
      [{ currentPassword: citizen.password, password: 'kurz', passwordRepeat: 'kurz' }, 'Das Passwort muss mindestens 12 Zeichen lang sein.'],
      [{ currentPassword: citizen.password, password: 'Erkelenz2026!', passwordRepeat: 'Erkelenz2026!' }, 'weil es auf naheliegenden Angaben aufbaut'],
      [{ currentPassword: citizen.password, password: citizen.password, passwordRepeat: citizen.password }, 'Das neue Passwort ist Ihr bisheriges.'],
      [{ currentPassword: citizen.password, password: 'Ein neues langes Passwort', passwordRepeat: 'Ein anderes langes Passwort' }, 'Die beiden Passwörter stimmen nicht überein.'],
    ];
    for (const [fields, message] of cases) {
      const refused = await laptop.post('/konto/passwort', { ...fields, endOtherSessions: 'on' });
      expect(refused.status, message).toBe(422);
      expect(refused.body, message).toContain(message);
    }
    expect((await laptop.post('/konto/passwort', {})).body).toContain('Bitte füllen Sie das Feld „Aktuelles Passwort“ aus.');

    const changed = await laptop.post('/konto/passwort', { currentPassword: citizen.password, password: 'Ein neues langes Passwort', passwordRepeat: 'Ein neues langes Passwort', endOtherSessions: 'on' });
    expect(changed.status).toBe(303);
    expect((await laptop.follow(changed)).body).toContain('Ihr Passwort ist geändert, und alle anderen Geräte sind abgemeldet.');
    expect((await phone.get('/konto')).status).toBe(303);
    expect((await laptop.get('/konto')).status).toBe(200);
    expect((await signIn(citizen.user.email!, citizen.password)).response.status).toBe(422);
    expect((await signIn(citizen.user.email!, 'Ein neues langes Passwort')).response.status).toBe(303);

    await platform.runJobs();
    const mail = platform.smtp.lastTo(citizen.user.email!);
    expect(mail?.subject).toBe('Ihr Passwort wurde geändert');
    expect(mail?.text).toContain('alle Anmeldungen auf anderen Geräten wurden beendet');
    expect(await auditActions(citizen.user.id)).toContain('accounts.password-changed');
  });

  it('12.21 keeps the other sessions when the box is cleared, and the mail says so', async () => {
    const citizen = await buildCitizen(platform.ctx);
    const phone = await signedIn(citizen);
    const laptop = await signedIn(citizen);
    await laptop.get('/konto/passwort');
    // A cleared checkbox is not sent at all.
    const changed = await laptop.post('/konto/passwort', { currentPassword: citizen.password, password: 'Ein neues langes Passwort', passwordRepeat: 'Ein neues langes Passwort' });
    expect(changed.location).toBe('/konto?notice=password-changed');
    expect((await phone.get('/konto')).status).toBe(200);
    await platform.runJobs();
    expect(platform.smtp.lastTo(citizen.user.email!)?.text).toContain('Andere Geräte, auf denen Sie angemeldet sind, bleiben angemeldet.');
    // A refused form keeps the box as it was sent.
    const refused = await laptop.post('/konto/passwort', { currentPassword: 'falsch', password: 'x', passwordRepeat: 'x' });
    expect(refused.body).not.toMatch(/<input[^>]*name="endOtherSessions"[^>]*checked/);
  });

  it('12.21 slows down guessing the current password as the sign-in does', async () => {
    const citizen = await buildCitizen(platform.ctx);
    const client = await signedIn(citizen);
    await client.get('/konto/passwort');
    const statuses = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const response = await client.post('/konto/passwort', { currentPassword: `falsch ${attempt}`, password: 'Ein neues langes Passwort', passwordRepeat: 'Ein neues langes Passwort' });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(response.headers['retry-after']).toBe('15');
        expect(response.body).toContain('Zu viele Versuche. Bitte warten Sie 1 Minute');
      }
    }
    expect(statuses).toEqual([422, 422, 422, 422, 422, 429]);
    // The right password does not shorten the wait.
    const held = await client.post('/konto/passwort', { currentPassword: citizen.password, password: 'Ein neues langes Passwort', passwordRepeat: 'Ein neues langes Passwort' });
    expect(held.status).toBe(429);
    expect((await user(citizen.user.id))?.password_hash).toBe(citizen.user.password_hash);
  });

  it('12.21 tells an account without a password how to set one', async () => {
    const citizen = await buildCitizen(platform.ctx);
    const client = await signedIn(citizen);
    // As an account that signs in only through an external provider has it.
    await updateUser(accountsDb(platform.ctx.db), citizen.user.id, { password_hash: null });
    const page = await client.get('/konto/passwort');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Sie melden sich über einen anderen Dienst an und haben bei uns kein Passwort.');
    expect(page.body).toContain('href="/passwort-vergessen"');
    expect(page.body).not.toContain('name="currentPassword"');
  });
});

describe('12.21 changing the e-mail address while signed in', () => {
  it('12.21 confirms the new address by a link to it, tells the old one, and changes nothing until the link is followed', async () => {
    const citizen = await buildCitizen(platform.ctx, { display_name: 'Emil Umzug' });
    const client = await signedIn(citizen);
    expect((await client.get('/konto')).body).toContain('href="/konto/e-mail"');
    expect((await client.get('/konto/e-mail')).body).toContain(html(citizen.user.email!));
    const wrong = await client.post('/konto/e-mail', { email: 'emil.neu@example.org', password: 'nicht das Passwort' });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toContain('Das Passwort ist nicht richtig.');
    const same = await client.post('/konto/e-mail', { email: citizen.user.email!.toUpperCase(), password: citizen.password });
    expect(same.body).toContain('Das ist schon die E-Mail-Adresse Ihres Kontos.');
    expect((await client.post('/konto/e-mail', { email: 'kein-at', password: citizen.password })).body).toContain('Bitte geben Sie eine E-Mail-Adresse im Format name@beispiel.de an.');

    const asked = await client.post('/konto/e-mail', { email: 'Emil.Neu@example.org', password: citizen.password });
    expect(asked.status).toBe(200);
    expect(asked.body).toContain('Wir haben einen Link an emil.neu@example.org geschickt.');
    expect(await user(citizen.user.id)).toMatchObject({ email: citizen.user.email, pending_email: 'emil.neu@example.org' });
    expect((await client.get('/konto/e-mail')).body).toContain('Sie haben die neue Adresse emil.neu@example.org angegeben.');

    // The queue holds the account and the purpose: no link, no address.
    const { rows } = await sql<{ data: unknown }>`select data from pgboss.job where name = 'accounts.send-account-mail'`.execute(platform.ctx.db);
    const queued = JSON.stringify(rows);
    expect(queued).toContain('email-change-confirm');
    for (const secret of ['token=', 'emil.neu@example.org', '/e-mail-bestaetigen']) expect(queued).not.toContain(secret);

    await platform.runJobs();
    const confirm = platform.smtp.lastTo('emil.neu@example.org');
    expect(confirm?.subject).toBe('Bitte bestätigen Sie Ihre neue E-Mail-Adresse');
    // Whoever typed the new address is not yet known to own it: no name in the mail to it.
    expect(confirm?.text).toMatch(/^Guten Tag,\n/);
    expect(confirm?.text).not.toContain('Emil Umzug');
    const notice = platform.smtp.lastTo(citizen.user.email!);
    expect(notice?.subject).toBe('Die E-Mail-Adresse Ihres Kontos soll geändert werden');
    expect(notice?.text).toContain('emil.neu@example.org');
    expect(notice?.text).toContain('/passwort-vergessen');

    // Until the link is followed the old address signs in, the new one does not.
    expect((await signIn('emil.neu@example.org', citizen.password)).response.status).toBe(422);
    const link = linkIn(confirm?.text, '/e-mail-bestaetigen');
    expect(link).toBeDefined();
    // Opening the link, as a mail scanner does, changes nothing: the button on its page does.
    const elsewhere = new FormClient(platform.app);
    const opened = await elsewhere.get(link!);
    expect(opened.status).toBe(200);
    expect(opened.body).toContain('Neue E-Mail-Adresse bestätigen');
    expect((await user(citizen.user.id))?.email).toBe(citizen.user.email);
    const token = new URL(link!, 'http://x').searchParams.get('token')!;
    const done = await elsewhere.post('/e-mail-bestaetigen', { token });
    expect(done.status).toBe(200);
    expect(done.body).toContain('Ihr Konto hat jetzt die Adresse emil.neu@example.org.');
    expect(await user(citizen.user.id)).toMatchObject({ email: 'emil.neu@example.org', pending_email: null, pending_email_requested_at: null });
    expect((await signIn('emil.neu@example.org', citizen.password)).response.status).toBe(303);
    expect((await signIn(citizen.user.email!, citizen.password)).response.status).toBe(422);
    expect((await elsewhere.get(link!)).status).toBe(410);
    expect(await auditActions(citizen.user.id)).toEqual(expect.arrayContaining(['accounts.email-change-requested', 'accounts.email-changed']));
  });

  it('12.21 answers the same when another account has the address, and tells that account’s owner instead', async () => {
    const holder = await buildCitizen(platform.ctx);
    const mover = await buildCitizen(platform.ctx);
    const fresh = await buildCitizen(platform.ctx);
    const answers = new Set<string>();
    for (const [citizen, email] of [
      [mover, holder.user.email!],
      [fresh, 'noch.frei@example.org'],
    ] as const) {
      const client = await signedIn(citizen);
      await client.get('/konto/e-mail');
      const response = await client.post('/konto/e-mail', { email, password: citizen.password });
      expect(response.status).toBe(200);
      answers.add(alertBody(response.body)!.replace(email, 'ADDRESS'));
    }
    expect(answers.size).toBe(1);
    await platform.runJobs();
    expect(mailsTo(holder.user.email!).map((mail) => mail.subject)).toEqual(['Ihre E-Mail-Adresse wurde für ein anderes Konto angegeben']);
    expect(mailsTo(holder.user.email!)[0]?.text).not.toContain('token=');
    // Both old addresses hear the same.
    expect(platform.smtp.lastTo(mover.user.email!)?.subject).toBe('Die E-Mail-Adresse Ihres Kontos soll geändert werden');
    expect(platform.smtp.lastTo(fresh.user.email!)?.subject).toBe('Die E-Mail-Adresse Ihres Kontos soll geändert werden');
    expect((await user(mover.user.id))?.email).toBe(mover.user.email);
    expect((await findUserByEmail(accountsDb(platform.ctx.db), holder.user.email!))?.id).toBe(holder.user.id);
  });

  it('12.21 lets only the newest request’s link change the address', async () => {
    const citizen = await buildCitizen(platform.ctx);
    const client = await signedIn(citizen);
    await client.get('/konto/e-mail');
    await client.post('/konto/e-mail', { email: 'erste.wahl@example.org', password: citizen.password });
    await platform.runJobs();
    const first = linkIn(platform.smtp.lastTo('erste.wahl@example.org')?.text, '/e-mail-bestaetigen');
    await client.post('/konto/e-mail', { email: 'zweite.wahl@example.org', password: citizen.password });
    // Before the second mail has gone, the first link is already void.
    expect((await new FormClient(platform.app).get(first!)).status).toBe(410);
    await platform.runJobs();
    const second = linkIn(platform.smtp.lastTo('zweite.wahl@example.org')?.text, '/e-mail-bestaetigen');
    const confirming = new FormClient(platform.app);
    await confirming.get(second!);
    await confirming.post('/e-mail-bestaetigen', { token: new URL(second!, 'http://x').searchParams.get('token')! });
    expect((await user(citizen.user.id))?.email).toBe('zweite.wahl@example.org');
  });

  it('12.21 asks an account without a password for the confirmation word', async () => {
    const citizen = await buildCitizen(platform.ctx);
    const client = await signedIn(citizen);
    await updateUser(accountsDb(platform.ctx.db), citizen.user.id, { password_hash: null });
    const form = await client.get('/konto/e-mail');
    expect(form.body).toContain('Bitte tippen Sie zur Bestätigung ÄNDERN ein');
    expect(form.body).not.toContain('name="password"');
    const refused = await client.post('/konto/e-mail', { email: 'ohne.passwort@example.org', confirm: 'ja' });
    expect(refused.status).toBe(422);
    expect(refused.body).toContain('Bitte tippen Sie zur Bestätigung das Wort ÄNDERN ein.');
    expect((await client.post('/konto/e-mail', { email: 'ohne.passwort@example.org', confirm: ' ändern ' })).status).toBe(200);
    expect((await user(citizen.user.id))?.pending_email).toBe('ohne.passwort@example.org');
  });
});

describe('12.21 who may change what', () => {
  it('12.21 sends visitors to the sign-in, leaves a staff address to the administration, and answers a broken link with 410', async () => {
    const visitor = new FormClient(platform.app);
    for (const path of ['/konto/passwort', '/konto/e-mail', '/konto/daten/ansehen']) {
      expect((await visitor.get(path)).location, path).toBe(`/anmelden?notice=session-ended&next=${encodeURIComponent(path)}`);
    }
    await visitor.get('/anmelden');
    expect((await visitor.post('/konto/e-mail', { email: 'a@example.org', password: 'x' })).status).toBe(401);

    const staff = await buildStaff(platform.ctx, []);
    const desk = new FormClient(platform.app);
    await signInStaff(desk, staff);
    expect((await desk.get('/konto')).body).not.toContain('href="/konto/e-mail"');
    await desk.get('/konto/e-mail');
    const refused = await desk.post('/konto/e-mail', { email: 'privat@example.org', password: staff.password });
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('Die E-Mail-Adresse eines Dienstkontos ändert die Administration.');
    expect((await user(staff.user.id))?.pending_email).toBeNull();

    for (const token of ['gibt-es-nicht', 'x'.repeat(101)]) {
      expect((await visitor.get(`/e-mail-bestaetigen?token=${token}`)).status, token).toBe(token.length > 100 ? 400 : 410);
      await visitor.get('/anmelden');
      const pressed = await visitor.post('/e-mail-bestaetigen', { token });
      expect(pressed.status, token).toBe(410);
      expect(pressed.body).toContain('Dieser Link ist abgelaufen oder wurde schon benutzt');
    }
  });
});

describe('12.21 the postal address, the devices, the data and deleting in "Mein Konto"', () => {
  it('12.21 says the address is needed for letters, and marks the fields required once letters are chosen', async () => {
    const citizen = await buildCitizen(platform.ctx, { preferred_channel: 'digital' });
    const client = await signedIn(citizen);
    const digital = await client.get('/konto/einstellungen');
    expect(digital.body).toContain('Für Post per Brief (auch bei „Beides“) brauchen wir die vollständige Anschrift: alle vier Felder.');
    expect(digital.body).toContain('(nur für Briefe nötig)');
    expect(digital.body).not.toContain('(freiwillig)');
    expect(digital.body).not.toMatch(/<input[^>]*id="street"[^>]*required/);

    const refused = await client.post('/konto/einstellungen', { displayName: 'Neu', preferredChannel: 'letter', language: 'de', street: 'Markt' });
    expect(refused.status).toBe(422);
    expect(refused.body).toContain('Postanschrift (für Briefe nötig)');
    expect(refused.body).toContain('Bitte füllen Sie alle vier Felder aus.');
    expect(refused.body).not.toContain('(nur für Briefe nötig)');
    for (const [field, label] of [
      ['houseNumber', 'Hausnummer'],
      ['postalCode', 'Postleitzahl'],
      ['city', 'Ort'],
    ]) {
      expect(refused.body).toContain(`<p class="kern-error" id="${field}-error"><span class="kern-icon kern-icon--danger kern-icon--default" aria-hidden="true"></span><span class="kern-body">Für Post per Brief brauchen wir Ihre vollständige Anschrift. Bitte füllen Sie auch das Feld „${label}“ aus.</span></p>`);
      expect(refused.body).toMatch(new RegExp(`<input[^>]*id="${field}"[^>]*required[^>]*aria-invalid="true"`));
    }
    expect(refused.body).not.toContain('id="street-error"');
    expect(refused.body).toMatch(/<input[^>]*id="street"[^>]*required/);
    // Part of an address without letters: each missing part is named too.
    const partial = await client.post('/konto/einstellungen', { displayName: 'Neu', preferredChannel: 'digital', language: 'de', city: 'Erkelenz' });
    expect(partial.body).toContain('Bitte füllen Sie auch das Feld „Straße“ aus, oder lassen Sie alle Felder der Anschrift leer.');
    expect((await user(citizen.user.id))?.preferred_channel).toBe('digital');

    const lettered = await buildCitizen(platform.ctx, { preferred_channel: 'both', street: 'Markt', house_number: '1', postal_code: '41812', city: 'Erkelenz' });
    const page = await (await signedIn(lettered)).get('/konto/einstellungen');
    for (const field of ['street', 'houseNumber', 'postalCode', 'city']) expect(page.body).toMatch(new RegExp(`<input[^>]*id="${field}"[^>]*required`));
  });

  it('12.21 names each signed-in browser in words, not by its User-Agent string', async () => {
    const citizen = await buildCitizen(platform.ctx);
    const firefox = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
    const iphone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
    await signedIn(citizen, { 'user-agent': firefox });
    const client = await signedIn(citizen, { 'user-agent': iphone });
    await signedIn(citizen, { 'user-agent': 'curl/8.5' });
    const page = await client.get('/konto/sitzungen', { 'user-agent': iphone });
    expect(page.body).toContain('Firefox unter Windows');
    expect(page.body).toContain('Safari auf einem iPhone<strong> (Dieses Gerät)</strong>');
    expect(page.body).toContain('Unbekanntes Gerät');
    expect(page.body).not.toContain('Mozilla/5.0');
  });

  it('12.21 shows every section of the data download on a readable page, in words, beside the JSON', async () => {
    const citizen = await buildCitizen(platform.ctx, { display_name: 'Dora Daten', preferred_channel: 'both', street: 'Kölner Straße', house_number: '12a', postal_code: '41812', city: 'Erkelenz' });
    await buildMessage(platform.ctx, {
      recipient: { userId: citizen.user.id },
      attachments: [{ filename: 'Bescheid-Dora.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.7 Bescheid') }],
    });
    await platform.runJobs();
    const client = await signedIn(citizen, { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Testbrowser/1.0' });
    // A record with details of its own in the part about who changed the data.
    await client.get('/konto/passwort');
    const changed = await client.post('/konto/passwort', { currentPassword: citizen.password, password: 'Ein neues langes Passwort', passwordRepeat: 'Ein neues langes Passwort', endOtherSessions: 'on' });
    expect(changed.status).toBe(303);
    const overview = await client.get('/konto/daten');
    expect(overview.body).toContain('href="/konto/daten/ansehen"');
    expect(overview.body).toContain('href="/konto/daten.json"');

    // The download first: the page, read after it, holds the same and the record of the download.
    const data = JSON.parse((await client.get('/konto/daten.json')).body) as Record<string, unknown>;
    const page = await client.get('/konto/daten/ansehen');
    expect(page.status).toBe(200);
    expect(page.body).toContain('href="/konto/daten.json"');
    const headings = [...page.body.matchAll(/<h2[^>]*>([^<]*)<\/h2>/g)].map((match) => match[1]);
    expect(headings).toEqual(['Ihre Angaben', 'Rollen in der Verwaltung', 'Anmeldung über andere Dienste', 'Angemeldete Geräte', 'Ihre Einwilligungen', 'Nachrichten', 'Anträge', 'Termine', 'Initiativen', 'Kurse, Fortbildungen und Selbsteinschätzungen', 'Wer hat Ihre Daten angesehen oder geändert?']);
    // One section for each part of the download.
    expect(Object.keys(data).filter((key) => key !== 'exportedAt')).toHaveLength(headings.length);

    // Every text of the download is on the page, except what shows in words and a file's content.
    const inWords = new Set(['kind', 'preferred_channel', 'language', 'channel', 'status', 'role']);
    const texts: string[] = [];
    const walk = (value: unknown, key: string) => {
      if (Array.isArray(value)) value.forEach((item) => walk(item, key));
      else if (value && typeof value === 'object') for (const [field, inner] of Object.entries(value)) walk(inner, field);
      else if (typeof value === 'string' && value && !inWords.has(key) && !key.endsWith('_base64') && !/^\d{4}-\d{2}-\d{2}T/.test(value)) texts.push(value);
    };
    walk(data, '');
    expect(texts).toEqual(expect.arrayContaining(['Dora Daten', 'Kölner Straße', 'Bescheid-Dora.pdf', 'Mozilla/5.0 (X11; Linux x86_64) Testbrowser/1.0']));
    for (const text of texts) expect(page.body, text).toContain(html(text));
    expect(page.body).toContain('Beides: digital und per Brief');
    expect(page.body).toContain('Inhalt einer Datei (17 Bytes), in der Datei zum Herunterladen enthalten');
    expect(page.body).toContain('Passwort geändert (accounts.password-changed)');
    expect(page.body).toContain('Andere Geräte abgemeldet');
    // Field names in words, never as the download calls them.
    const names = [...page.body.matchAll(/<dt[^>]*>([^<]*)<\/dt>/g)].map((match) => match[1]!);
    expect(names.length).toBeGreaterThan(20);
    for (const name of names) expect(name, name).not.toMatch(/^[a-z]+([_A-Z][a-z]*)+$/);
    expect(await auditActions(citizen.user.id)).toContain('accounts.data-viewed');
  });

  it('12.21 puts deleting the account last and small, apart from the everyday links', async () => {
    const citizen = await buildCitizen(platform.ctx);
    const page = (await (await signedIn(citizen)).get('/konto')).body;
    const main = /<main[\s\S]*<\/main>/.exec(page)?.[0] ?? '';
    const list = /<ul class="kern-list">[\s\S]*?<\/ul>/.exec(main)?.[0] ?? '';
    expect(list).toContain('href="/konto/einstellungen"');
    expect(list).not.toContain('/konto/loeschen');
    const links = [...main.matchAll(/<a [^>]*href="([^"]+)"/g)].map((match) => match[1]);
    expect(links.at(-1)).toBe('/konto/loeschen');
    expect(main).toMatch(/<a class="kern-link kern-link--small" href="\/konto\/loeschen">Konto löschen<\/a>/);
    expect(main).not.toMatch(/kern-btn[^"]*"[^>]*href="\/konto\/loeschen"/);
  });
});
