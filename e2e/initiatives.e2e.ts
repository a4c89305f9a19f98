import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildCitizen, buildStaff } from '#modules/accounts/test/builders.ts';
import { buildEvent, buildInitiative, buildMaintainer } from '#modules/initiatives/test/builders.ts';
import { calendar, startFeedServer, type FeedServer } from '#modules/initiatives/feeds/test/server.ts';
import { moderator, resourceKeeper } from '#modules/initiatives/permissions.ts';
import { declarations, publishDeclaration } from '#modules/opendata/service.declared.ts';
import { publishedOffice } from '#modules/catalog/index.ts';
import { bothWays, follow, logIn, logInStaff, startSite, submit, visit, type Site } from './harness.ts';

/*
 * Journey 8, with and without JavaScript: a repair café proposes itself and confirms by e-mail, a moderator
 * asks back once and publishes it, the café asks for a room the city keeps ready, its maintainer enters its
 * iCalendar feed through the link mailed to them, and its dates appear in the shared calendar (filtered by
 * district and domain), in the calendar's feed and as open data. Every page is checked (axe, valid HTML, no
 * console or CSP errors).
 */
let site: Site;
let feeds: FeedServer;

beforeAll(async () => {
  feeds = await startFeedServer();
  site = await startSite({ DEMO_DATA: 'true', OUTBOUND_ALLOW_HOSTS: `127.0.0.1:${feeds.port}` });
});
afterAll(async () => {
  await site?.close();
  await feeds?.close();
});

/** The path of the first link to this site in the newest mail to the address. */
function mailedPath(address: string, pattern: RegExp): string {
  const text = site.platform.smtp.lastTo(address)?.text ?? '';
  const found = new RegExp(`https?://[^\\s/]+(${pattern.source}[^\\s]*)`).exec(text);
  if (!found) throw new Error(`No link ${pattern} in the mail to ${address}: ${text}`);
  return found[1]!;
}

/** A repair café's feed: a monthly Saturday morning in Gerderath, starting next week, in Berlin time. */
function repairFeed(title: string): string {
  const first = new Date(Date.now() + 7 * 86_400_000);
  const day = first.toISOString().slice(0, 10).replaceAll('-', '');
  return calendar(
    [
      'BEGIN:VEVENT',
      `UID:repair-${day}@repair.example`,
      'DTSTAMP:20261201T090000Z',
      `DTSTART;TZID=Europe/Berlin:${day}T100000`,
      `DTEND;TZID=Europe/Berlin:${day}T130000`,
      'RRULE:FREQ=MONTHLY;COUNT=6',
      `SUMMARY:${title}`,
      'LOCATION:Pfarrheim Gerderath',
      'END:VEVENT',
    ].join('\r\n'),
  );
}

const logoText = 'Logo des Repair-Cafés: ein Schraubenschlüssel in einem Herz';
const logoImage = () => sharp({ create: { width: 120, height: 80, channels: 3, background: '#2e7d32' } }).png().toBuffer();

async function moderatorPage(javaScript: boolean): Promise<Page> {
  const staff = await buildStaff(site.platform.ctx, [{ role: moderator }]);
  const page = await site.open({ javaScript });
  await logInStaff(page, staff);
  return page;
}

