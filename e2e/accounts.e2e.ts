import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCitizen, buildStaff } from '#modules/accounts/test/builders.ts';
import { bothWays, follow, logIn, logInStaff, startSite, submit, visit, type Site } from './harness.ts';

let site: Site;

beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

/** The path and query of the first link to `path` in the newest mail to `to`. */
async function linkFromMail(to: string, path: string): Promise<string> {
  await site.platform.runJobs();
  const text = site.platform.smtp.lastTo(to)?.text ?? '';
  const link = new RegExp(`https?://[^\\s]+(${path}\\?token=[\\w-]+)`).exec(text)?.[1];
  if (!link) throw new Error(`No ${path} link in the mail to ${to}:\n${text}`);
  return link;
}

describe.each(bothWays)('a citizen account $how', ({ javaScript }) => {
  it('registers, confirms the address from the mail, logs in, chooses letters and logs out', async () => {
    const email = `lena.${javaScript ? 'js' : 'nojs'}@example.org`;
    const page = await site.open({ javaScript });
    await visit(page, '/');
    await follow(page, 'Konto anlegen');

    expect(await submit(page, 'Konto anlegen')).toBe(422);
    expect(await page.getByRole('alert').getByRole('link').count()).toBeGreaterThanOrEqual(3);
    await page.getByLabel('Name').fill('Lena Hoffmann');
    await page.getByLabel('E-Mail-Adresse').fill(email);
    await page.getByLabel('Passwort', { exact: true }).fill('Lena wohnt in Erkelenz 2026');
    await page.getByLabel('Passwort wiederholen').fill('Lena wohnt in Erkelenz 2026');
    await page.getByLabel('Ich habe die Datenschutzhinweise gelesen.').check();
    expect(await submit(page, 'Konto anlegen')).toBe(200);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Bitte bestätigen Sie Ihre E-Mail-Adresse');

    // The link opens a page with a button, so that mail scanners fetching links do not confirm anything.
    expect(await visit(page, await linkFromMail(email, '/registrieren/bestaetigen'))).toBe(200);
    expect(await submit(page, 'E-Mail-Adresse bestätigen')).toBe(200);
    expect(await page.getByText('Ihre E-Mail-Adresse ist bestätigt.').count()).toBe(1);
    await page.getByLabel('E-Mail-Adresse').fill(email);
    await page.getByLabel('Passwort', { exact: true }).fill('Lena wohnt in Erkelenz 2026');
    expect(await submit(page, 'Anmelden')).toBe(200);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Guten Tag, Lena Hoffmann');

    await follow(page, 'Angaben und Einstellungen ändern');
    await page.getByLabel('Per Brief an meine Postanschrift').check();
    expect(await submit(page, 'Speichern')).toBe(422);
    expect(await page.locator('#street-error').textContent()).toContain('Für Post per Brief brauchen wir Ihre vollständige Anschrift');
    await page.getByLabel('Straße').fill('Südpromenade');
    await page.getByLabel('Hausnummer').fill('5');
    await page.getByLabel('Postleitzahl').fill('41812');
    await page.getByLabel('Ort').fill('Erkelenz');
    expect(await submit(page, 'Speichern')).toBe(200);
    expect(await page.getByText('Ihre Einstellungen sind gespeichert.').count()).toBe(1);
    expect(await page.getByText('Per Brief an meine Postanschrift').count()).toBe(1);

    for (const link of ['Angemeldete Geräte', 'Meine Daten und wer sie angesehen hat']) {
      await visit(page, '/konto');
      expect(await follow(page, link)).toBe(200);
    }
    await visit(page, '/konto');
    expect(await follow(page, 'Konto löschen')).toBe(200);

    expect(await submit(page, 'Abmelden')).toBe(200);
    expect(await page.getByText('Sie sind abgemeldet.').count()).toBe(1);
    await visit(page, '/konto');
    expect(new URL(page.url()).pathname).toBe('/anmelden');
  });

  it('resets a forgotten password from the mailed link', async () => {
    const { user } = await buildCitizen(site.platform.ctx);
    const page = await site.open({ javaScript });
    await visit(page, '/anmelden');
    await follow(page, 'Passwort vergessen?');
    await page.getByLabel('E-Mail-Adresse').fill(user.email!);
    expect(await submit(page, 'Link anfordern')).toBe(200);
    await visit(page, await linkFromMail(user.email!, '/passwort-neu'));
    await page.getByLabel('Neues Passwort').fill('Ein frisches langes Passwort');
    await page.getByLabel('Passwort wiederholen').fill('Ein frisches langes Passwort');
    expect(await submit(page, 'Passwort speichern')).toBe(200);
    expect(await logIn(page, user.email!, 'Ein frisches langes Passwort')).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/konto');
  });
});

