import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '#kernel/auth/actor.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { importCommand } from './commands.ts';
import { serviceFormValues } from './forms.service.ts';
import { catalogDb, findEntry } from './repo.ts';
import type { CatalogExport, OfficeContent, ServiceContent, SituationContent } from './schemas.content.ts';
import { erkelenzCatalog, seedCatalog } from './seed/index.ts';
import { exportCatalog } from './service.transfer.ts';
import { buildOffice, buildService, serviceContent } from './test/builders.ts';
import { staffClient } from './test/staff.ts';

/*
 * English beside German: twins of every text in the editor and in the stored content, English pages that
 * show them, and German, marked as German, where a twin is missing.
 */

let platform: TestPlatform;
let editor: Awaited<ReturnType<typeof staffClient>>;

beforeAll(async () => {
  platform = await createTestPlatform();
  await seedCatalog(platform.ctx);
  editor = await staffClient(platform, 'editor');
});
afterAll(async () => {
  await platform.close();
});

const htmlValidate = new HtmlValidate({ extends: ['html-validate:standard', 'html-validate:a11y', 'html-validate:document'], rules: { 'require-sri': ['error', { target: 'crossorigin' }] } });
async function valid(body: string) {
  const report = await htmlValidate.validateString(body);
  return report.results.flatMap((result) => result.messages.map((message) => `${message.ruleId}: ${message.message}`));
}

const onlyGerman = 'This text is only available in German.';
const count = (body: string, text: string) => body.split(text).length - 1;
const idFrom = (location: string | undefined) => /\/([0-9a-f-]{36})\?notice=/.exec(location ?? '')?.[1];
const asForm = (values: Record<string, string | string[] | undefined>) =>
  Object.fromEntries(Object.entries(values).flatMap(([name, value]) => (typeof value === 'string' ? [[name, value]] : value?.length === 1 ? [[name, value[0]!]] : []))) as Record<string, string>;

describe('English on the public pages', () => {
  it('12.18 shows a service in English where it has English, and each German text marked, with the note before it', async () => {
    const service = await buildService(platform.ctx, {
      title: 'Angelkarte beantragen',
      summary: 'Wer angeln will, braucht eine Karte.',
      description: 'Die Karte gilt ein Jahr.',
      eligibility: 'Alle ab 14 Jahren.',
      fees: [{ label: 'Jahreskarte', amountCents: 2500 }],
      feesNote: 'Sie zahlen bar.',
      channels: [{ kind: 'phone', target: '02431 85-0', instructions: 'Rufen Sie an.' }],
      en: { title: 'Apply for a fishing permit', summary: 'If you want to fish, you need a permit.', description: 'The permit is valid for a year.', feeLabels: ['Annual permit'], channelInstructions: { phone: 'Give us a call.' } },
    });
    const english = await new FormClient(platform.app).get(`/leistungen/${service.slug}?lang=en`);
    expect(english.body).toContain('<h1 class="kern-heading-x-large">Apply for a fishing permit</h1>');
    expect(english.body).toContain('<p class="kern-body kern-body--large page-heading__lead">If you want to fish, you need a permit.</p>');
    expect(english.body).toContain('<p class="kern-body catalog-text">The permit is valid for a year.</p>');
    expect(english.body).toContain('<span>Annual permit</span>: <strong>€25.00</strong>');
    expect(english.body).toContain('<p class="kern-body catalog-text">Give us a call.</p>');
    // German stands in, marked for screen readers, each with the note before it: eligibility, the fees note and the legal basis.
    expect(english.body).toMatch(new RegExp(`${onlyGerman}</p><p class="kern-body catalog-text" lang="de">Alle ab 14 Jahren.</p>`));
    expect(english.body).toMatch(new RegExp(`${onlyGerman}</p><p class="kern-body catalog-text" lang="de">Sie zahlen bar.</p>`));
    expect(english.body).toMatch(new RegExp(`${onlyGerman}</p><ul class="kern-list kern-list--bullet" lang="de"><li>Testgesetz, § 1</li>`));
    expect(count(english.body, onlyGerman)).toBe(4);
    expect(english.body).not.toContain('The texts on this page are only available in German.');
    expect(await valid(english.body)).toEqual([]);

    const german = await new FormClient(platform.app).get(`/leistungen/${service.slug}`);
    expect(german.body).toContain('<h1 class="kern-heading-x-large">Angelkarte beantragen</h1>');
    expect(german.body).toContain('Jahreskarte');
    expect(german.body).not.toContain('Annual permit');
    expect(german.body).not.toContain('nur auf Deutsch');
    expect(/<main[^>]*>(.*)<\/main>/s.exec(german.body)?.[1]).not.toContain('lang="de"');
  });

  it('12.18 marks a service without any English once, under its heading, and all its texts as German', async () => {
    const service = await buildService(platform.ctx, { title: 'Nur deutsch', summary: 'Eine Leistung ohne Englisch.' });
    const page = await new FormClient(platform.app).get(`/leistungen/${service.slug}?lang=en`);
    expect(page.body).toContain('<h1 class="kern-heading-x-large"><span lang="de">Nur deutsch</span></h1>');
    expect(page.body).toContain('<p class="kern-body kern-body--large page-heading__lead" lang="de">Eine Leistung ohne Englisch.</p>');
    expect(count(page.body, 'The texts on this page are only available in German.')).toBe(1);
    expect(page.body).not.toContain(onlyGerman);
    expect(page.body).toContain('<p class="kern-body catalog-text" lang="de">Was diese Leistung ist.</p>');
    expect(await valid(page.body)).toEqual([]);
  });

  it('12.18 shows the demo services, life situations, offices and the home page in English', async () => {
    const client = new FormClient(platform.app);
    for (const [path, text] of [
      ['/leistungen/hund-anmelden?lang=en', '<h1 class="kern-heading-x-large">Register a dog (dog tax)</h1>'],
      ['/leistungen/wohnsitz-anmelden?lang=en', 'Within two weeks of moving in. Missing the deadline is an administrative offence.'],
      ['/lebenslagen/umzug?lang=en', '<h1 class="kern-heading-x-large">Moving to Erkelenz or within the town</h1>'],
      ['/lebenslagen/umzug?lang=en', '<li>Ask your landlord for the landlord’s confirmation (Wohnungsgeberbestätigung).</li>'],
      ['/lebenslagen/umzug?lang=en', '>Register your address (Anmeldung)</a>'],
      ['/lebenslagen?lang=en', '>Keeping a dog</a>'],
      ['/dienststellen/buergerbuero?lang=en', '<h1 class="kern-heading-x-large">Citizens’ office (Bürgerbüro)</h1>'],
      ['/dienststellen/buergerbuero?lang=en', 'Opening hours as published in 2020; before coming without an appointment, please call to check that they still apply.'],
      ['/dienststellen?lang=en', '>Register office (Standesamt)</a>'],
      ['/?lang=en', '>Moving to Erkelenz or within the town<'],
    ]) {
      const page = await client.get(path!);
      expect(page.status, path).toBe(200);
      expect(page.body, path).toContain(text);
      expect(await valid(page.body), path).toEqual([]);
    }
    // In German nothing of the English shows (a new visitor: the language chosen above stays with its client).
    const german = new FormClient(platform.app);
    expect((await german.get('/lebenslagen/umzug')).body).not.toContain('Moving to Erkelenz');
    expect((await german.get('/')).body).toContain('>Umzug nach oder innerhalb von Erkelenz<');
  });
});

