import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { catalogDb, findEntry, historyOf } from './repo.ts';
import { serviceFormValues } from './forms.service.ts';
import type { ServiceContent } from './schemas.content.ts';
import { buildOffice, buildService, buildSituation, serviceContent } from './test/builders.ts';
import { citizenClient, staffClient } from './test/staff.ts';

let platform: TestPlatform;
let editor: Awaited<ReturnType<typeof staffClient>>;

beforeAll(async () => {
  platform = await createTestPlatform();
  editor = await staffClient(platform, 'editor');
});
afterAll(async () => {
  await platform.close();
});

const countEntries = async () => Number((await platform.ctx.db.withTables<{ catalog_entries: { id: string } }>().selectFrom('catalog_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const idFrom = (location: string | undefined) => /\/([0-9a-f-]{36})\?notice=/.exec(location ?? '')?.[1];
/** Form fields as FormClient posts them; a one-element list (one ticked checkbox) becomes its single value. */
const asForm = (values: Record<string, string | string[] | undefined>) =>
  Object.fromEntries(Object.entries(values).flatMap(([name, value]) => (typeof value === 'string' ? [[name, value]] : value?.length === 1 ? [[name, value[0]!]] : []))) as Record<string, string>;

async function auditActions(subjectId: string) {
  const rows = await platform.ctx.db.selectFrom('audit_log').select(['action', 'actor_id']).where('subject_id', '=', subjectId).orderBy('id').execute();
  return rows;
}

describe('who may edit the catalogue', () => {
  it('sends visitors to the login and refuses citizens and staff without the editor role', async () => {
    const service = await buildService(platform.ctx);
    const visitor = new FormClient(platform.app);
    expect((await visitor.get('/verwaltung/katalog')).location).toBe('/anmelden?notice=session-ended&next=%2Fverwaltung%2Fkatalog');
    expect((await visitor.get(`/verwaltung/katalog/leistungen/${service.id}/vorschau`)).location).toContain('/anmelden');
    await visitor.get('/barrierefreiheit');
    const anonymousPost = await visitor.post(`/verwaltung/katalog/leistungen/${service.id}/zurueckziehen`, {});
    expect(anonymousPost.status).toBe(401);

    const citizen = await citizenClient(platform);
    expect((await citizen.client.get('/verwaltung/katalog')).status).toBe(403);
    const colleague = await staffClient(platform);
    expect((await colleague.client.get('/verwaltung/katalog')).status).toBe(403);
    expect((await colleague.client.get('/verwaltung/katalog/leistungen/neu')).status).toBe(403);
    await colleague.client.get('/barrierefreiheit');
    const forged = await colleague.client.post(`/verwaltung/katalog/leistungen/${service.id}/zurueckziehen`, {});
    expect(forged.status).toBe(403);
    expect((await findEntry(catalogDb(platform.ctx.db), service.id))?.published).not.toBeNull();
  });

  it('shows editors the way to the catalogue on the back office start page, and others not', async () => {
    expect((await editor.client.get('/verwaltung')).body).toContain('href="/verwaltung/katalog"');
    const colleague = await staffClient(platform);
    expect((await colleague.client.get('/verwaltung')).body).not.toContain('href="/verwaltung/katalog"');
  });

  it('answers unknown and malformed ids with 404 and 400', async () => {
    expect((await editor.client.get('/verwaltung/katalog/leistungen/3f2504e0-4f89-41d3-9a0c-0305e82c3301')).status).toBe(404);
    expect((await editor.client.get('/verwaltung/katalog/leistungen/keine-id')).status).toBe(400);
    const office = await buildOffice(platform.ctx);
    // An office is not a service, whatever the address says.
    expect((await editor.client.get(`/verwaltung/katalog/leistungen/${office.id}`)).status).toBe(404);
  });
});

describe('creating a service', () => {
  it('refuses an invalid LeiKa key with a clear message and saves nothing', async () => {
    const office = await buildOffice(platform.ctx);
    const before = await countEntries();
    await editor.client.get('/verwaltung/katalog/leistungen/neu');
    const response = await editor.client.post('/verwaltung/katalog/leistungen/neu', { title: 'Angelkarte', slug: 'angelkarte', leikaKey: '99 1234', officeId: office.id });
    expect(response.status).toBe(422);
    expect(response.body).toContain('Der LeiKa-Schlüssel hat 14 Ziffern und beginnt mit 99, zum Beispiel 99008001012000. Lassen Sie das Feld leer, wenn die Leistung keinen Schlüssel hat.');
    expect(response.body).toMatch(/<title>Fehler: /);
    expect(response.body).toContain('value="Angelkarte"');
    expect(await countEntries()).toBe(before);
  });

  it('refuses an address another service uses', async () => {
    const taken = await buildService(platform.ctx);
    await editor.client.get('/verwaltung/katalog/leistungen/neu');
    const response = await editor.client.post('/verwaltung/katalog/leistungen/neu', { title: 'Doppelt', slug: taken.slug });
    expect(response.status).toBe(422);
    expect(response.body).toContain(`Die Adresse „${taken.slug}“ ist schon vergeben. Bitte wählen Sie eine andere.`);
  });

  it('refuses a title longer than allowed, naming the field', async () => {
    await editor.client.get('/verwaltung/katalog/leistungen/neu');
    const response = await editor.client.post('/verwaltung/katalog/leistungen/neu', { title: 'T'.repeat(161), slug: 'zu-lang' });
    expect(response.status).toBe(422);
    expect(response.body).toContain('„Titel“ darf höchstens 160 Zeichen lang sein; jetzt sind es 161.');
    expect(response.body).toContain('value="zu-lang"');
  });

  it('names the row of a fee and the day of an opening time it cannot read, and shows everything typed again', async () => {
    await editor.client.get('/verwaltung/katalog/leistungen/neu');
    const service = await editor.client.post('/verwaltung/katalog/leistungen/neu', { title: 'Angelkarte', slug: 'angelkarte-gebuehr', fee1Label: 'Jahreskarte', fee1Amount: '25', fee2Label: 'Tageskarte', fee2Amount: 'fünf Euro', fee2LabelEn: 'Day ticket', phoneInstructions: 'Rufen Sie an.' });
    expect(service.status).toBe(422);
    expect(service.body).toContain('Bitte geben Sie bei „Gebühr 2: Betrag“ einen Betrag in Euro an, zum Beispiel 46,00 oder 1.234,50.');
    expect(service.body).toContain('href="#fee2Amount"');
    for (const typed of ['value="fünf Euro"', 'value="Day ticket"', 'value="Jahreskarte"', 'Rufen Sie an.</textarea>']) expect(service.body).toContain(typed);
    await editor.client.get('/verwaltung/katalog/dienststellen/neu');
    const office = await editor.client.post('/verwaltung/katalog/dienststellen/neu', { title: 'Amt', slug: 'amt-zeiten', d3Opens1: 'mittags', d3Closes1: '12:00' });
    expect(office.status).toBe(422);
    expect(office.body).toContain('Bitte geben Sie bei „Mittwoch, Zeitraum 1: öffnet“ eine Uhrzeit an, zum Beispiel 07:30.');
    expect(office.body).toContain('value="mittags"');
  });

  it('creates one entry when the same form is sent twice, and sends both posts to it', async () => {
    const office = await buildOffice(platform.ctx);
    const before = await countEntries();
    const form = (await editor.client.get('/verwaltung/katalog/leistungen/neu')).body;
    const key = /name="_formKey" value="([^"]+)"/.exec(form)?.[1];
    expect(key).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    const posted = { ...asForm(serviceFormValues(serviceContent({ officeId: office.id, slug: 'doppelt-gesendet' }))), _formKey: key! };
    const first = await editor.client.post('/verwaltung/katalog/leistungen/neu', posted);
    const second = await editor.client.post('/verwaltung/katalog/leistungen/neu', posted);
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(second.location).toBe(first.location);
    expect(await countEntries()).toBe(before + 1);
    expect((await auditActions(idFrom(first.location)!)).map((row) => row.action)).toEqual(['catalog.entry-created']);
  });

  it('keeps the key of a refused form, so the corrected form creates the entry once', async () => {
    const form = (await editor.client.get('/verwaltung/katalog/lebenslagen/neu')).body;
    const key = /name="_formKey" value="([^"]+)"/.exec(form)?.[1] ?? '';
    expect(key).not.toBe('');
    const refused = await editor.client.post('/verwaltung/katalog/lebenslagen/neu', { title: 'Schule beginnen', slug: 'Schule!', position: '5', _formKey: key });
    expect(refused.status).toBe(422);
    expect(refused.body).toContain(`name="_formKey" value="${key}"`);
    expect(refused.body).toContain('value="Schule beginnen"');
    const before = await countEntries();
    const corrected = await editor.client.post('/verwaltung/katalog/lebenslagen/neu', { title: 'Schule beginnen', slug: 'schule-beginnen', position: '5', _formKey: key });
    expect(corrected.status).toBe(303);
    expect((await editor.client.post('/verwaltung/katalog/lebenslagen/neu', { title: 'Schule beginnen', slug: 'schule-beginnen', position: '5', _formKey: key })).location).toBe(corrected.location);
    expect(await countEntries()).toBe(before + 1);
  });
});

