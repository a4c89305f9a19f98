import { describe, expect, it } from 'vitest';
import { shippedForms } from '../forms/index.ts';
import { answersValidator, parkingZoneAnswer } from './answers-schema.ts';
import { answersSchema } from './pages.ts';
import { sampleAnswers, sampleDefinition } from './sample-definition.ts';

describe('the JSON Schema of the answers', () => {
  const valid = answersValidator(sampleDefinition);

  it('is JSON Schema 2020-12 with each field titled by its label and its FIM id as x-fim', () => {
    const schema = answersSchema(sampleDefinition) as { $schema: string; properties: Record<string, Record<string, unknown>> };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.properties.name).toMatchObject({ title: 'Name', 'x-fim': 'F60000227', type: 'string', maxLength: 100 });
    expect(Object.keys(schema.properties)).toEqual(['name', 'email', 'phone', 'home', 'plate', 'kind', 'note', 'from', 'to', 'hasDogs', 'adults', 'topics', 'dog', 'iban', 'proof']);
  });

  it('takes the answers the pages store', () => {
    expect(valid(sampleAnswers), JSON.stringify(valid.errors)).toBe(true);
    expect(valid({ name: 'Erika', email: null, phone: null, hasDogs: false, topics: [], proof: null })).toBe(true);
  });

  it('refuses answers no page stores', () => {
    const refused = (change: Record<string, unknown>) => {
      expect(valid({ ...sampleAnswers, ...change }), JSON.stringify(change)).toBe(false);
      return valid.errors!.map((error) => error.instancePath);
    };
    expect(refused({ name: null })).toContain('/name');
    expect(refused({ plate: 'ERK AB 123' })).toContain('/plate');
    expect(refused({ phone: '02431 850' })).toContain('/phone');
    expect(refused({ iban: 'DE89 3704 0044 0532 0130 00' })).toContain('/iban');
    expect(refused({ kind: 'bus' })).toContain('/kind');
    expect(refused({ from: '02.12.2026' })).toContain('/from');
    expect(refused({ from: '2026-02-30' })).toContain('/from');
    expect(refused({ email: 'Erika@Example.org' })).toContain('/email');
    expect(refused({ adults: 21 })).toContain('/adults');
    expect(refused({ adults: 1.5 })).toContain('/adults');
    expect(refused({ topics: ['waste', 'waste'] })).toContain('/topics');
    expect(refused({ home: { street: 'Markt', houseNumber: '25', postcode: '4181', town: 'Erkelenz' } })).toContain('/home/postcode');
    expect(refused({ dog: [] })).toContain('/dog');
    expect(refused({ dog: [{ breed: 'mix', born: null }] })).toContain('/dog/0');
    expect(refused({ proof: { ...sampleAnswers.proof, mediaType: 'image/png' } })).toContain('/proof/mediaType');
    expect(refused({ invented: 'x' })).toContain('');
  });

  it('wants a required box ticked', () => {
    const definition = structuredClone(sampleDefinition);
    definition.pages[3]!.fields[0] = { ...definition.pages[3]!.fields[0]!, required: true } as (typeof definition.pages)[number]['fields'][number];
    const strict = answersValidator(definition);
    expect(strict({ hasDogs: true })).toBe(true);
    expect(strict({ hasDogs: false })).toBe(false);
  });

  it('describes the answers a procedure derives, so a residents’ parking case with its zone is valid', () => {
    const parking = shippedForms.find((form) => form.procedure === 'residentsParking')!;
    const schema = answersSchema(parking) as { properties: Record<string, Record<string, unknown>> };
    expect(schema.properties[parkingZoneAnswer]).toMatchObject({ type: 'string', 'x-derived': 'residentsParking' });
    const validate = answersValidator(parking);
    const answers = { givenName: 'Erika', familyName: 'Muster', address: { street: 'Markt', houseNumber: '8', postcode: '41812', town: 'Erkelenz' } };
    const zone = (value: unknown) => validate({ ...answers, [parkingZoneAnswer]: value });
    expect(zone('B'), JSON.stringify(validate.errors)).toBe(true);
    expect(zone('')).toBe(false);
    // Another form knows no zone: there it is an answer no page stores.
    expect(answersValidator(sampleDefinition)({ ...sampleAnswers, [parkingZoneAnswer]: 'B' })).toBe(false);
  });
});
