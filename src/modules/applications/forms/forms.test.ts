import Value from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInBerlin } from '#kernel/calendar.ts';
import { seedDemoData } from '#kernel/platform.ts';
import { publishedOffice, publishedService } from '#modules/catalog/index.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import type { Answers } from '../definition/answers.ts';
import { checkDefinition } from '../definition/check.ts';
import { visiblePages } from '../definition/conditions.ts';
import { readPage } from '../definition/pages.ts';
import { FormDefinition, type LeafField, type Text } from '../definition/schema.ts';
import { shippedForms } from './index.ts';

/** Every text of a form with where it stands, so a missing translation names its place. */
function textsOf(form: FormDefinition): [string, Text][] {
  const texts: [string, Text][] = [['title', form.title], ['declaration', form.declaration], ['nextSteps', form.nextSteps]];
  form.needs.forEach((need, index) => texts.push([`needs/${index}`, need]));
  const leaf = (field: LeafField) => {
    texts.push([`${field.id}/label`, field.label]);
    if (field.hint) texts.push([`${field.id}/hint`, field.hint]);
    for (const option of field.options ?? []) {
      texts.push([`${field.id}/${option.value}`, option.label]);
      if (option.hint) texts.push([`${field.id}/${option.value}/hint`, option.hint]);
    }
  };
  for (const page of form.pages) {
    texts.push([`${page.id}/title`, page.title]);
    if (page.intro) texts.push([`${page.id}/intro`, page.intro]);
    for (const field of page.fields) {
      if (field.type !== 'group') {
        leaf(field);
        continue;
      }
      texts.push([`${field.id}/label`, field.label], [`${field.id}/itemLabel`, field.itemLabel]);
      if (field.hint) texts.push([`${field.id}/hint`, field.hint]);
      field.fields.forEach(leaf);
    }
  }
  return texts;
}

