import { describe, expect, it } from 'vitest';
import { createI18n, translator } from '#kernel/i18n/i18n.ts';
import de from '../locales/ingest.de.json' with { type: 'json' };
import en from '../locales/ingest.en.json' with { type: 'json' };
import { describeProblem, fieldName, inspect, problemTypes, type Problem } from './index.ts';
import { bytesFile } from './test-files.ts';

const texts = async () => {
  const i18n = await createI18n({ opendata: { de, en } });
  return { de: translator(i18n, 'de'), en: translator(i18n, 'en') };
};

describe('describeProblem', () => {
  it('says where and what in German and English', async () => {
    const t = await texts();
    const { report } = await inspect(bytesFile('Name;Wert\nA;1\nB\n'), 'CSV');
    const [problem] = report.errors;
    expect(describeProblem(problem!, t.de)).toBe('Zeile 3, Spalte 2: In der Zeile fehlt eine Zelle.');
    expect(describeProblem(problem!, t.en)).toBe('Row 3, column 2: The row lacks one cell.');
    expect(describeProblem(problem!, t.en, { where: false })).toBe('The row lacks one cell.');
    const typeError: Problem = { type: 'type-error', row: 4, column: 2, field: 'wert', cell: 'zwölf', values: { type: 'integer' }, message: 'opendata:ingest.problems.type-error' };
    expect(describeProblem({ ...problem!, values: { count: 3 } }, t.de)).toBe('Zeile 3, Spalte 2: In der Zeile fehlen 3 Zellen.');
    expect(describeProblem(typeError, t.de)).toBe('Zeile 4, Spalte 2: „zwölf“ in „wert“ ist kein Wert vom Typ integer.');
  });

  it('has a sentence for every problem type in both languages, and one for an empty required cell', async () => {
    const t = await texts();
    for (const type of problemTypes) {
      const problem: Problem = { type, values: { count: 2 }, message: `opendata:ingest.problems.${type}` };
      // A missing text comes back as its key.
      for (const language of [t.de, t.en]) expect(describeProblem(problem, language)).not.toMatch(/ingest\.problems|opendata:/);
    }
    const required: Problem = { type: 'constraint-error', row: 2, column: 1, field: 'name', values: { constraint: 'required' }, message: 'opendata:ingest.problems.constraint-error' };
    expect(describeProblem(required, t.de)).toBe('Zeile 2, Spalte 1: „name“ darf nicht leer sein.');
    expect(describeProblem({ ...required, row: undefined, column: undefined }, t.en)).toBe('“name” must not be empty.');
  });
});

describe('fieldName', () => {
  it('makes lower-case ASCII snake case of a German header', () => {
    expect(fieldName('Einwohner 2023')).toBe('einwohner_2023');
    expect(fieldName('Größe (m²) – Übersicht')).toBe('groesse_m2_uebersicht');
    expect(fieldName('  _id ')).toBe('id');
    expect(fieldName('2023')).toBe('f_2023');
    expect(fieldName('€')).toBe('');
  });
});
