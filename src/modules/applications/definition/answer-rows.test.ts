import { describe, expect, it } from 'vitest';
import type { Answers } from './answers.ts';
import { answerRows } from './pages.ts';
import { sampleAnswers, sampleDefinition } from './sample-definition.ts';

const rowsOf = (language: 'de' | 'en', answers: Answers = sampleAnswers, easy = false) =>
  Object.fromEntries(answerRows(sampleDefinition, answers, language, easy).flatMap((section) => section.rows.map((row) => [row.row ? `${row.fieldId}${row.row}` : row.fieldId, row.text])));

describe('answers as people read them', () => {
  it('come as the shown pages in order, each with its title and answered fields', () => {
    const sections = answerRows(sampleDefinition, sampleAnswers, 'de');
    expect(sections.map((section) => section.title)).toEqual(['Wer stellt den Antrag?', 'Ihr Fahrzeug', 'Zeitraum', 'Haushalt', 'Ihre Hunde', 'Bezahlung']);
    expect(sections[0]!.rows.map((row) => row.label)).toEqual(['Name', 'E-Mail-Adresse', 'Telefon', 'Wohnanschrift']);
    const withoutDogs = answerRows(sampleDefinition, { ...sampleAnswers, hasDogs: false, kind: 'motorbike' }, 'en');
    expect(withoutDogs.map((section) => section.page.id)).toEqual(['applicant', 'vehicle', 'period', 'household', 'payment']);
    expect(withoutDogs.at(-1)!.rows.map((row) => row.fieldId)).toEqual(['proof']);
  });

  it('in German: days, option labels, Ja/Nein, IBAN in fours, a telephone number with its area code apart, an address on two lines, a file with its size, a group by rows', () => {
    expect(rowsOf('de')).toEqual({
      name: ['Erika Mustermann'],
      email: ['erika@example.org'],
      phone: ['02431 850'],
      home: ['Markt 25', '41812 Erkelenz'],
      plate: ['ERK-AB 123'],
      kind: ['Auto'],
      note: ['Erste Zeile', 'Zweite Zeile'],
      from: ['02.12.2026'],
      to: ['24.12.2026'],
      hasDogs: ['Ja'],
      adults: ['2'],
      topics: ['Abfall', 'Parken'],
      dog1: ['Name des Hundes: Bello', 'Rasse: Labrador', 'Geboren am: 01.05.2020'],
      dog2: ['Name des Hundes: Hasso'],
      iban: ['DE89 3704 0044 0532 0130 00'],
      proof: ['nachweis.pdf (120 KB)'],
    });
    expect(rowsOf('de', { ...sampleAnswers, hasDogs: false, adults: 12_000 })).toMatchObject({ hasDogs: ['Nein'], adults: ['12.000'] });
  });

  it('in English, with German where a text has no English', () => {
    const english = answerRows(sampleDefinition, sampleAnswers, 'en');
    expect(english[0]!.title).toBe('Who is applying?');
    expect(english[0]!.rows[3]).toEqual({ fieldId: 'home', label: 'Home address', text: ['Markt 25', '41812 Erkelenz'] });
    expect(rowsOf('en', { ...sampleAnswers, adults: 12_000 })).toMatchObject({ kind: ['Car'], hasDogs: ['Yes'], topics: ['Waste', 'Parking'], dog1: ["Dog's name: Bello", 'Breed: Labrador', 'Born on: 01.05.2020'], dog2: ["Dog's name: Hasso"], adults: ['12,000'], proof: ['nachweis.pdf (120 KB)'] });
  });

  it('in Leichte Sprache where written', () => {
    const easy = answerRows(sampleDefinition, sampleAnswers, 'de', true);
    expect(easy[0]!.title).toBe('Wer sind Sie?');
    expect(easy[0]!.rows.map((row) => row.label)).toEqual(['Ihr Name', 'E-Mail-Adresse', 'Telefon', 'Wohnanschrift']);
  });

  it('leave out fields without an answer', () => {
    const rows = rowsOf('de', { ...sampleAnswers, email: null, phone: '', topics: [], note: null });
    expect(rows).not.toHaveProperty('email');
    expect(rows).not.toHaveProperty('phone');
    expect(rows).not.toHaveProperty('topics');
    expect(rows).toHaveProperty('hasDogs');
  });

  it('give each row of a group as a block headed by its row label, every answer beside its question', () => {
    const dogs = answerRows(sampleDefinition, sampleAnswers, 'de').find((section) => section.page.id === 'dogs')!;
    expect(dogs.rows).toEqual([
      { fieldId: 'dog', row: 1, label: 'Hund 1', text: ['Name des Hundes: Bello', 'Rasse: Labrador', 'Geboren am: 01.05.2020'] },
      { fieldId: 'dog', row: 2, label: 'Hund 2', text: ['Name des Hundes: Hasso'] },
    ]);
    // A row label without a place for the number gets it after the label.
    const unnumbered = { ...sampleDefinition, pages: sampleDefinition.pages.map((page) => (page.id === 'dogs' ? { ...page, fields: page.fields.map((field) => (field.type === 'group' ? { ...field, itemLabel: { de: 'Hund' } } : field)) } : page)) };
    expect(answerRows(unnumbered, sampleAnswers, 'en').find((section) => section.page.id === 'dogs')!.rows.map((row) => row.label)).toEqual(['Hund 1', 'Hund 2']);
  });

  it('show a telephone number from abroad with its country, German ones the national way', () => {
    expect(rowsOf('de', { ...sampleAnswers, phone: '+4924311234' }).phone).toEqual(['02431 1234']);
    expect(rowsOf('en', { ...sampleAnswers, phone: '+31201234567' }).phone).toEqual(['+31 20 123 4567']);
  });
});
