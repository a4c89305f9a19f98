import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStaff, signInStaff } from '#modules/accounts/test/builders.ts';
import { htmlProblems } from '#test/html-validity.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { dataPublisher } from './permissions.ts';
import { opendataDb } from './repo.ts';

let platform: TestPlatform;
let publisher: FormClient;
let stranger: FormClient;

async function publisherOf(organizationId: string): Promise<FormClient> {
  const staff = await buildStaff(platform.ctx, [{ role: dataPublisher, scopeKind: 'data-organization', scopeId: organizationId }]);
  const client = new FormClient(platform.app);
  await signInStaff(client, staff);
  return client;
}

const form = {
  title: 'Parkplätze in der Innenstadt',
  name: 'parkplaetze',
  organization: 'tiefbau',
  description: 'Öffentliche Parkplätze mit Zahl der Stellplätze.',
  keywords: 'Parken, Verkehr',
  themes: 'TRAN',
  licence: 'dl-by-de/2.0',
  frequency: 'ANNUAL',
  spatial: '05370004',
  contactEmail: 'tiefbau@erkelenz.example',
};

/** Posts the upload form as a browser does: multipart, the CSRF token and the form's key beside the file. */
async function upload(client: FormClient, path: string, file: { name: string; type: string; content: Buffer }) {
  const page = await client.get(path);
  const key = /name="_formKey" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const boundary = `----daten${randomBytes(8).toString('hex')}`;
  const fields = Object.entries({ _csrf: client.csrfToken(), _formKey: key, note: 'Stand 2026' }).map(([name, value]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  const payload = Buffer.concat([
    ...fields,
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  const response = await platform.app.inject({ method: 'POST', url: `${path}/versionen`, payload, remoteAddress: client.remoteAddress, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie } });
  return { status: response.statusCode, body: response.body, location: response.headers.location };
}

beforeAll(async () => {
  platform = await createTestPlatform();
  const db = opendataDb(platform.ctx.db);
  const [tiefbau, other] = await db
    .insertInto('opendata_organizations')
    .values([
      { name: 'tiefbau', title: 'Tiefbauamt', title_en: null, description_en: null, email: null, url: null },
      { name: 'schulamt', title: 'Schulamt', title_en: null, description_en: null, email: null, url: null },
    ])
    .returning('id')
    .execute();
  publisher = await publisherOf(tiefbau!.id);
  stranger = await publisherOf(other!.id);
});
afterAll(async () => {
  await platform.close();
});

describe('the publishers’ pages', () => {
  let resourcePath = '';

  it('creates a dataset as a draft, refusing bad input at its fields with everything typed kept', async () => {
    const empty = await publisher.get('/verwaltung/daten/neu');
    expect(empty.status).toBe(200);
    expect(await htmlProblems('/verwaltung/daten/neu', empty.body)).toEqual([]);
    expect(empty.body).toContain('>05370004</textarea>');
    expect(empty.body).toContain('Datenlizenz Deutschland – Namensnennung – Version 2.0');
    expect(empty.body).not.toContain('value="cc-by-nc/4.0"');

    const email = await publisher.post('/verwaltung/daten/neu', { ...form, contactEmail: 'kein-at-zeichen' });
    expect(email.status).toBe(422);
    expect(email.body).toContain('value="kein-at-zeichen"');
    expect(email.body).toMatch(/id="contactEmail-error"/);

    const bad = await publisher.post('/verwaltung/daten/neu', { ...form, name: 'Parkplätze!' });
    expect(bad.status).toBe(422);
    expect(bad.body).toContain('Bitte geben Sie einen Kurznamen aus 2 bis 100 Kleinbuchstaben');
    expect(bad.body).toContain('value="Parkplätze in der Innenstadt"');
    expect(bad.body).toContain('value="Parkplätze!"');
    expect(bad.body).toContain('Öffentliche Parkplätze mit Zahl der Stellplätze.');
    expect(bad.body).toContain('error-summary');
    expect(await htmlProblems('/verwaltung/daten/neu', bad.body)).toEqual([]);

    const period = await publisher.post('/verwaltung/daten/neu', { ...form, temporalStart: '01.05.2026', temporalEnd: '01.01.2026' });
    expect(period.status).toBe(422);
    expect(period.body).toContain('Das Ende des Zeitraums darf nicht vor seinem Beginn liegen.');

    const made = await publisher.post('/verwaltung/daten/neu', form);
    expect(made.status).toBe(303);
    expect(made.location).toBe('/verwaltung/daten/parkplaetze?notice=created');
    const row = await opendataDb(platform.ctx.db).selectFrom('opendata_datasets').selectAll().where('name', '=', 'parkplaetze').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'draft', keywords: ['Parken', 'Verkehr'], themes: ['TRAN'], spatial: ['05370004'] });

    const list = await publisher.get('/verwaltung/daten');
    expect(list.body).toContain('Parkplätze in der Innenstadt');
    expect(list.body).toContain('Entwurf');
    // A dataset without files yet scores below the others: it needs work, and the list says how much.
    expect(list.body).toMatch(/Qualität[\s\S]*\d+ von 405 Punkten/);
    expect(await htmlProblems('/verwaltung/daten', list.body)).toEqual([]);
  });

  it('edits and publishes; a publisher of another organisation finds nothing', async () => {
    const edit = await publisher.get('/verwaltung/daten/parkplaetze/bearbeiten');
    expect(edit.body).toMatch(/>Parken(, |\n)Verkehr<\/textarea>/);
    const changed = await publisher.post('/verwaltung/daten/parkplaetze/bearbeiten', { ...form, title: 'Parkplätze' });
    expect(changed.location).toBe('/verwaltung/daten/parkplaetze?notice=changed');
    await publisher.get('/verwaltung/daten/parkplaetze');
    const published = await publisher.post('/verwaltung/daten/parkplaetze/status/veroeffentlichen', {});
    expect(published.status).toBe(303);
    expect((await opendataDb(platform.ctx.db).selectFrom('opendata_datasets').select('state').where('name', '=', 'parkplaetze').executeTakeFirstOrThrow()).state).toBe('active');

    expect((await stranger.get('/verwaltung/daten/parkplaetze')).status).toBe(404);
    expect((await stranger.get('/verwaltung/daten/parkplaetze/bearbeiten')).status).toBe(404);
    expect((await stranger.get('/verwaltung/daten')).body).not.toContain('Parkplätze');
    await stranger.get('/verwaltung/daten');
    expect((await stranger.post('/verwaltung/daten/parkplaetze/status/zurueckziehen', {})).status).toBe(404);
    expect((await new FormClient(platform.app).get('/verwaltung/daten')).status).toBe(303);
  });

  it('adds a resource, takes a CSV, loads it with the jobs and shows the version as loaded', async () => {
    await publisher.get('/verwaltung/daten/parkplaetze/ressourcen/neu');
    const added = await publisher.post('/verwaltung/daten/parkplaetze/ressourcen/neu', { title: 'Parkplätze', format: 'CSV', description: '' });
    expect(added.status).toBe(303);
    resourcePath = added.location!.replace(/\?.*$/, '');
    const sent = await upload(publisher, resourcePath, { name: 'parkplaetze.csv', type: 'text/csv', content: Buffer.from('ort,stellplaetze\nMarkt,40\nBahnhof,120\n') });
    expect(sent.status).toBe(303);
    expect(sent.location).toBe(`${resourcePath}/versionen/1`);
    const waiting = await publisher.get(sent.location!);
    expect(waiting.body).toContain('Empfangen');
    expect(waiting.body).toContain('Aktualisieren');
    expect(JSON.parse((await publisher.get(`${sent.location!}/stand`)).body)).toMatchObject({ status: 'received', finished: false });
    await platform.runJobs();
    const done = await publisher.get(sent.location!);
    expect(done.body).toContain('Geladen');
    expect(done.body).toContain('Fertig: 2 Zeilen sind geladen');
    expect(await htmlProblems(sent.location!, done.body)).toEqual([]);
    expect(JSON.parse((await publisher.get(`${sent.location!}/stand`)).body)).toMatchObject({ status: 'loaded', rowCount: 2, finished: true });
    expect((await stranger.get(sent.location!)).status).toBe(404);
  });

  it('shows the problems of a bad CSV, and refuses a file of the wrong kind with 415', async () => {
    const sent = await upload(publisher, resourcePath, { name: 'kaputt.csv', type: 'text/csv', content: Buffer.from('ort,stellplaetze\nMarkt,40\nBahnhof,viele,zu,viel\n') });
    expect(sent.status).toBe(303);
    await platform.runJobs();
    const report = await publisher.get(sent.location!);
    expect(report.body).toContain('Fehlerhaft');
    expect(report.body).toMatch(/Probleme? gefunden/);
    expect(report.body).toContain('<th scope="col">Zeile</th>');
    expect(await htmlProblems(sent.location!, report.body)).toEqual([]);

    const pdf = await upload(publisher, resourcePath, { name: 'plan.pdf', type: 'application/pdf', content: Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n') });
    expect(pdf.status).toBe(415);
    expect(pdf.body).toContain('Die Datei passt nicht zum Format CSV');
    const gif = await upload(publisher, resourcePath, { name: 'bild.csv', type: 'text/csv', content: Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1') });
    expect(gif.status).toBe(415);
  });

  it('edits the data dictionary of a loaded table', async () => {
    const page = await publisher.get(resourcePath);
    expect(page.body).toContain('Spalte stellplaetze');
    const saved = await publisher.post(`${resourcePath}/datenlexikon`, { column1Name: 'ort', column1Title: 'Ort', column1Description: 'Lage des Parkplatzes', column1Unit: '', column2Name: 'stellplaetze', column2Title: 'Stellplätze', column2Description: '', column2Unit: 'Anzahl' });
    expect(saved.status).toBe(303);
    const resourceId = resourcePath.split('/').pop()!;
    const row = await opendataDb(platform.ctx.db).selectFrom('opendata_resources').select('table_schema').where('id', '=', resourceId).executeTakeFirstOrThrow();
    expect(row.table_schema!.fields.map((field) => [field.name, field.title, field.unit])).toEqual([
      ['ort', 'Ort', undefined],
      ['stellplaetze', 'Stellplätze', 'Anzahl'],
    ]);
  });

  it('deletes after asking on a page of its own', async () => {
    const ask = await publisher.get('/verwaltung/daten/parkplaetze/loeschen');
    expect(ask.body).toContain('Ja, löschen');
    expect(await htmlProblems('/verwaltung/daten/parkplaetze/loeschen', ask.body)).toEqual([]);
    const gone = await publisher.post('/verwaltung/daten/parkplaetze/loeschen', {});
    expect(gone.location).toBe('/verwaltung/daten?notice=deleted');
    expect((await publisher.get('/verwaltung/daten/parkplaetze')).status).toBe(404);
  });
});