describe.each(bothWays)('a repair café joins the hub $how', ({ javaScript, how }) => {
  it('proposes, is asked back and published, asks for a room, and its feed fills the shared calendar and the open data', { timeout: 300_000 }, async () => {
    const name = `Repair-Café Gerderath ${how}`;
    const proposer = `repair-${javaScript ? 'js' : 'plain'}@example.org`;
    const citizen = await site.open({ javaScript });

    // Proposing, from the directory.
    expect(await visit(citizen, '/initiativen')).toBe(200);
    expect(await follow(citizen, 'Initiative vorschlagen')).toBe(200);
    await citizen.getByLabel('Name der Initiative').fill(name);
    await citizen.getByLabel('Kurzbeschreibung').fill('Wir reparieren gemeinsam Toaster, Lampen und Fahrräder, statt sie wegzuwerfen.');
    await citizen.getByRole('group', { name: 'Wer steht dahinter?' }).getByLabel('Gruppe oder Netzwerk').check();
    await citizen.getByRole('group', { name: 'Bereiche' }).getByLabel('Klimaschutz').check();
    await citizen.getByRole('group', { name: 'Bereiche' }).getByLabel('Umwelt').check();
    await citizen.getByRole('group', { name: 'Stadtbezirke' }).getByLabel('Gerderath').check();
    await citizen.getByRole('group', { name: 'Barrierefreiheit' }).getByLabel('Stufenloser Zugang').check();
    // The place: with JavaScript a click on the map writes it into the fields, without it they are typed.
    if (javaScript) {
      await citizen.locator('#vorschlag-karte').click({ position: { x: 160, y: 120 } });
      expect(await citizen.getByLabel('Breitengrad').inputValue()).toMatch(/^5\d\.\d{6}$/);
      expect(await citizen.getByLabel('Längengrad').inputValue()).toMatch(/^\d\.\d{6}$/);
    } else {
      await citizen.getByLabel('Breitengrad').fill('51,0794');
      await citizen.getByLabel('Längengrad').fill('6,3150');
    }
    await citizen.getByLabel(/^Logo\b/).setInputFiles({ name: 'repair-cafe.png', mimeType: 'image/png', buffer: await logoImage() });
    await citizen.getByLabel('Beschreibung des Logos').fill(logoText);
    await citizen.getByLabel('Ihr Name').fill('Rita Reparatur');
    await citizen.getByLabel('Ihre E-Mail-Adresse').fill(proposer);
    await citizen.getByLabel(/Ich bin damit einverstanden/).check();
    expect(await submit(citizen, 'Vorschlag senden')).toBe(200);

    // Confirming the address by the mailed link: the page asks, its button confirms.
    await site.platform.runJobs();
    expect(await visit(citizen, mailedPath(proposer, /\/initiativen\/vorschlag\/.+\/bestaetigen\//))).toBe(200);
    expect(await submit(citizen, 'Ja, Vorschlag bestätigen')).toBe(200);

    // The moderator finds it waiting and asks back once.
    const staff = await moderatorPage(javaScript);
    expect(await visit(staff, '/verwaltung/initiativen')).toBe(200);
    expect(await staff.getByText(/wartet seit|heute/).count()).toBeGreaterThanOrEqual(1);
    expect(await follow(staff, name)).toBe(200);
    await staff.getByLabel('Rückfrage', { exact: true }).fill('Wo treffen Sie sich genau, und ist der Raum stufenlos erreichbar?');
    expect(await submit(staff, 'Rückfrage senden')).toBe(200);

    await site.platform.runJobs();
    expect(await visit(citizen, mailedPath(proposer, /\/initiativen\/vorschlag\/.+\/antworten\//))).toBe(200);
    await citizen.getByLabel('Ihre Antwort').fill('Im Pfarrheim Gerderath, ebenerdig mit Rampe.');
    expect(await submit(citizen, 'Antwort senden')).toBe(200);

    expect(await visit(staff, '/verwaltung/initiativen')).toBe(200);
    expect(await follow(staff, name)).toBe(200);
    expect(await staff.getByText('Im Pfarrheim Gerderath, ebenerdig mit Rampe.').count()).toBeGreaterThanOrEqual(1);
    expect(await submit(staff, 'Veröffentlichen')).toBe(200);
    // Nothing held back from any feed yet; the page says so.
    expect(await visit(staff, '/verwaltung/initiativen/termine-zurueckgehalten')).toBe(200);

    // Public now, in the directory filtered by district and domain.
    expect(await visit(citizen, '/initiativen?bereich=klimaschutz&bezirk=gerderath')).toBe(200);
    // From the list (with JavaScript, the map beside it has a marker of the same name).
    expect(await follow(citizen, name, citizen.locator('li.initiatives-card'))).toBe(200);
    const entryPath = new URL(citizen.url()).pathname;
    const logo = citizen.getByRole('img', { name: logoText });
    expect(await logo.count()).toBe(1);
    // The image itself arrived (a broken one has no natural width).
    expect(await logo.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(120);

    // A room the city keeps ready, asked for with the short form; the owning office hears of it.
    expect(await visit(citizen, '/initiativen/ressourcen')).toBe(200);
    expect(await follow(citizen, 'Besprechungsraum im Alten Rathaus (Demo)')).toBe(200);
    await citizen.locator('select[name="initiative"]').selectOption({ label: name });
    await citizen.getByLabel('Ihr Name').fill('Rita Reparatur');
    await citizen.getByLabel('E-Mail-Adresse').fill(proposer);
    await citizen.getByLabel('Ihre Anfrage').fill('Wir suchen für unser Repair-Café einmal im Monat samstags einen Raum für 20 Personen.');
    expect(await submit(citizen, 'Anfrage senden')).toBe(200);
    expect(await citizen.getByRole('heading', { name: 'Anfrage gesendet' }).count()).toBe(1);
    const reference = /R-[0-9A-Z-]+/.exec(await citizen.locator('main').innerText())?.[0];
    expect(reference).toBeDefined();
    await site.platform.runJobs();
    const office = await publishedOffice(site.platform.ctx, 'buergerbuero');
    expect(site.platform.smtp.lastTo(office!.content.email)?.text).toContain(reference!);

    // The office's keeper reads the request and says yes; the answer reaches the café.
    const keeper = await buildStaff(site.platform.ctx, [{ role: resourceKeeper, scopeKind: 'office', scopeId: office!.id }]);
    const keeperPage = await site.open({ javaScript });
    await logInStaff(keeperPage, keeper);
    expect(await visit(keeperPage, '/verwaltung/initiativen/anfragen')).toBe(200);
    expect(await follow(keeperPage, reference!)).toBe(200);
    await keeperPage.getByRole('group', { name: 'Entscheidung' }).getByLabel('Zugesagt').check();
    await keeperPage.getByLabel('Antwort', { exact: true }).fill('Gern, der Raum ist am ersten Samstag im Monat frei. Den Schlüssel gibt es im Bürgerbüro.');
    expect(await submit(keeperPage, 'Antwort senden')).toBe(200);
    await site.platform.runJobs();
    expect(site.platform.smtp.lastTo(proposer)?.text).toContain('Den Schlüssel gibt es im Bürgerbüro.');

    // The maintainer (the proposer) enters the café's feed through the link mailed to them.
    const title = `Reparatur-Samstag ${how}`;
    feeds.set(`/repair-${javaScript ? 'js' : 'plain'}.ics`, { body: repairFeed(title) });
    expect(await visit(citizen, entryPath)).toBe(200);
    expect(await follow(citizen, 'Sie betreuen diesen Eintrag? Eintrag pflegen')).toBe(200);
    await citizen.getByLabel('Ihre E-Mail-Adresse').fill(proposer);
    expect(await submit(citizen, 'Link zusenden')).toBe(200);
    await site.platform.runJobs();
    expect(await visit(citizen, mailedPath(proposer, /\/initiativen\/pflegen\//))).toBe(200);
    expect(await submit(citizen, 'Eintrag öffnen')).toBe(200);
    // The form for an event entered by hand is there too (checked like every page).
    const maintained = new URL(citizen.url()).pathname;
    expect(await follow(citizen, 'Termin hinzufügen')).toBe(200);
    expect(await visit(citizen, maintained)).toBe(200);
    await citizen.getByLabel('Adresse des Feeds').fill(`${feeds.url}/repair-${javaScript ? 'js' : 'plain'}.ics`);
    expect(await submit(citizen, 'Feed eintragen')).toBe(200);
    await site.platform.runJobs();
    expect(await visit(citizen, new URL(citizen.url()).pathname)).toBe(200);
    // One series taken over from the feed (six dates), nothing held back.
    const feedRow = citizen.getByRole('row').filter({ hasText: `repair-${javaScript ? 'js' : 'plain'}.ics` });
    expect(await feedRow.getByRole('cell', { name: '1', exact: true }).count()).toBe(1);
    expect(await feedRow.getByRole('cell', { name: '0', exact: true }).count()).toBe(1);

    // The shared calendar: there in Gerderath for climate protection, not in Lövenich.
    expect(await visit(citizen, '/initiativen/kalender?bereich=klimaschutz&bezirk=gerderath')).toBe(200);
    expect(await citizen.getByRole('link', { name: title }).count()).toBeGreaterThanOrEqual(1);
    expect(await follow(citizen, title)).toBe(200);
    expect(await citizen.getByText('Pfarrheim Gerderath').count()).toBeGreaterThanOrEqual(1);
    expect(await visit(citizen, '/initiativen/kalender?bereich=klimaschutz&bezirk=loevenich')).toBe(200);
    expect(await citizen.getByRole('link', { name: title }).count()).toBe(0);
    const ics = await citizen.request.get('/initiativen/kalender.ics?bezirk=gerderath');
    expect(await ics.text()).toContain(`SUMMARY:${title}`);

    // And as open data, once the hourly refresh has run.
    await publishDeclaration(site.platform.ctx, declarations(site.platform.ctx).find((one) => one.id === 'initiatives.events')!);
    await site.platform.runJobs();
    const api = async <T,>(action: string, query: Record<string, string>) => ((await (await citizen.request.get(`/api/3/action/${action}?${new URLSearchParams(query)}`)).json()) as { success: boolean; result: T });
    const dataset = await api<{ resources: { id: string }[] }>('package_show', { id: 'initiatives-events' });
    expect(dataset.success).toBe(true);
    const rows = await api<{ total: number; records: { title: string; district: string }[] }>('datastore_search', { resource_id: dataset.result.resources[0]!.id, q: title });
    expect(rows.result.records.filter((row) => row.title === title)).toHaveLength(6);
    expect(rows.result.records[0]!.district).toBe('02');
  });
});

describe('a maintainer with an account', () => {
  it('finds the entry under “Meine Initiativen” and changes an event entered by hand', { timeout: 120_000 }, async () => {
    const citizen = await buildCitizen(site.platform.ctx);
    const initiative = await buildInitiative(site.platform.ctx, { name: 'Lauftreff am Konto' });
    await buildMaintainer(site.platform.ctx, initiative.id, { user_id: citizen.user.id, email: citizen.user.email });
    await buildEvent(site.platform.ctx, initiative.id, { title: 'Lauf am Abend' });
    const page = await site.open({ javaScript: false });
    expect(await logIn(page, citizen.user.email!, citizen.password)).toBe(200);
    expect(await visit(page, '/konto/initiativen')).toBe(200);
    expect(await follow(page, 'Lauftreff am Konto')).toBe(200);
    expect(await follow(page, '„Lauf am Abend“ bearbeiten oder absagen')).toBe(200);
    await page.getByLabel('Titel').fill('Lauf am Abend mit Dehnen');
    expect(await submit(page, 'Termin speichern')).toBe(200);
    expect(await page.getByText('Lauf am Abend mit Dehnen').count()).toBeGreaterThanOrEqual(1);
  });
});
