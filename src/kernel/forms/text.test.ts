import { describe, expect, it } from 'vitest';
import type { ListDef, TextDef } from './fields.ts';
import { cleanText, parseList, parseText, single } from './text.ts';

const text = (field: Partial<TextDef> = {}): TextDef => ({ kind: 'text', label: 'x', ...field });

describe('text fields', () => {
  it('trims, composes Unicode and keeps what was typed', () => {
    expect(parseText(text(), '  Erika Mustermann ')).toEqual({ ok: true, value: 'Erika Mustermann' });
    // "ä" as a plus combining diaeresis is stored as the one character people mean.
    expect(parseText(text(), 'Ka\u0308the')).toEqual({ ok: true, value: 'Käthe' });
    expect(parseText(text(), '')).toEqual({ ok: true, value: '' });
    expect(parseText(text(), undefined)).toEqual({ ok: true, value: '' });
  });

  it('refuses an empty or blank required field', () => {
    expect(parseText(text({ required: true }), '')).toEqual({ ok: false, error: { code: 'required' } });
    expect(parseText(text({ required: true }), ' \t \u0000 ')).toEqual({ ok: false, error: { code: 'required' } });
  });

  it('removes control characters; one line turns tabs and breaks into spaces, several keep line breaks', () => {
    expect(parseText(text(), 'Bahn\u0000hof\u001b[31m\u0007str.')).toEqual({ ok: true, value: 'Bahnhof[31mstr.' });
    expect(parseText(text(), 'Zeile 1\r\nZeile\t2')).toEqual({ ok: true, value: 'Zeile 1 Zeile 2' });
    expect(parseText({ kind: 'textarea' }, 'Zeile 1\r\nZeile\u00002\r\u0085drei')).toEqual({ ok: true, value: 'Zeile 1\nZeile2\ndrei' });
    expect(cleanText('\ud800kaputt\udc00', false)).toBe('\ufffdkaputt\ufffd');
  });

  it('refuses a value that is too long or too short, saying the limit and the length as people count characters', () => {
    expect(parseText(text({ maxLength: 5 }), 'Erkelenz')).toEqual({ ok: false, error: { code: 'too-long', values: { max: 5, length: 8 } } });
    // An emoji with its skin tone and a flag are one character each.
    expect(parseText(text({ maxLength: 3 }), '👍🏽🇩🇪a')).toEqual({ ok: true, value: '👍🏽🇩🇪a' });
    expect(parseText(text(), 'x'.repeat(20_000))).toEqual({ ok: false, error: { code: 'too-long', values: { max: 200, length: 20_000 } } });
    expect(parseText(text({ minLength: 5 }), 'abc')).toEqual({ ok: false, error: { code: 'too-short', values: { min: 5, length: 3 } } });
  });

  it('refuses two values for one field, and anything that is not text', () => {
    expect(parseText(text(), ['eins', 'zwei'])).toEqual({ ok: false, error: { code: 'multiple' } });
    expect(parseText(text(), ['eins'])).toEqual({ ok: true, value: 'eins' });
    expect(parseText(text(), { $gt: '' })).toEqual({ ok: false, error: { code: 'invalid' } });
    expect(parseText(text(), [{ a: 1 }, 'b'])).toEqual({ ok: false, error: { code: 'invalid' } });
    expect(parseText(text(), 42)).toEqual({ ok: false, error: { code: 'invalid' } });
    expect(single([])).toEqual({ ok: true, value: '' });
  });

  it('checks a pattern against the whole value', () => {
    const postalCode = text({ pattern: '[0-9]{5}' });
    expect(parseText(postalCode, '41812')).toEqual({ ok: true, value: '41812' });
    expect(parseText(postalCode, '418123')).toEqual({ ok: false, error: { code: 'pattern' } });
    expect(parseText(postalCode, 'x41812')).toEqual({ ok: false, error: { code: 'pattern' } });
  });

  it('reads an e-mail address lower-cased, and refuses what mail cannot reach', () => {
    const email: TextDef = { kind: 'email', required: true };
    expect(parseText(email, ' Erika.Mustermann@Example.ORG ')).toEqual({ ok: true, value: 'erika.mustermann@example.org' });
    expect(parseText(email, 'erika@localhost')).toEqual({ ok: false, error: { code: 'email' } });
    expect(parseText(email, 'keine adresse')).toEqual({ ok: false, error: { code: 'email' } });
    expect(parseText(email, `${'a'.repeat(250)}@example.org`)).toMatchObject({ ok: false, error: { code: 'too-long' } });
  });

  it('takes a password exactly as typed, spaces included, and only up to its limit', () => {
    const password: TextDef = { kind: 'password', required: true };
    expect(parseText(password, ' geheim mit Leerzeichen ')).toEqual({ ok: true, value: ' geheim mit Leerzeichen ' });
    expect(parseText(password, '')).toEqual({ ok: false, error: { code: 'required' } });
    expect(parseText(password, 'x'.repeat(1025))).toMatchObject({ ok: false, error: { code: 'too-long', values: { max: 1024 } } });
  });
});

describe('list fields', () => {
  const lines: ListDef = { kind: 'lines', maxItems: 3 };
  it('reads one entry per line, dropping blank lines and pasted bullets', () => {
    expect(parseList(lines, '- Personalausweis\r\n\r\n• Meldebescheinigung\n  * Foto  ')).toEqual({ ok: true, value: ['Personalausweis', 'Meldebescheinigung', 'Foto'] });
    expect(parseList(lines, '')).toEqual({ ok: true, value: [] });
    expect(parseList({ ...lines, required: true }, '\n \n')).toEqual({ ok: false, error: { code: 'required' } });
  });

  it('refuses more entries than the field takes', () => {
    expect(parseList(lines, 'a\nb\nc\nd')).toEqual({ ok: false, error: { code: 'too-many', values: { max: 3, given: 4 } } });
  });

  it('reads terms separated by commas or lines, each once', () => {
    expect(parseList({ kind: 'terms' }, 'Perso, Ausweis\nPerso,,  Personalausweis ')).toEqual({ ok: true, value: ['Perso', 'Ausweis', 'Personalausweis'] });
  });

  it('refuses arrays and over-long text', () => {
    expect(parseList(lines, ['a', 'b'])).toEqual({ ok: false, error: { code: 'multiple' } });
    expect(parseList({ kind: 'terms', maxLength: 10 }, 'a, b, c, d, e, f')).toMatchObject({ ok: false, error: { code: 'too-long', values: { max: 10 } } });
  });
});
