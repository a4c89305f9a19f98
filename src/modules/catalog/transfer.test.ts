import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '#kernel/auth/actor.ts';
import { buildApiClient } from '#modules/accounts/test/builders.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { exportCommand, importCommand } from './commands.ts';
import type { CatalogExport } from './schemas.content.ts';
import { erkelenzCatalog, seedCatalog } from './seed/index.ts';
import { exportCatalog, importCatalog } from './service.transfer.ts';
import { importProblemMessages } from './transfer.words.ts';
import { buildService, serviceContent } from './test/builders.ts';
import { staffClient } from './test/staff.ts';

let source: TestPlatform;
let target: TestPlatform;
let scratch: string;
const cli = systemActor('test');

beforeAll(async () => {
  [source, target] = await Promise.all([createTestPlatform(), createTestPlatform()]);
  await seedCatalog(source.ctx);
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'erk-catalog-'));
});
afterAll(async () => {
  await Promise.all([source.close(), target.close()]);
  await fs.rm(scratch, { recursive: true, force: true });
});

const withoutDate = ({ exportedAt: _exportedAt, ...rest }: CatalogExport) => rest;
const entryCount = async (platform: TestPlatform) =>
  Number((await platform.ctx.db.withTables<{ catalog_entries: { id: string } }>().selectFrom('catalog_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('catalogue import and export', () => {
  it('round-trips the whole catalogue through the command line into another installation', async () => {
    const file = path.join(scratch, 'katalog.json');
    const out: string[] = [];
    const io = { out: (line: string) => out.push(line), err: (line: string) => out.push(`ERR ${line}`) };
    expect(await exportCommand.run(source.ctx, ['--out', file], io)).toBe(0);
    expect(out.at(-1)).toMatch(/^Exported 73 services, 14 offices and 13 life situations to /);
    expect(await importCommand.run(target.ctx, [file], io)).toBe(0);
    expect(out.at(-1)).toBe('Imported: 100 created, 0 updated, 0 unchanged.');
    const original = await exportCatalog(source.ctx, cli);
    const copy = await exportCatalog(target.ctx, cli);
    expect(withoutDate(copy)).toEqual(withoutDate(original));
    // The copy is published and searchable, as the original is.
    const page = await new FormClient(target.app).get('/leistungen/hund-anmelden');
    expect(page.status).toBe(200);
    expect((await new FormClient(target.app).get('/suche?q=Hundesteuer')).body).toContain('Hund anmelden (Hundesteuer)');
    // Importing the same file again changes nothing.
    expect(await importCatalog(target.ctx, cli, JSON.parse(await fs.readFile(file, 'utf8')))).toEqual({ ok: true, created: 0, updated: 0, unchanged: 100 });
  });

  it('refuses a faulty file as a whole, naming every problem, and saves nothing', async () => {
    const data = erkelenzCatalog();
    data.services[0] = { ...data.services[0]!, draft: { ...data.services[0]!.draft, leikaKey: '12008001012000' } };
    data.services[1] = { ...data.services[1]!, draft: { ...data.services[1]!.draft, slug: data.services[2]!.draft.slug } };
    data.services[3] = { ...data.services[3]!, published: { ...data.services[3]!.published!, documents: [], office: 'gibt-es-nicht' } };
    const before = await entryCount(target);
    const result = await importCatalog(target.ctx, cli, data);
    expect(result.ok).toBe(false);
    // The service says what is wrong as reasons; the words are the back office's, the API's and the command line's.
    expect(!result.ok && importProblemMessages(target.ctx.i18n.getFixedT('de'), result.problems)).toEqual([
        `Leistung „${data.services[2]!.draft.slug}“: Die Adresse „${data.services[2]!.draft.slug}“ ist schon vergeben. Bitte wählen Sie eine andere.`,
        'Leistung „personalausweis-beantragen“: Der LeiKa-Schlüssel hat 14 Ziffern und beginnt mit 99, zum Beispiel 99008001012000. Lassen Sie das Feld leer, wenn die Leistung keinen Schlüssel hat.',
        `Leistung „${data.services[3].draft.slug}“: Die Dienststelle „gibt-es-nicht“ gibt es weder in der Datei noch im Katalog.`,
        `Leistung „${data.services[3].draft.slug}“: Zum Veröffentlichen fehlt noch „Welche Unterlagen brauche ich?“.`,
    ]);
    expect(!result.ok && result.problems[1]).toEqual({ reason: 'entry', kind: 'service', slug: 'personalausweis-beantragen', rule: 'catalog:errors.leikaKey', values: {} });
    expect(await entryCount(target)).toBe(before);
  });

  it('refuses what is not a catalogue file, with the place of the problem', async () => {
    const result = await importCatalog(target.ctx, cli, { format: 'something-else', services: 'none' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]).toMatchObject({ reason: 'schema', path: expect.stringMatching(/^\//) });
    expect(!result.ok && importProblemMessages(target.ctx.i18n.getFixedT('en'), result.problems)[0]).toMatch(/^At \//);
  });

  it('lets editors download and upload the catalogue in the back office', async () => {
    const editor = await staffClient(target, 'editor');
    const download = await editor.client.get('/verwaltung/katalog/export.json');
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="katalog-\d{4}-\d{2}-\d{2}\.json"$/);
    const exported = JSON.parse(download.body) as CatalogExport;
    expect(exported.services).toHaveLength(73);

    exported.services[0]!.draft.summary = 'Per Hochladen geändert.';
    const form = await editor.client.get('/verwaltung/katalog/import');
    expect(form.body).toContain('enctype="multipart/form-data"');
    const upload = (file: string, csrf = editor.client.csrfToken()) => {
      const boundary = '----erkelenz-test-boundary';
      const body = [
        `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`,
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="katalog.json"\r\nContent-Type: application/json\r\n\r\n${file}\r\n`,
        `--${boundary}--\r\n`,
      ].join('');
      const cookie = [...editor.client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
      return target.app.inject({ method: 'POST', url: '/verwaltung/katalog/import', payload: body, remoteAddress: editor.client.remoteAddress, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie } });
    };
    const done = await upload(JSON.stringify(exported));
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/verwaltung/katalog?notice=imported');
    const entry = await exportCatalog(target.ctx, cli);
    expect(entry.services.find((service) => service.draft.slug === exported.services[0]!.draft.slug)?.draft.summary).toBe('Per Hochladen geändert.');

    const broken = await upload('{ kein json');
    expect(broken.statusCode).toBe(422);
    expect(broken.body).toContain('Die Datei ist kein gültiges JSON. Bitte laden Sie eine Datei hoch, wie der Export sie erzeugt.');
    expect((await upload('')).body).toContain('Die Datei ist leer. Bitte wählen Sie eine Datei mit Inhalt.');
    expect((await upload('{}', 'gefälscht')).statusCode).toBe(403);
  });

  it('keeps export and import to editors and administrators', async () => {
    expect((await target.app.inject({ method: 'GET', url: '/api/v1/catalog/export' })).statusCode).toBe(401);
    const colleague = await staffClient(target);
    expect((await colleague.client.get('/verwaltung/katalog/export.json')).status).toBe(403);
    expect((await colleague.client.get('/verwaltung/katalog/import')).status).toBe(403);
    const admin = await staffClient(target, 'administrator');
    expect((await admin.client.get('/verwaltung/katalog/export.json')).status).toBe(200);
    const empty = { format: 'erkelenz-digital/catalog', version: 1, exportedAt: '', offices: [], lifeSituations: [], services: [] };
    // The import API has no CSRF check, so it ignores session cookies: a forged cross-site post gets nowhere.
    const cookie = [...admin.client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const withCookie = await target.app.inject({ method: 'POST', url: '/api/v1/catalog/import', payload: empty, headers: { cookie } });
    expect(withCookie.statusCode).toBe(401);
    const client = await buildApiClient(target.ctx, ['catalog.transfer']);
    const authorization = `Bearer ${client.token}`;
    const imported = await target.app.inject({ method: 'POST', url: '/api/v1/catalog/import', payload: empty, headers: { authorization } });
    expect(imported.json()).toEqual({ created: 0, updated: 0, unchanged: 0 });
    const refused = await target.app.inject({ method: 'POST', url: '/api/v1/catalog/import', payload: { format: 'nein' }, headers: { authorization } });
    expect(refused.statusCode).toBe(422);
    expect(refused.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    const problem = refused.json<{ type: string; title: string; status: number; detail: string; instance: string; errors: { detail: string }[] }>();
    expect(problem).toMatchObject({
      type: 'http://localhost:3000/api/problems/catalog/import-rejected',
      status: 422,
      detail: 'Die Datei enthält Fehler; nichts wurde übernommen.',
      instance: '/api/v1/catalog/import',
    });
    expect(problem.errors.length).toBeGreaterThan(0);
    expect(problem.errors[0]!.detail).toMatch(/^An der Stelle \//);
  });

  it('says what is wrong with a command line import', async () => {
    const file = path.join(scratch, 'kaputt.json');
    await fs.writeFile(file, '{"format":"erkelenz-digital/catalog"');
    const errors: string[] = [];
    const io = { out: () => {}, err: (line: string) => errors.push(line) };
    expect(await importCommand.run(target.ctx, [file], io)).toBe(1);
    expect(errors[0]).toMatch(/^Cannot read .*kaputt\.json as JSON/);
    expect(await importCommand.run(target.ctx, [], io)).toBe(64);
  });
  // Last: it adds a service to the target catalogue the tests above count.
  it('refuses an entry that would take another entry\'s public address, and saves nothing of the file', async () => {
    const holder = await buildService(target.ctx);
    const office = erkelenzCatalog().offices[0]!;
    const { officeId: _officeId, lifeSituationIds: _situations, ...content } = serviceContent();
    // Its draft address is new, but the published version claims the address another service is known by.
    const newcomer = { ...content, office: office.draft.slug, lifeSituations: [] };
    const file = { ...erkelenzCatalog(), lifeSituations: [], offices: [office], services: [{ demo: false, draft: newcomer, published: { ...newcomer, slug: holder.slug } }] };
    const before = await entryCount(target);
    const result = await importCatalog(target.ctx, cli, file);
    expect(result).toEqual({ ok: false, problems: [{ reason: 'address-conflict' }] });
    expect(importProblemMessages(target.ctx.i18n.getFixedT('de'), [{ reason: 'address-conflict' }])).toEqual(['Zwei Einträge würden dieselbe Adresse erhalten; nichts wurde übernommen.']);
    expect(await entryCount(target)).toBe(before);
  });

});