describe.each(bothWays)('12.21 "Mein Konto" $how', ({ javaScript }) => {
  it('12.21 changes the password and the e-mail address, and reads all data on a page of its own', async () => {
    const way = javaScript ? 'js' : 'nojs';
    const { user, password } = await buildCitizen(site.platform.ctx, { display_name: 'Maren Umzug' });
    const page = await site.open({ javaScript });
    expect(await logIn(page, user.email!, password)).toBe(200);

    expect(await follow(page, 'Passwort ändern')).toBe(200);
    expect(await page.getByLabel('Auf allen anderen Geräten abmelden').isChecked()).toBe(true);
    await page.getByLabel('Aktuelles Passwort').fill('nicht das Passwort');
    await page.getByLabel('Neues Passwort').fill('Maren zieht nach Hetzerath');
    await page.getByLabel('Passwort wiederholen').fill('Maren zieht nach Hetzerath');
    expect(await submit(page, 'Passwort ändern')).toBe(422);
    expect(await page.getByRole('alert').getByRole('link', { name: 'Das Passwort ist nicht richtig.' }).count()).toBe(1);
    await page.getByLabel('Aktuelles Passwort').fill(password);
    await page.getByLabel('Neues Passwort').fill('Maren zieht nach Hetzerath');
    await page.getByLabel('Passwort wiederholen').fill('Maren zieht nach Hetzerath');
    expect(await submit(page, 'Passwort ändern')).toBe(200);
    expect(await page.getByText('Ihr Passwort ist geändert, und alle anderen Geräte sind abgemeldet.').count()).toBe(1);

    const newEmail = `maren.${way}@example.org`;
    expect(await follow(page, 'E-Mail-Adresse ändern')).toBe(200);
    await page.getByLabel('Neue E-Mail-Adresse').fill(newEmail);
    await page.getByLabel('Aktuelles Passwort').fill('Maren zieht nach Hetzerath');
    expect(await submit(page, 'Link an die neue Adresse schicken')).toBe(200);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Bitte bestätigen Sie die neue Adresse');
    expect(await visit(page, await linkFromMail(newEmail, '/e-mail-bestaetigen'))).toBe(200);
    expect(await submit(page, 'Neue E-Mail-Adresse bestätigen')).toBe(200);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Ihre neue E-Mail-Adresse gilt');

    expect(await visit(page, '/konto')).toBe(200);
    expect(await follow(page, 'Meine Daten und wer sie angesehen hat')).toBe(200);
    expect(await follow(page, 'Alle Daten hier lesen')).toBe(200);
    expect(await page.getByRole('heading', { level: 2, name: 'Ihre Angaben' }).count()).toBe(1);
    expect(await page.getByText(newEmail, { exact: true }).count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByRole('link', { name: 'Alle Daten herunterladen (JSON)' }).getAttribute('href')).toBe('/konto/daten.json');
  });
});