describe('the publishing workflow', () => {
  it('creates a draft, refuses to publish it incomplete, publishes it complete, and records who did what', async () => {
    const office = await buildOffice(platform.ctx);
    const situation = await buildSituation(platform.ctx);
    const content = serviceContent({ officeId: office.id, lifeSituationIds: [situation.id], documents: [] });
    await editor.client.get('/verwaltung/katalog/leistungen/neu');
    const created = await editor.client.post('/verwaltung/katalog/leistungen/neu', asForm(serviceFormValues(content)));
    const id = idFrom(created.location);
    expect(created.status).toBe(303);
    expect(id).toBeDefined();
    const editPage = await editor.client.get(created.location!);
    expect(editPage.body).toContain('Der Entwurf ist angelegt.');
    expect(editPage.body).toContain('Entwurf');
    expect((await new FormClient(platform.app).get(`/leistungen/${content.slug}`)).status).toBe(404);

    const incomplete = await editor.client.post(`/verwaltung/katalog/leistungen/${id}/veroeffentlichen`, {});
    expect(incomplete.status).toBe(422);
    expect(incomplete.body).toContain('Zum Veröffentlichen fehlt noch „Welche Unterlagen brauche ich?“.');
    expect((await findEntry(catalogDb(platform.ctx.db), id!))?.published).toBeNull();

    const saved = await editor.client.post(`/verwaltung/katalog/leistungen/${id}`, { ...asForm(serviceFormValues({ ...content, documents: ['Personalausweis'] })), revision: '1' });
    expect(saved.location).toBe(`/verwaltung/katalog/leistungen/${id}?notice=saved`);
    await editor.client.get(saved.location!);
    const published = await editor.client.post(`/verwaltung/katalog/leistungen/${id}/veroeffentlichen`, {});
    expect(published.location).toBe(`/verwaltung/katalog/leistungen/${id}?notice=published`);
    const page = await new FormClient(platform.app).get(`/leistungen/${content.slug}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(content.title);
    expect((await new FormClient(platform.app).get(`/lebenslagen/${situation.slug}`)).body).toContain(content.title);

    const history = await historyOf(catalogDb(platform.ctx.db), id!);
    expect(history.map((row) => [row.action, row.revision, row.actor_name])).toEqual([
      ['published', 2, editor.user.display_name],
      ['saved', 2, editor.user.display_name],
      ['created', 1, editor.user.display_name],
    ]);
    expect(history[1]!.changed).toEqual(['documents']);
    const historyPage = await editor.client.get(`/verwaltung/katalog/leistungen/${id}/verlauf`);
    expect(historyPage.body).toContain('Entwurf gespeichert');
    expect(historyPage.body).toContain('Unterlagen');
    expect(await auditActions(id!)).toEqual([
      { action: 'catalog.entry-created', actor_id: editor.user.id },
      { action: 'catalog.entry-saved', actor_id: editor.user.id },
      { action: 'catalog.entry-published', actor_id: editor.user.id },
    ]);
  });

  it('keeps the published version until changes are published, and shows them in the preview', async () => {
    const service = await buildService(platform.ctx, { summary: 'Alte Fassung.' });
    const entry = (await findEntry(catalogDb(platform.ctx.db), service.id))!;
    await editor.client.get(`/verwaltung/katalog/leistungen/${service.id}`);
    const values = asForm(serviceFormValues({ ...(entry.draft as ServiceContent), summary: 'Neue Fassung.' }));
    expect((await editor.client.post(`/verwaltung/katalog/leistungen/${service.id}`, { ...values, revision: '1' })).status).toBe(303);
    expect((await new FormClient(platform.app).get(`/leistungen/${service.slug}`)).body).toContain('Alte Fassung.');
    const preview = await editor.client.get(`/verwaltung/katalog/leistungen/${service.id}/vorschau`);
    expect(preview.body).toContain('Neue Fassung.');
    expect(preview.body).toContain('Vorschau des Entwurfs');
    expect((await editor.client.get('/verwaltung/katalog')).body).toContain('Veröffentlicht, Entwurf geändert');
    await editor.client.get(`/verwaltung/katalog/leistungen/${service.id}`);
    await editor.client.post(`/verwaltung/katalog/leistungen/${service.id}/veroeffentlichen`, {});
    expect((await new FormClient(platform.app).get(`/leistungen/${service.slug}`)).body).toContain('Neue Fassung.');
  });

  it('does not overwrite a colleague’s save made in between', async () => {
    const service = await buildService(platform.ctx);
    const entry = (await findEntry(catalogDb(platform.ctx.db), service.id))!;
    const values = asForm(serviceFormValues(entry.draft as ServiceContent));
    await editor.client.get(`/verwaltung/katalog/leistungen/${service.id}`);
    expect((await editor.client.post(`/verwaltung/katalog/leistungen/${service.id}`, { ...values, summary: 'Erste Änderung.', revision: '1' })).status).toBe(303);
    await editor.client.get(`/verwaltung/katalog/leistungen/${service.id}`);
    const stale = await editor.client.post(`/verwaltung/katalog/leistungen/${service.id}`, { ...values, summary: 'Veraltete Änderung.', revision: '1' });
    expect(stale.status).toBe(409);
    expect(stale.body).toContain('Jemand hat diesen Eintrag gespeichert, während Sie ihn bearbeitet haben.');
    expect(((await findEntry(catalogDb(platform.ctx.db), service.id))!.draft as { summary: string }).summary).toBe('Erste Änderung.');
  });

  it('takes a service off the pages, the search and the API when it is withdrawn', async () => {
    const service = await buildService(platform.ctx, { title: 'Zauberlehrling beantragen' });
    await editor.client.get(`/verwaltung/katalog/leistungen/${service.id}`);
    expect((await editor.client.post(`/verwaltung/katalog/leistungen/${service.id}/zurueckziehen`, {})).location).toBe(`/verwaltung/katalog/leistungen/${service.id}?notice=unpublished`);
    expect((await new FormClient(platform.app).get(`/leistungen/${service.slug}`)).status).toBe(404);
    expect((await platform.app.inject({ method: 'GET', url: `/api/v1/services/${service.slug}` })).statusCode).toBe(404);
    expect((await new FormClient(platform.app).get('/suche?q=Zauberlehrling')).body).toContain('Zu Ihrer Suche haben wir nichts gefunden.');
    expect((await editor.client.get('/verwaltung/katalog')).body).toContain('Zurückgezogen');
  });

  it('refuses to publish a service whose office is not public yet', async () => {
    const office = await buildOffice(platform.ctx, { title: 'Geheimes Amt' }, { publish: false });
    const service = await buildService(platform.ctx, { officeId: office.id }, { publish: false });
    await editor.client.get(`/verwaltung/katalog/leistungen/${service.id}`);
    const response = await editor.client.post(`/verwaltung/katalog/leistungen/${service.id}/veroeffentlichen`, {});
    expect(response.status).toBe(422);
    expect(response.body).toContain('Die zuständige Dienststelle „Geheimes Amt“ ist noch nicht veröffentlicht. Veröffentlichen Sie zuerst die Dienststelle.');
  });
});

describe('offices and life situations', () => {
  it('creates an office with opening hours, refusing an impossible period by name', async () => {
    await editor.client.get('/verwaltung/katalog/dienststellen/neu');
    const form = { title: 'Stadtarchiv', slug: 'stadtarchiv', summary: 'Das Gedächtnis der Stadt.', street: 'Johannismarkt 17', postalCode: '41812', city: 'Erkelenz', phone: '02431 85-0', closedOnHolidays: 'on', stepFree: 'yes' };
    const wrong = await editor.client.post('/verwaltung/katalog/dienststellen/neu', { ...form, d2Opens1: '14:00', d2Closes1: '09:00' });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toContain('Die Öffnungszeit am Dienstag ist unvollständig oder endet vor ihrem Beginn. Schreiben Sie zum Beispiel 07:30 bis 12:30.');
    const created = await editor.client.post('/verwaltung/katalog/dienststellen/neu', { ...form, d2Opens1: '09:00', d2Closes1: '14:00' });
    const id = idFrom(created.location);
    await editor.client.get(created.location!);
    expect((await editor.client.post(`/verwaltung/katalog/dienststellen/${id}/veroeffentlichen`, {})).status).toBe(303);
    const page = await new FormClient(platform.app).get('/dienststellen/stadtarchiv');
    expect(page.body).toContain('09:00–14:00 Uhr');
    expect(page.body).toContain('Stufenloser Zugang');
  });

  it('puts a life situation marked for the home page on the home page once published', async () => {
    await editor.client.get('/verwaltung/katalog/lebenslagen/neu');
    const created = await editor.client.post('/verwaltung/katalog/lebenslagen/neu', { title: 'Ehrenamt beginnen', slug: 'ehrenamt', summary: 'Sich engagieren.', description: 'Wie die Stadt hilft.', showOnHome: 'on', position: '5' });
    const id = idFrom(created.location);
    expect((await new FormClient(platform.app).get('/')).body).not.toContain('Ehrenamt beginnen');
    await editor.client.get(created.location!);
    await editor.client.post(`/verwaltung/katalog/lebenslagen/${id}/veroeffentlichen`, {});
    const home = await new FormClient(platform.app).get('/');
    expect(home.body).toContain('href="/lebenslagen/ehrenamt"');
    expect(home.body).toContain('Was steht bei Ihnen an?');
  });
});

describe('the back office pages', () => {
  it('are valid HTML, forms with errors included', async () => {
    const htmlValidate = new HtmlValidate({ extends: ['html-validate:standard', 'html-validate:a11y', 'html-validate:document'], rules: { 'require-sri': ['error', { target: 'crossorigin' }] } });
    const service = await buildService(platform.ctx, { links: [{ label: 'Bund', url: 'https://verwaltung.bund.de' }] });
    const office = await buildOffice(platform.ctx, { exceptions: [{ date: '2026-12-24', periods: [], note: 'Heiligabend' }] });
    const situation = await buildSituation(platform.ctx);
    const pages = [
      '/verwaltung/katalog',
      '/verwaltung/katalog/leistungen/neu',
      `/verwaltung/katalog/leistungen/${service.id}`,
      `/verwaltung/katalog/leistungen/${service.id}/vorschau`,
      `/verwaltung/katalog/leistungen/${service.id}/verlauf`,
      `/verwaltung/katalog/dienststellen/${office.id}`,
      `/verwaltung/katalog/dienststellen/${office.id}/vorschau`,
      `/verwaltung/katalog/lebenslagen/${situation.id}`,
    ];
    const admin = await staffClient(platform, 'editor', 'administrator');
    pages.push('/verwaltung/katalog/import');
    for (const path of pages) {
      const response = await admin.client.get(path);
      expect(response.status, path).toBe(200);
      const report = await htmlValidate.validateString(response.body);
      expect(report.results.flatMap((result) => result.messages.map((message) => `${message.ruleId}: ${message.message}`)), path).toEqual([]);
    }
    await admin.client.get('/verwaltung/katalog/dienststellen/neu');
    const withErrors = await admin.client.post('/verwaltung/katalog/dienststellen/neu', { title: '', slug: 'Falsch!', d1Opens1: '9', phone: 'x' });
    expect(withErrors.status).toBe(422);
    const report = await htmlValidate.validateString(withErrors.body);
    expect(report.results.flatMap((result) => result.messages.map((message) => `${message.ruleId}: ${message.message}`))).toEqual([]);
  });
});
