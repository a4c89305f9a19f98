import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCitizen, buildStaff, signInStaff } from '#modules/accounts/test/builders.ts';
import { buildOffice } from '#modules/catalog/test/builders.ts';
import { signInCitizen } from '#modules/notify/test/builders.ts';
import { buildStreet } from '#modules/streets/test/builders.ts';
import { htmlProblems } from '#test/html-validity.ts';
import { FormClient } from '#test/http-client.ts';
import { readPdf } from '#test/pdf.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import de from './locales/de.json' with { type: 'json' };
import { checkDefinition } from './definition/check.ts';
import type { FormDefinition } from './definition/schema.ts';
import { jsonErrorOffset, readJson } from './design-json.ts';
import { shippedForms } from './forms/index.ts';
import { applicationsDb } from './repo.forms.ts';
import { answerPages, publishShippedForm, startForm } from './test/builders.ts';
import { problemPlace } from './views/design-words.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const db = () => applicationsDb(platform.ctx.db);
const list = '/verwaltung/formulare';


async function designer() {
  const staff = await buildStaff(platform.ctx, [{ role: 'form-designer' }]);
  const client = new FormClient(platform.app);
  await signInStaff(client, staff);
  return { client, user: staff.user };
}

/** A shipped form as a new form of its own, changed by `change`. */
function definitionFrom(key: string, newKey: string, change: (definition: FormDefinition) => void = () => {}): FormDefinition {
  const definition = structuredClone(shippedForms.find((form) => form.key === key)!);
  definition.key = newKey;
  change(definition);
  return definition;
}

/** Uploads bytes as the file of the upload form, as a browser does. */
async function uploadFile(client: FormClient, content: Buffer, name = 'formular.json', type = 'application/json') {
  await client.get(list);
  return client.postMultipart(list, {}, { file: { name, type, content } });
}