describe('English in the editor', () => {
  it('12.18 takes English twins of the texts, shows them again, and stores no `en` for an entry without any', async () => {
    const office = await buildOffice(platform.ctx);
    const content = serviceContent({ officeId: office.id, fees: [{ label: 'Gebühr', amountCents: 1000 }], links: [{ label: 'Bundesportal', url: 'https://verwaltung.bund.de/' }] });
    await editor.client.get('/verwaltung/katalog/leistungen/neu');
    const form = {
      ...asForm(serviceFormValues(content)),
      titleEn: 'Test service',
      descriptionEn: 'What this service is.',
      documentsEn: 'identity card\npassport photo',
      fee1LabelEn: 'Fee',
      linksEn: 'Federal portal | https://verwaltung.bund.de/',
      phoneInstructionsEn: 'Give us a call.',
    };
    const created = await editor.client.post('/verwaltung/katalog/leistungen/neu', form);
    expect(created.status).toBe(303);
    const id = idFrom(created.location)!;
    const stored = (await findEntry(catalogDb(platform.ctx.db), id))!.draft as ServiceContent;
    expect(stored.en).toEqual({
      title: 'Test service',
      description: 'What this service is.',
      documents: ['identity card', 'passport photo'],
      feeLabels: ['Fee'],
      linkLabels: ['Federal portal'],
      channelInstructions: { phone: 'Give us a call.' },
    });
    const editPage = await editor.client.get(`/verwaltung/katalog/leistungen/${id}`);
    expect(editPage.body).toContain('<label class="kern-label" for="titleEn">Titel – auf Englisch (freiwillig)</label>');
    expect(editPage.body).toMatch(/id="titleEn" name="titleEn" type="text" value="Test service"/);
    expect(editPage.body).toContain('Federal portal | https://verwaltung.bund.de/</textarea>');
    expect(await valid(editPage.body)).toEqual([]);

    await editor.client.get('/verwaltung/katalog/leistungen/neu');
    const plain = await editor.client.post('/verwaltung/katalog/leistungen/neu', asForm(serviceFormValues(serviceContent({ officeId: office.id }))));
    expect(Object.keys((await findEntry(catalogDb(platform.ctx.db), idFrom(plain.location)!))!.draft)).not.toContain('en');
  });

  it('12.18 refuses an English link label that belongs to no link and English for a route without German, keeping what was typed', async () => {
    const office = await buildOffice(platform.ctx);
    await editor.client.get('/verwaltung/katalog/leistungen/neu');
    const response = await editor.client.post('/verwaltung/katalog/leistungen/neu', {
      ...asForm(serviceFormValues(serviceContent({ officeId: office.id }))),
      linksEn: 'Federal portal | https://example.org/elsewhere',
      onlineInstructionsEn: 'Apply online.',
    });
    expect(response.status).toBe(422);
    expect(response.body).toContain('Zeile 1 der englischen Linktexte passt zu keinem Link. Schreiben Sie „English label | https://…“ mit der Adresse eines Links aus dem Feld „Weiterführende Informationen“.');
    expect(response.body).toContain('Zu diesem englischen Text fehlt der deutsche. Bitte füllen Sie zuerst das deutsche Feld darüber aus.');
    expect(response.body).toContain('href="#linksEn"');
    expect(response.body).toContain('Federal portal | https://example.org/elsewhere</textarea>');
    expect(response.body).toContain('Apply online.</textarea>');
  });

  it('12.18 takes English twins for offices and life situations', async () => {
    await editor.client.get('/verwaltung/katalog/dienststellen/neu');
    const office = await editor.client.post('/verwaltung/katalog/dienststellen/neu', {
      title: 'Hafenamt',
      slug: 'hafenamt',
      titleEn: 'Harbour office (Hafenamt)',
      hoursNoteEn: 'Closed at low tide.',
      accessibilityNoteEn: 'There is a ramp.',
      revision: '0',
    });
    expect(office.status).toBe(303);
    expect(((await findEntry(catalogDb(platform.ctx.db), idFrom(office.location)!))!.draft as OfficeContent).en).toEqual({
      title: 'Harbour office (Hafenamt)',
      hoursNote: 'Closed at low tide.',
      accessibilityNote: 'There is a ramp.',
    });
    await editor.client.get('/verwaltung/katalog/lebenslagen/neu');
    const situation = await editor.client.post('/verwaltung/katalog/lebenslagen/neu', { title: 'Ausbildung', slug: 'ausbildung', titleEn: 'Training', tipsEn: 'Find a place\n- Apply', revision: '0' });
    expect(situation.status).toBe(303);
    expect(((await findEntry(catalogDb(platform.ctx.db), idFrom(situation.location)!))!.draft as SituationContent).en).toEqual({ title: 'Training', tips: ['Find a place', 'Apply'] });
  });
});

