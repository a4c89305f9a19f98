import Value from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '#kernel/platform.ts';
import { publishedOffice, publishedService } from '#modules/catalog/index.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
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