const versionsOf = (key: string) => db().selectFrom('application_form_versions').selectAll().where('form_key', '=', key).orderBy('version').execute();
const versionIdOf = (location: string | undefined) => /\/fassung\/([0-9a-f-]{36})/.exec(location ?? '')![1]!;
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').replace(/ ([,.:)])/g, '$1').replace(/\( /g, '(');

describe('who may design forms', () => {
  it('turns visitors to the sign-in (pages) or away (posts), citizens and other staff with 403, and lets form designers in', async () => {
    const visitor = new FormClient(platform.app);
    const page = await visitor.get(list);
    expect(page.status).toBe(303);
    expect(page.location).toMatch(/^\/anmelden\?/);
    await visitor.get('/');
    expect((await visitor.post(list, { definition: '{}' })).status).toBe(401);

    const citizen = new FormClient(platform.app);
    await signInCitizen(citizen, await buildCitizen(platform.ctx));
    expect((await citizen.get(list)).status).toBe(403);

    const editor = new FormClient(platform.app);
    await signInStaff(editor, await buildStaff(platform.ctx, [{ role: 'editor' }]));
    expect((await editor.get(list)).status).toBe(403);
    const refused = await editor.post(list, { definition: JSON.stringify(definitionFrom('kontakt', 'kontakt-editor')) });
    expect(refused.status).toBe(403);
    expect(await versionsOf('kontakt-editor')).toEqual([]);
    expect((await editor.get('/verwaltung')).body).not.toContain(`href="${list}"`);

    const { client } = await designer();
    expect((await client.get(list)).status).toBe(200);
    expect((await client.get('/verwaltung')).body).toContain(`href="${list}"`);
  });
});

describe('uploading a definition', () => {
  it('checks a file and keeps it as the next draft version with an audit record', async () => {
    const { client, user } = await designer();
    const definition = definitionFrom('sperrmuell', 'sperrmuell-neu');
    const first = await uploadFile(client, Buffer.from(JSON.stringify(definition)));
    expect(first.status).toBe(303);
    expect(first.location).toMatch(/\/fassung\/[0-9a-f-]{36}\?hinweis=hochgeladen$/);
    const page = await client.get(first.location!);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Die Definition ist geprüft und als neuer Entwurf gespeichert.');

    // Pasted as text it is checked the same way and becomes the version after.
    await client.get(list);
    const second = await client.post(list, { definition: JSON.stringify(definition, null, '\t') });
    expect(second.status).toBe(303);
    const rows = await versionsOf('sperrmuell-neu');
    expect(rows.map((row) => [row.version, row.status, row.created_by])).toEqual([
      [1, 'draft', user.id],
      [2, 'draft', user.id],
    ]);
    expect(rows[0]!.definition).toEqual(definition);
    expect(rows[1]!.id).toBe(versionIdOf(second.location));
    const audit = await platform.ctx.db.selectFrom('audit_log').select(['action', 'subject_id', 'actor_id']).where('subject_id', 'in', rows.map((row) => row.id)).execute();
    expect(audit).toEqual(expect.arrayContaining(rows.map((row) => ({ action: 'applications.form-uploaded', subject_id: row.id, actor_id: user.id }))));

    // The list shows the form, not yet published, with both drafts.
    const listPage = await client.get(list);
    expect(await htmlProblems(list, listPage.body)).toEqual([]);
    const listed = textOf(listPage.body);
    expect(listed).toContain('sperrmuell-neu');
    expect(listed).toContain('Noch nicht veröffentlicht');
    expect(listed).toMatch(/Fassung 2, \d\d\.\d\d\.\d{4}, \d\d:\d\d, von Mitarbeiterin/);
  });

  it('lists every problem with its place in words and saves nothing', async () => {
    const { client } = await designer();
    // What the schema allows but the rules do not: a page id twice, a condition on a field that is not there.
    const broken = definitionFrom('hundesteuer-anmeldung', 'hundesteuer-kaputt', (definition) => {
      definition.pages[1]!.id = definition.pages[0]!.id;
      definition.pages.find((page) => page.id === 'permitPage')!.when = { field: 'keinFeld', equals: 'x' };
    });
    const expected = checkDefinition(broken);
    expect(expected.ok).toBe(false);
    const problems = expected.ok ? [] : expected.problems;
    expect(problems.map((problem) => problem.code).sort()).toEqual(['condition-unknown-field', 'page-id-taken']);

    const refused = await uploadFile(client, Buffer.from(JSON.stringify(broken)));
    expect(refused.status).toBe(422);
    const text = textOf(refused.body);
    expect(text).toContain(`Die Definition wurde nicht gespeichert: Sie hat ${problems.length} Probleme`);
    for (const problem of problems) {
      const place = problemPlace(platform.ctx.i18n.getFixedT('de'), broken, problem.path);
      const message = (de.definition.problems as Record<string, string>)[problem.code]!.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(problem.values?.[name]));
      expect(text).toContain(`${place}: ${message}`);
      expect(text).toContain(problem.path === '' ? '/' : problem.path);
    }
    expect(text).toMatch(/Seite 2 \(„[a-zA-Z]+“\), Angabe „id“: Die Seitenkennung „[a-zA-Z]+“ kommt mehrfach vor/);
    expect(text).toMatch(/Seite \d+ \(„permitPage“\), Bedingung, Angabe „field“: Die Bedingung nennt das Feld „keinFeld“/);
    expect(await versionsOf('hundesteuer-kaputt')).toEqual([]);
    expect(await htmlProblems(list, refused.body)).toEqual([]);

    // Text typed into the box comes back with its problems, to be corrected there; here what the schema refuses.
    const unfit = definitionFrom('hundesteuer-anmeldung', 'hundesteuer-kaputt', (definition) => {
      (definition.pages[2]!.fields[0] as { label: unknown }).label = { de: '' };
      delete (definition as Partial<FormDefinition>).minutes;
    });
    await client.get(list);
    const typed = await client.post(list, { definition: JSON.stringify(unfit) });
    expect(typed.status).toBe(422);
    expect(typed.body).toContain('id="definition-error"');
    expect(typed.body).toContain('&quot;hundesteuer-kaputt&quot;');
    const typedText = textOf(typed.body);
    expect(typedText).toContain('Angabe „minutes“: Die Angabe „minutes“ fehlt. (JSON-Pfad /minutes)');
    expect(typedText).toMatch(/Seite 3 \(„[a-zA-Z]+“\), Feld 1 \(„[a-zA-Z]+“\), Angabe „label“, Angabe „de“: Dieser Text darf nicht leer sein\./);
    expect(await versionsOf('hundesteuer-kaputt')).toEqual([]);
  });

  it('refuses a file too large (413), one that is not text (415), and text that is not JSON (422), each in words', async () => {
    const { client } = await designer();
    const before = await db().selectFrom('application_form_versions').select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow();

    const large = await uploadFile(client, Buffer.alloc(1024 * 1024 + 1, 0x20));
    expect(large.status).toBe(413);
    expect(large.body).toContain('Die Definition ist zu groß. Erlaubt sind höchstens 1 MB.');
    expect(large.body).toContain('id="file-error"');

    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const picture = await uploadFile(client, png, 'formular.png', 'image/png');
    expect(picture.status).toBe(415);
    expect(picture.body).toContain('Die Datei ist keine JSON-Datei.');

    const broken = await uploadFile(client, Buffer.from('{\n  "key": "kaputt",\n  "title": { "de": "Kaputt" }\n  "pages": []\n}\n'));
    expect(broken.status).toBe(422);
    expect(broken.body).toContain('Die Definition ist kein gültiges JSON: In Zeile 4, Zeichen 3');

    const empty = await uploadFile(client, Buffer.alloc(0), '');
    expect(empty.status).toBe(422);
    expect(empty.body).toContain('Bitte wählen Sie eine JSON-Datei aus oder fügen Sie die Definition als Text ein.');

    const after = await db().selectFrom('application_form_versions').select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow();
    expect(after.count).toBe(before.count);
  });

  it('finds the place where JSON breaks, whatever V8 names, and takes a byte order mark', () => {
    expect(jsonErrorOffset('{"a": tru}')).toBe(6);
    expect(jsonErrorOffset('{"a":1,}')).toBe(7);
    expect(jsonErrorOffset('[1,2]x')).toBe(5);
    expect(jsonErrorOffset('{"a":[1,{"b":null}],"c":"x\\u00e4"}')).toBe(-1);
    expect(readJson('{\n  "a": 1\n  "b": 2\n}')).toEqual({ ok: false, line: 3, column: 3 });
    expect(readJson('"unterbrochen')).toEqual({ ok: false, line: 1, column: 14 });
    expect(readJson('\uFEFF{"a":true}')).toEqual({ ok: true, value: { a: true } });
    // A million opening brackets are answered, not a stack overflow.
    expect(readJson('['.repeat(1_000_000))).toEqual({ ok: false, line: 1, column: 1_000_001 });
  });
});