describe('staff', () => {
  it('logs in with a password and the code from the authenticator, then manages staff', async () => {
    const admin = await buildStaff(site.platform.ctx, [{ role: 'administrator' }]);
    const page = await site.open({ javaScript: false });
    expect(await logIn(page, admin.user.email!, admin.password)).toBe(200);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Sicherheitscode eingeben');
    await page.getByLabel('Sicherheitscode').fill('123456');
    expect(await submit(page, 'Bestätigen')).toBe(422);
    await page.getByLabel('Sicherheitscode').fill(await admin.code());
    expect(await submit(page, 'Bestätigen')).toBe(200);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Verwaltung');

    await follow(page, 'Mitarbeitende');
    await follow(page, 'Dienstkonto anlegen');
    expect(await submit(page, 'Anlegen und einladen')).toBe(422);
    await page.getByLabel('Name').fill('Jonas Becker');
    await page.getByLabel('E-Mail-Adresse').fill('jonas.becker@erkelenz.example');
    await page.getByLabel('Redaktion').check();
    expect(await submit(page, 'Anlegen und einladen')).toBe(200);
    expect(await page.getByText('Das Dienstkonto ist angelegt.').count()).toBe(1);
    expect(await follow(page, 'Jonas Becker')).toBe(200);

    // The invited colleague sets a password and enrols an authenticator at the first login.
    const colleague = await site.open({ javaScript: true });
    expect(await visit(colleague, await linkFromMail('jonas.becker@erkelenz.example', '/einladung'))).toBe(200);
    await colleague.getByLabel('Neues Passwort').fill('Jonas arbeitet im Rathaus');
    await colleague.getByLabel('Passwort wiederholen').fill('Jonas arbeitet im Rathaus');
    expect(await submit(colleague, 'Passwort speichern')).toBe(200);
    expect(await logIn(colleague, 'jonas.becker@erkelenz.example', 'Jonas arbeitet im Rathaus')).toBe(200);
    expect(await colleague.getByRole('heading', { level: 1 }).textContent()).toBe('Zweiten Faktor einrichten');
    const secret = await colleague.locator('[data-secret]').getAttribute('data-secret');
    await colleague.getByLabel('Sicherheitscode').fill(await generate({ secret: secret! }));
    expect(await submit(colleague, 'Bestätigen')).toBe(200);
    expect(await colleague.getByRole('heading', { level: 1 }).textContent()).toBe('Ihre Wiederherstellungscodes');
    expect(await colleague.locator('[data-recovery-code]').count()).toBe(10);
    expect(await follow(colleague, 'Ich habe die Codes notiert – weiter zur Verwaltung')).toBe(200);
    expect(await colleague.getByText('Redaktion').count()).toBeGreaterThanOrEqual(1);

    // The administrator finds the colleague's first steps in the audit log, in words, and a mistyped day is explained.
    expect(await visit(page, '/verwaltung')).toBe(200);
    expect(await follow(page, 'Protokoll')).toBe(200);
    await page.getByLabel('Person').fill('jonas.becker@erkelenz.example');
    expect(await submit(page, 'Anzeigen')).toBe(200);
    const table = page.getByRole('table');
    expect(await table.getByText('Zweiten Faktor eingerichtet').count()).toBe(1);
    expect(await table.getByRole('row', { name: /Dienstlich angemeldet/ }).getByRole('cell', { name: 'Jonas Becker', exact: true }).count()).toBe(2);
  });

  it('12.22 filters the audit log by German dates in fields that hold them, and by an action chosen from a list', async () => {
    const admin = await buildStaff(site.platform.ctx, [{ role: 'administrator' }], { display_name: 'Ada Admin' });
    const page = await site.open({ javaScript: false });
    await logInStaff(page, admin);
    expect(await visit(page, '/verwaltung/protokoll')).toBe(200);
    const from = page.getByLabel('Von');
    expect(await from.getAttribute('inputmode')).toBe('numeric');
    await from.fill('01.12.2026');
    // The whole date is visible: the field does not scroll its text.
    expect(await from.evaluate((input: HTMLInputElement) => input.scrollWidth <= input.clientWidth)).toBe(true);
    // A month back, typed short (1.11.26), and today in full (01.12.2026).
    const day = (date: Date, options: Intl.DateTimeFormatOptions) => date.toLocaleDateString('de-DE', { timeZone: 'Europe/Berlin', ...options });
    const monthAgo = new Date(Date.now() - 30 * 86_400_000);
    await from.fill(day(monthAgo, { day: 'numeric', month: 'numeric', year: '2-digit' }));
    await page.getByLabel('Bis').fill(day(new Date(), { day: '2-digit', month: '2-digit', year: 'numeric' }));
    await page.getByLabel('Art der Handlung').selectOption({ label: 'Dienstlich angemeldet' });
    expect(await submit(page, 'Anzeigen')).toBe(200);
    expect(await page.getByLabel('Von').inputValue()).toBe(day(monthAgo, { day: '2-digit', month: '2-digit', year: 'numeric' }));
    expect(await page.getByRole('table').getByRole('cell', { name: 'Ada Admin', exact: true }).count()).toBeGreaterThanOrEqual(2);
    await page.getByLabel('Von').fill('31.02.2026');
    expect(await submit(page, 'Anzeigen')).toBe(400);
    expect(await page.getByRole('alert').getByRole('link', { name: 'Den 31.02.2026 gibt es nicht: Der Februar 2026 hat 28 Tage.' }).count()).toBe(1);
  });
});

describe('pages before login', () => {
  it.each(['/anmelden', '/registrieren', '/passwort-vergessen', '/registrieren/erneut-senden', '/anmelden?lang=en'])('%s is accessible, valid and quiet', async (path) => {
    const page = await site.open({ javaScript: false });
    expect(await visit(page, path)).toBe(200);
  });

  it('shows the confirmation link’s button page, and a used link leads to the sign-in', async () => {
    const { user } = await buildCitizen(site.platform.ctx, { email_verified_at: null });
    const page = await site.open({ javaScript: false });
    await visit(page, '/registrieren/erneut-senden');
    await page.getByLabel('E-Mail-Adresse').fill(user.email!);
    expect(await submit(page, 'Erneut senden')).toBe(200);
    const link = await linkFromMail(user.email!, '/registrieren/bestaetigen');
    expect(await visit(page, link)).toBe(200);
    expect(await submit(page, 'E-Mail-Adresse bestätigen')).toBe(200);
    expect(await visit(page, link)).toBe(200);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Ihre E-Mail-Adresse ist bereits bestätigt');
    expect(await page.locator('main').getByRole('link', { name: 'Anmelden' }).getAttribute('href')).toBe('/anmelden');
  });

  it('tells a visitor with an expired link what to do', async () => {
    const page = await site.open({ javaScript: false });
    expect(await visit(page, '/passwort-neu?token=abgelaufen')).toBe(410);
    expect(await page.getByText('Dieser Link ist abgelaufen oder wurde schon benutzt.').count()).toBe(1);
  });
});
