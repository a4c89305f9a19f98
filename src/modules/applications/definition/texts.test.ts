import { describe, expect, it } from 'vitest';
import { createI18n, translator } from '#kernel/i18n/i18n.ts';
import kernelDe from '#kernel/i18n/locales/de.json' with { type: 'json' };
import kernelEn from '#kernel/i18n/locales/en.json' with { type: 'json' };
import { formMessages } from '#kernel/forms/index.ts';
import de from '../locales/de.json' with { type: 'json' };
import en from '../locales/en.json' with { type: 'json' };
import { shippedForms } from '../forms/index.ts';
import { pageForm, readPage } from './pages.ts';
import { sampleDefinition } from './sample-definition.ts';
import type { FormDefinition } from './schema.ts';
import { registerFormTexts, textKeys } from './texts.ts';

const i18n = () => createI18n({ kernel: { de: kernelDe, en: kernelEn }, applications: { de, en } });

describe('a version\'s texts', () => {
  it('are a namespace of their own: German, English, English falling back to German', async () => {
    const instance = await i18n();
    const definition: FormDefinition = { ...sampleDefinition, pages: [{ ...sampleDefinition.pages[0]!, title: { de: 'Nur Deutsch' } }, ...sampleDefinition.pages.slice(1)] };
    const namespace = registerFormTexts(instance, 'v1', definition);
    expect(namespace).toBe('form-v1');
    const [german, english] = [translator(instance, 'de'), translator(instance, 'en')];
    expect(german(`${namespace}:${textKeys.title}`)).toBe('Beispielantrag');
    expect(english(`${namespace}:${textKeys.title}`)).toBe('Example application');
    expect(english(`${namespace}:${textKeys.pageTitle('applicant')}`)).toBe('Nur Deutsch');
    expect(german(`${namespace}:${textKeys.label({ id: 'name', group: 'dog' })}`)).toBe('Name des Hundes');
    expect(english(`${namespace}:${textKeys.optionHint({ id: 'kind' }, 'motorbike')}`)).toBe('Scooters too');
    expect(german(`${namespace}:${textKeys.need(0)}`)).toBe('Ihr Kennzeichen');
  });

  it('in Leichte Sprache are a second namespace whose German is the easy text where one is written', async () => {
    const instance = await i18n();
    const easy = registerFormTexts(instance, 'v1', sampleDefinition, true);
    expect(easy).toBe('form-v1-ls');
    const german = translator(instance, 'de');
    expect(german(`${easy}:${textKeys.label({ id: 'name' })}`)).toBe('Ihr Name');
    expect(german(`${easy}:${textKeys.label({ id: 'email' })}`)).toBe('E-Mail-Adresse');
    expect(translator(instance, 'en')(`${easy}:${textKeys.label({ id: 'name' })}`)).toBe('Name');
    expect(instance.hasResourceBundle('de', 'form-v1')).toBe(false);
  });

  it('are shown as written: no values put in, no other texts pulled in, except a row\'s number', async () => {
    const instance = await i18n();
    const literal = 'Betrag {{field}} in {{- lng}} $t(kernel:forms.optional) für {{number}}';
    const group = sampleDefinition.pages[4]!.fields[0]!;
    const definition = structuredClone(sampleDefinition);
    definition.pages[0]!.fields[0]!.label = { de: literal, en: literal };
    definition.pages[4]!.fields[0] = { ...group, itemLabel: { de: 'Hund {{number}} {{field}}' } } as typeof group;
    const namespace = registerFormTexts(instance, 'v-literal', definition);
    const german = translator(instance, 'de');
    expect(german(`${namespace}:${textKeys.label({ id: 'name' })}`, { field: 'X', number: 2, lng: 'en' })).toBe(literal);
    expect(translator(instance, 'en')(`${namespace}:${textKeys.label({ id: 'name' })}`)).toBe(literal);
    expect(german(`${namespace}:${textKeys.itemLabel('dog')}`, { number: 2, field: 'X' })).toBe('Hund 2 {{field}}');
  });

  it('are registered once per version: a second call changes nothing', async () => {
    const instance = await i18n();
    const first = registerFormTexts(instance, 'v2', sampleDefinition);
    const changed = { ...sampleDefinition, title: { de: 'Anders' } };
    expect(registerFormTexts(instance, 'v2', changed)).toBe(first);
    expect(translator(instance, 'de')(`${first}:${textKeys.title}`)).toBe('Beispielantrag');
  });

  it('name the fields of a page\'s kernel form, in its messages too', async () => {
    const instance = await i18n();
    const namespace = registerFormTexts(instance, 'v3', sampleDefinition);
    const form = pageForm(sampleDefinition, namespace, sampleDefinition.pages[0]!, {}, { city: 'Erkelenz' });
    const reader = { t: translator(instance, 'de'), lang: 'de' as const };
    const messages = formMessages(reader, { name: { code: 'required' }, homePostcode: { code: 'pattern' } }, form);
    expect(messages).toEqual({
      name: 'Bitte füllen Sie das Feld „Name“ aus.',
      homePostcode: 'Bitte geben Sie bei „Wohnanschrift: Postleitzahl“ eine Postleitzahl aus fünf Ziffern an, zum Beispiel 41812.',
    });
    const english = formMessages({ t: translator(instance, 'en'), lang: 'en' }, { dog2Name: { code: 'required' } }, pageForm(sampleDefinition, namespace, sampleDefinition.pages[4]!, { hasDogs: true }));
    expect(english.dog2Name).toContain("Dog 2: Dog's name");
  });

  it('say each refusal of a page in German and English, naming the field', async () => {
    const instance = await i18n();
    const namespace = registerFormTexts(instance, 'v4', sampleDefinition);
    const errors = {
      plate: { code: 'applications:definition.errors.licencePlate' },
      to: { code: 'applications:definition.errors.notBefore', values: { other: { key: `${namespace}:f.from.label` } } },
      homeStreet: { code: 'applications:definition.errors.unknownStreet', values: { street: 'Mondweg' } },
      homeHouseNumber: { code: 'applications:definition.errors.houseNumber' },
    };
    const forms = [pageForm(sampleDefinition, namespace, sampleDefinition.pages[1]!, {}), pageForm(sampleDefinition, namespace, sampleDefinition.pages[2]!, {}), pageForm(sampleDefinition, namespace, sampleDefinition.pages[0]!, {})];
    const say = (language: 'de' | 'en') => Object.assign({}, ...forms.map((form) => formMessages({ t: translator(instance, language), lang: language }, Object.fromEntries(Object.entries(errors).filter(([name]) => name in form.fields)), form))) as Record<string, string>;
    expect(say('de')).toEqual({
      plate: expect.stringContaining('Bitte geben Sie bei „Kennzeichen“ ein Kennzeichen an'),
      to: '„Bis“ darf nicht vor „Von“ liegen.',
      homeStreet: expect.stringContaining('Die Straße „Mondweg“ steht nicht in unserem Straßenverzeichnis'),
      homeHouseNumber: expect.stringContaining('„Wohnanschrift: Hausnummer“'),
    });
    expect(say('en')).toEqual({
      plate: expect.stringContaining('Enter “Licence plate” as it is on the plate'),
      to: '“Until” must not be before “From”.',
      homeStreet: expect.stringContaining('The street “Mondweg” is not in our street register'),
      homeHouseNumber: expect.stringContaining('“Home address: house number”'),
    });
  });

  it('name the row of a day typed wrongly in a group, in the summary as at the field', async () => {
    const instance = await i18n();
    const dogTax = shippedForms.find((form) => form.key === 'hundesteuer-anmeldung')!;
    const namespace = registerFormTexts(instance, 'v5', dogTax);
    const page = dogTax.pages.find((candidate) => candidate.id === 'dogsPage')!;
    const row = (number: number, born: string) => ({ [`dogs${number}DogName`]: `Hund ${number}`, [`dogs${number}Breed`]: 'Mischling', [`dogs${number}DateOfBirth`]: born, [`dogs${number}KeptSince`]: '01.01.2024' });
    const read = readPage(dogTax, namespace, page, {}, { body: { ...row(1, '01.05.2020'), ...row(2, '31.02.2021') } }, { now: new Date('2026-12-01T10:00:00Z') });
    if (read.ok) throw new Error('the 31st of February was taken');
    const form = pageForm(dogTax, namespace, page, {});
    expect(formMessages({ t: translator(instance, 'de'), lang: 'de' }, read.errors, form)).toEqual({ dogs2DateOfBirth: 'Hund 2: Geburtsdatum – Den 31.02.2021 gibt es nicht: Der Februar 2021 hat 28 Tage.' });
    expect(formMessages({ t: translator(instance, 'en'), lang: 'en' }, read.errors, form)).toEqual({ dogs2DateOfBirth: 'Dog 2: Date of birth – There is no 31.02.2021: February 2021 has 28 days.' });
  });
});