describe('previewing a version', () => {
  it('shows each page as citizens see it under a preview banner, names conditions in words, checks a post and keeps nothing', async () => {
    const { client } = await designer();
    const definition = definitionFrom('hundesteuer-anmeldung', 'hundesteuer-vorschau');
    const uploaded = await uploadFile(client, Buffer.from(JSON.stringify(definition)));
    const versionId = versionIdOf(uploaded.location);
    const base = `${list}/fassung/${versionId}`;
    const found: string[] = [];

    const overview = await client.get(base);
    expect(overview.status).toBe(200);
    found.push(...(await htmlProblems(base, overview.body)));
    const permit = definition.pages.find((page) => page.id === 'permitPage')!;
    expect(textOf(overview.body)).toContain('Erscheint nur, wenn bei „');
    for (const page of definition.pages) expect(overview.body).toContain(`${base}/vorschau/${page.id}`);

    for (const page of definition.pages) {
      const url = `${base}/vorschau/${page.id}`;
      const shown = await client.get(url);
      expect(shown.status, url).toBe(200);
      expect(shown.body).toContain('Vorschau von Fassung 1');
      expect(shown.body).toContain(page.title.de);
      expect(shown.body).toContain(`aria-current="page"`);
      found.push(...(await htmlProblems(url, shown.body)));
    }
    const permitPage = textOf((await client.get(`${base}/vorschau/${permit.id}`)).body);
    expect(permitPage).toMatch(/Diese Seite: Erscheint nur, wenn bei „[^“]+“ „[^“]+“/);

    // A post is read like the citizen's, errors said on the page; a good one leads on to the next page.
    const first = definition.pages[0]!;
    await client.get(`${base}/vorschau/${first.id}`);
    const refused = await client.post(`${base}/vorschau/${first.id}`, {});
    expect(refused.status).toBe(422);
    expect(refused.body).toContain('kern-error');
    found.push(...(await htmlProblems(`${base}/vorschau/${first.id} (422)`, refused.body)));
    const kontakt = definitionFrom('kontakt', 'kontakt-vorschau');
    const contactUpload = await uploadFile(client, Buffer.from(JSON.stringify(kontakt)));
    const contactBase = `${list}/fassung/${versionIdOf(contactUpload.location)}`;
    await client.get(`${contactBase}/vorschau/${kontakt.pages[0]!.id}`);
    const onwards = await client.post(`${contactBase}/vorschau/${kontakt.pages[0]!.id}`, { topic: 'question' });
    expect(onwards.status).toBe(303);
    expect(onwards.location).toBe(`${contactBase}/vorschau/${kontakt.pages[1]!.id}`);
    expect(await db().selectFrom('application_drafts').select('id').where('form_version_id', 'in', [versionId, versionIdOf(contactUpload.location)]).execute()).toEqual([]);

    expect(found).toEqual([]);
  });

  it('reads a page with the street register and the form’s procedure, as the citizen’s flow does', async () => {
    const { client } = await designer();
    const unzoned = (await buildStreet(platform.ctx.db, { name: 'Vorschaurain' })).name;
    const zoned = (await buildStreet(platform.ctx.db, { name: 'Vorschauzone', parkingZone: 'C' })).name;
    const uploaded = await uploadFile(client, Buffer.from(JSON.stringify(definitionFrom('bewohnerparkausweis', 'parken-vorschau'))));
    const address = `${list}/fassung/${versionIdOf(uploaded.location)}/vorschau/addressPage`;
    const page = await client.get(address);
    expect(page.body).toContain('name="addressStreet"');
    // The town is the city's, as for the citizen.
    expect(page.body).not.toContain('name="addressTown"');
    const outside = await client.post(address, { addressStreet: unzoned, addressHouseNumber: '3', addressPostcode: '41812' });
    expect(outside.status).toBe(422);
    expect(outside.body).toContain(`Die Straße „${unzoned}“ liegt in keiner Bewohnerparkzone.`);
    const unknown = await client.post(address, { addressStreet: 'Nirgendwostraße', addressHouseNumber: '3', addressPostcode: '41812' });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toContain('Die Straße „Nirgendwostraße“ steht nicht in unserem Straßenverzeichnis.');
    const inside = await client.post(address, { addressStreet: zoned, addressHouseNumber: '3', addressPostcode: '41812' });
    expect(inside.status).toBe(303);
  });

  it('gives the printable form as citizens will print it, with the receiving office in the window', async () => {
    const { client } = await designer();
    await publishShippedForm(platform.ctx, 'kontakt');
    const definition = definitionFrom('kontakt', 'kontakt-druck');
    const uploaded = await uploadFile(client, Buffer.from(JSON.stringify(definition)));
    const pdf = await platform.app.inject({ url: `${list}/fassung/${versionIdOf(uploaded.location)}/formular.pdf`, headers: { cookie: [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ') } });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const read = await readPdf(pdf.rawPayload);
    expect(read.info.Title).toBe(definition.title.de);
    const text = await read.text(1, read.pages);
    expect(text).toContain('Bitte senden Sie das ausgefüllte Formular an:');
    expect(text).toContain('Bürgerbüro kontakt');
    expect(text).toContain('Nur ausfüllen, wenn Sie bei');
  });
});

describe('publishing a version', () => {
  it('retires the published version in one step; new applications start from the new one, a draft of the old keeps it', async () => {
    const published = await publishShippedForm(platform.ctx, 'kontakt');
    const guest = new FormClient(platform.app);
    const oldDraftPage = await startForm(guest, 'kontakt');
    const oldDraftId = /entwurf\/([0-9a-f-]{36})\//.exec(oldDraftPage)![1]!;

    const { client, user } = await designer();
    const changed = definitionFrom('kontakt', 'kontakt', (definition) => {
      definition.title = { ...definition.title, de: 'Kontakt zur Stadt (neu)' };
    });
    const uploaded = await uploadFile(client, Buffer.from(JSON.stringify(changed)));
    const versionId = versionIdOf(uploaded.location);
    const page = await client.get(`${list}/fassung/${versionId}`);
    expect(page.body).toContain('Fassung 1 wird dabei zurückgezogen.');
    const done = await client.post(`${list}/fassung/${versionId}/veroeffentlichen`, {});
    expect(done.status).toBe(303);
    expect((await client.get(done.location!)).body).toContain('Die Fassung ist veröffentlicht.');

    const rows = await versionsOf('kontakt');
    expect(rows.map((row) => [row.id, row.status])).toEqual([
      [published.versionId, 'retired'],
      [versionId, 'published'],
    ]);
    expect(rows[1]!.published_by).toBe(user.id);
    expect(rows[1]!.published_at).not.toBeNull();
    const audit = await platform.ctx.db.selectFrom('audit_log').select(['action', 'actor_id', 'meta']).where('subject_id', '=', versionId).where('action', '=', 'applications.form-published').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_id: user.id, meta: { formKey: 'kontakt', version: 2, retired: 1 } });

    // The list names who published it and when.
    expect(textOf((await client.get(list)).body)).toMatch(new RegExp(`Fassung 2, \\d\\d\\.\\d\\d\\.\\d{4}, \\d\\d:\\d\\d, von ${user.display_name}`));

    // The start page and a new application take the new version at once.
    const citizen = new FormClient(platform.app);
    expect((await citizen.get('/antraege/kontakt')).body).toContain('Kontakt zur Stadt (neu)');
    const newDraftPage = await startForm(citizen, 'kontakt');
    const newDraftId = /entwurf\/([0-9a-f-]{36})\//.exec(newDraftPage)![1]!;
    const drafts = await db().selectFrom('application_drafts').select(['id', 'form_version_id']).where('id', 'in', [oldDraftId, newDraftId]).execute();
    expect(Object.fromEntries(drafts.map((draft) => [draft.id, draft.form_version_id]))).toEqual({ [oldDraftId]: published.versionId, [newDraftId]: versionId });

    // The draft begun before goes on with the old version to a case that keeps it.
    const last = await answerPages(guest, oldDraftPage, [{ topic: 'question' }, { message: 'Frage zur alten Fassung' }, {}, { givenName: 'Erika', familyName: 'Muster' }, { answerBy: 'email' }, { email: 'erika@example.org' }]);
    await guest.get(last.location!);
    const sent = await guest.post(last.location!.replace('/pruefen', '/absenden'), { declared: 'on' });
    expect(sent.status).toBe(303);
    const made = await db().selectFrom('application_cases').select(['form_version_id']).where('draft_id', '=', oldDraftId).executeTakeFirstOrThrow();
    expect(made.form_version_id).toBe(published.versionId);

    // A published version is not published again.
    const again = await client.post(`${list}/fassung/${versionId}/veroeffentlichen`, {});
    expect(again.status).toBe(409);
    expect(again.body).toContain('Nur ein Entwurf kann veröffentlicht werden');
  });

  it('refuses while the catalogue does not publish the service or office the form names, and the draft stays a draft', async () => {
    const { client } = await designer();
    await buildOffice(platform.ctx, { slug: 'amt-im-aufbau', title: 'Amt im Aufbau' }, { publish: false });
    const cases = [
      { key: 'ohne-leistung', change: (definition: FormDefinition) => void (definition.service = 'gibt-es-nicht'), message: 'Die Leistung „gibt-es-nicht“, die das Formular nennt, ist im Katalog nicht veröffentlicht.' },
      { key: 'ohne-amt', change: (definition: FormDefinition) => void (definition.office = 'amt-im-aufbau'), message: 'Die Dienststelle „amt-im-aufbau“, die das Formular nennt, ist im Katalog nicht veröffentlicht.' },
    ];
    const found: string[] = [];
    for (const { key, change, message } of cases) {
      const uploaded = await uploadFile(client, Buffer.from(JSON.stringify(definitionFrom('kontakt', key, change))));
      const versionId = versionIdOf(uploaded.location);
      const page = await client.get(`${list}/fassung/${versionId}`);
      expect(page.body).toContain(message);
      expect(page.body).not.toContain('/veroeffentlichen');
      const refused = await client.post(`${list}/fassung/${versionId}/veroeffentlichen`, {});
      expect(refused.status).toBe(409);
      expect(refused.body).toContain(message);
      found.push(...(await htmlProblems(`${key} (409)`, refused.body)));
      expect((await versionsOf(key)).map((row) => row.status)).toEqual(['draft']);
    }
    expect(found).toEqual([]);
  });
});

describe('downloading a version', () => {
  it('gives the definition as a JSON file that uploads again as the next version, unchanged', async () => {
    const { client } = await designer();
    const definition = definitionFrom('sondernutzung', 'sondernutzung-rund');
    const uploaded = await uploadFile(client, Buffer.from(JSON.stringify(definition)));
    const versionId = versionIdOf(uploaded.location);
    const download = await client.get(`${list}/fassung/${versionId}/definition.json`);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(download.headers['content-disposition']).toBe('attachment; filename="sondernutzung-rund-1.json"');
    // Written for people: indented, and the keys in the order one reads them.
    expect(download.body.startsWith('{\n  "key": "sondernutzung-rund",\n  "title": {')).toBe(true);
    expect(JSON.parse(download.body)).toEqual(definition);

    const again = await uploadFile(client, Buffer.from(download.body), 'sondernutzung-rund-1.json');
    expect(again.status).toBe(303);
    const rows = await versionsOf('sondernutzung-rund');
    expect(rows.map((row) => row.version)).toEqual([1, 2]);
    expect(rows[1]!.definition).toEqual(rows[0]!.definition);
  });
});