describe('English in catalogue files', () => {
  const withoutEnglish = (file: CatalogExport): CatalogExport => {
    const strip = <T extends { en?: unknown }>(content: T): T => {
      const { en: _en, ...rest } = content;
      return rest as T;
    };
    const entry = <T extends { en?: unknown }>(item: { demo: boolean; draft: T; published: T | null }) => ({ ...item, draft: strip(item.draft), published: item.published && strip(item.published) });
    return { ...file, offices: file.offices.map(entry), lifeSituations: file.lifeSituations.map(entry), services: file.services.map(entry) };
  };

  /** Imports a file through the command line, as an operator does; returns its exit code and what it said. */
  async function importFile(target: TestPlatform, data: unknown) {
    const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'erk-english-')), 'katalog.json');
    await fs.writeFile(file, JSON.stringify(data));
    const said: string[] = [];
    const code = await importCommand.run(target.ctx, [file], { out: (line) => said.push(line), err: (line) => said.push(line) });
    await fs.rm(path.dirname(file), { recursive: true, force: true });
    return { code, said: said.join('\n') };
  }

  it('12.18 imports a file written before English texts existed, and exports the English twins with the German', async () => {
    const old = await createTestPlatform();
    try {
      expect(await importFile(old, withoutEnglish(erkelenzCatalog()))).toEqual({ code: 0, said: 'Imported: 100 created, 0 updated, 0 unchanged.' });
      const page = await new FormClient(old.app).get('/leistungen/hund-anmelden?lang=en');
      expect(page.body).toContain('The texts on this page are only available in German.');
      expect(page.body).toContain('<span lang="de">Hund anmelden (Hundesteuer)</span>');
    } finally {
      await old.close();
    }
    const exported = await exportCatalog(platform.ctx, systemActor('test'));
    const dog = exported.services.find((entry) => entry.draft.slug === 'hund-anmelden')!;
    expect(dog.published?.en?.title).toBe('Register a dog (dog tax)');
    expect(dog.published?.en?.channelInstructions?.online).toContain('service portal');
    expect(exported.lifeSituations.find((entry) => entry.draft.slug === 'hund')?.draft.en?.title).toBe('Keeping a dog');
  });

  it('12.18 refuses a file whose English text is too long, naming where it is, and takes nothing over', async () => {
    const file = erkelenzCatalog();
    file.services[0] = { ...file.services[0]!, draft: { ...file.services[0]!.draft, en: { title: 'T'.repeat(161) } } };
    const result = await importFile(platform, file);
    expect(result.code).toBe(1);
    expect(result.said).toContain('/services/0/draft/en/title');
    const stored = (await exportCatalog(platform.ctx, systemActor('test'))).services.find((entry) => entry.draft.slug === file.services[0]!.draft.slug);
    expect(stored?.draft.en?.title).toBe('Apply for an identity card (Personalausweis)');
  });
});
