import { describe, expect, it } from 'vitest';
import { exampleValues, fill, placeholdersIn, prepareValues, toBlocks, unknownPlaceholders, type Placeholder } from './templates.ts';

const declared: Placeholder[] = [
  { name: 'service', type: 'text', example: 'Anwohnerparkausweis' },
  { name: 'startsAt', type: 'datetime', example: '2026-12-01T08:30:00Z' },
  { name: 'deadline', type: 'date', example: '2027-01-31' },
  { name: 'fee', type: 'money', example: '3050' },
  { name: 'count', type: 'number', example: '1234.5' },
  { name: 'form', type: 'url', example: '/formulare/1' },
];
const url = 'https://erkelenz.example';

describe('template placeholders', () => {
  it('finds the placeholders a text uses, each once', () => {
    expect(placeholdersIn('Guten Tag ((name)), ((service)) am ((startsAt)).', 'Betreff: ((service))')).toEqual(['name', 'service', 'startsAt']);
    expect(placeholdersIn('(( kein )) ((1x)) (single)')).toEqual([]);
  });

  it('names placeholders an editor used that the purpose does not offer', () => {
    expect(unknownPlaceholders(declared, 'Hallo ((name)), ((serivce)) in ((city)) – ((reference)) ((iban))')).toEqual(['serivce', 'iban']);
  });

  it('formats each type for the reader’s language and the city’s time zone', () => {
    const values = { service: ' Anwohnerparkausweis ', startsAt: '2026-12-01T08:30:00Z', deadline: '2027-01-31', fee: 3050, count: '1234.5', form: '/formulare/1' };
    const used = declared.map((placeholder) => placeholder.name);
    expect(prepareValues(declared, used, values, 'de', url)).toEqual({
      ok: true,
      values: { service: 'Anwohnerparkausweis', startsAt: '1. Dezember 2026 um 09:30 Uhr', deadline: '31. Januar 2027', fee: '30,50\u00a0€', count: '1.234,5', form: 'https://erkelenz.example/formulare/1' },
    });
    const english = prepareValues(declared, used, values, 'en', url);
    expect(english).toMatchObject({ ok: true, values: { startsAt: '1 December 2026 at 09:30', deadline: '31 January 2027', fee: '€30.50', count: '1,234.5' } });
  });

  it('refuses a missing value instead of leaving a blank, and a value of the wrong type', () => {
    const result = prepareValues(declared, ['service', 'startsAt', 'deadline', 'fee', 'form'], { service: '', startsAt: 'morgen', deadline: '2027-02-30x', fee: 12.5, form: 'javascript:alert(1)' }, 'de', url);
    expect(result).toEqual({
      ok: false,
      problems: [
        { name: 'service', problem: 'missing', type: 'text' },
        { name: 'startsAt', problem: 'invalid', type: 'datetime' },
        { name: 'deadline', problem: 'invalid', type: 'date' },
        { name: 'fee', problem: 'invalid', type: 'money' },
        { name: 'form', problem: 'invalid', type: 'url' },
      ],
    });
  });

  it('asks only for the values the version uses and ignores values it does not', () => {
    expect(prepareValues(declared, ['service'], { service: 'Hundesteuer', unrelated: 'x' }, 'de', url)).toEqual({ ok: true, values: { service: 'Hundesteuer' } });
    // An inherited property is not a value.
    expect(prepareValues(declared, ['service'], Object.create({ service: 'geerbt' }) as Record<string, string>, 'de', url)).toMatchObject({ ok: false });
  });

  it('fills in one pass, so a value cannot smuggle in another placeholder', () => {
    expect(fill('((service)) für ((name))', { service: '((name))', name: 'Erika' })).toBe('((name)) für Erika');
    expect(fill('((unknown)) bleibt', {})).toBe('((unknown)) bleibt');
  });

  it('gives the editor’s preview example values formatted like real ones', () => {
    expect(exampleValues(declared, 'de', url)).toMatchObject({ fee: '30,50\u00a0€', deadline: '31. Januar 2027' });
  });
});

describe('message structure', () => {
  it('turns blank-line separated text into paragraphs and "- " lines into lists', () => {
    expect(toBlocks('Guten Tag,\r\n\r\nIhr Termin:\n\n- Zeit: 9 Uhr\n- Ort: Rathaus\n\n\nMit freundlichen Grüßen\nIhre Stadtverwaltung')).toEqual([
      { kind: 'paragraph', text: 'Guten Tag,' },
      { kind: 'paragraph', text: 'Ihr Termin:' },
      { kind: 'list', items: ['Zeit: 9 Uhr', 'Ort: Rathaus'] },
      { kind: 'paragraph', text: 'Mit freundlichen Grüßen\nIhre Stadtverwaltung' },
    ]);
  });
});