describe('the application forms the platform ships', () => {
  it('fit the schema of a form definition', () => {
    for (const form of shippedForms) {
      const problems = Value.Check(FormDefinition, form) ? [] : [...Value.Errors(FormDefinition, form)].map((error) => `${error.instancePath} ${error.message}`);
      expect(problems, form.key).toEqual([]);
    }
  });

  it('keep the rules of a definition beyond its schema', () => {
    for (const form of shippedForms) {
      const result = checkDefinition(form);
      expect(result.ok ? [] : result.problems, form.key).toEqual([]);
    }
  });

  it('are the seven forms of the first release, each under a key of its own', () => {
    const keys = shippedForms.map((form) => form.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(['bewohnerparkausweis', 'hundesteuer-anmeldung', 'kita-platz', 'kontakt', 'meldebescheinigung', 'sondernutzung', 'sperrmuell']);
  });

  it('speak English in every text, and Leichte Sprache in the three most used', () => {
    const easyLanguage = new Set(['sperrmuell', 'hundesteuer-anmeldung', 'kontakt']);
    for (const form of shippedForms) {
      for (const [where, text] of textsOf(form)) {
        expect(text.en, `${form.key}: ${where}`).toBeTruthy();
        if (easyLanguage.has(form.key)) expect(text.ls, `${form.key}: ${where}`).toBeTruthy();
      }
    }
  });
});

describe('the follow-up pages of the shipped forms', () => {
  const form = (key: string) => shippedForms.find((candidate) => candidate.key === key)!;
  const pagesFor = (key: string, answers: Answers) => visiblePages(form(key), answers).map((page) => page.id);

  it('ask for the permit only for a listed breed, and for the account only with direct debit', () => {
    const plain = pagesFor('hundesteuer-anmeldung', { listedBreed: 'no', directDebit: false });
    expect(plain).not.toContain('permitPage');
    expect(plain).not.toContain('mandatePage');
    const both = pagesFor('hundesteuer-anmeldung', { listedBreed: 'yes', directDebit: true });
    expect(both).toEqual(expect.arrayContaining(['permitPage', 'mandatePage']));
    expect(both.indexOf('permitPage')).toBe(both.indexOf('listedBreedPage') + 1);
  });

  it('ask for the keeper’s confirmation only for a leased car or a company car', () => {
    expect(pagesFor('bewohnerparkausweis', { vehicleUse: 'owned' })).not.toContain('confirmationPage');
    expect(pagesFor('bewohnerparkausweis', { vehicleUse: 'leased' })).toContain('confirmationPage');
    expect(pagesFor('bewohnerparkausweis', { vehicleUse: 'company' })).toContain('confirmationPage');
  });

  it('ask for the one contact detail the chosen way of answering needs', () => {
    const contactPages = ['emailPage', 'phonePage', 'letterPage'];
    const asked = (answerBy: string) => pagesFor('kontakt', { answerBy }).filter((id) => contactPages.includes(id));
    expect(asked('email')).toEqual(['emailPage']);
    expect(asked('phone')).toEqual(['phonePage']);
    expect(asked('letter')).toEqual(['letterPage']);
    expect(pagesFor('kontakt', {}).filter((id) => contactPages.includes(id))).toEqual([]);
  });

  it('ask for the company, the other use and the sibling’s Kita only when they apply', () => {
    const privateContainer = pagesFor('sondernutzung', { useKind: 'container', applicantKind: 'private' });
    expect(privateContainer).not.toContain('companyPage');
    expect(privateContainer).not.toContain('otherUsePage');
    expect(pagesFor('sondernutzung', { useKind: 'other', applicantKind: 'company' })).toEqual(expect.arrayContaining(['otherUsePage', 'companyPage']));
    expect(pagesFor('kita-platz', { siblingInKita: 'no' })).not.toContain('siblingKitaPage');
    expect(pagesFor('kita-platz', { siblingInKita: 'yes' })).toContain('siblingKitaPage');
  });
});

describe('the days the shipped forms take', () => {
  const now = new Date('2026-12-02T10:00:00Z');
  const inDays = (days: number) => addDays(todayInBerlin(now), days).split('-').reverse().join('.');
  const errorsOf = (key: string, pageId: string, body: Record<string, string>) => {
    const definition = shippedForms.find((candidate) => candidate.key === key)!;
    const read = readPage(definition, 'n', definition.pages.find((page) => page.id === pageId)!, {}, { body }, { now });
    return read.ok ? {} : read.errors;
  };

  it('take the start of a road’s special use only two weeks ahead, as the page says', () => {
    const definition = shippedForms.find((candidate) => candidate.key === 'sondernutzung')!;
    expect(definition.pages.find((page) => page.id === 'periodPage')!.intro!.de).toContain('mindestens zwei Wochen vor Beginn');
    expect(errorsOf('sondernutzung', 'periodPage', { startDate: inDays(1), endDate: inDays(20) })).toEqual({ startDate: { code: 'date-too-early', values: { min: '2026-12-16' } } });
    expect(errorsOf('sondernutzung', 'periodPage', { startDate: inDays(13), endDate: inDays(20) })).toHaveProperty('startDate.code', 'date-too-early');
    expect(errorsOf('sondernutzung', 'periodPage', { startDate: inDays(14), endDate: inDays(14) })).toEqual({});
  });

  it('take a bulky-waste collection a week ahead at the earliest and 90 days at the latest, as its hint says', () => {
    expect(errorsOf('sperrmuell', 'datePage', { pickupDate: inDays(6) })).toHaveProperty('pickupDate.code', 'date-too-early');
    expect(errorsOf('sperrmuell', 'datePage', { pickupDate: inDays(7) })).toEqual({});
    expect(errorsOf('sperrmuell', 'datePage', { pickupDate: inDays(90) })).toEqual({});
    expect(errorsOf('sperrmuell', 'datePage', { pickupDate: inDays(91) })).toHaveProperty('pickupDate.code', 'date-too-late');
  });
});

describe('the forms and the demo catalogue', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await createTestPlatform();
    await seedDemoData(platform.ctx);
  });
  afterAll(async () => {
    await platform.close();
  });

  it('name only services and offices the catalogue publishes', async () => {
    for (const form of shippedForms) {
      expect(form.service ?? form.office, form.key).toBeTruthy();
      if (form.service) expect(await publishedService(platform.ctx, form.service), `${form.key}: service ${form.service}`).not.toBeNull();
      if (form.office) expect(await publishedOffice(platform.ctx, form.office), `${form.key}: office ${form.office}`).not.toBeNull();
    }
  });
});
