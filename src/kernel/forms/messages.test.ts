import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/i18n.ts';
import de from '../i18n/locales/de.json' with { type: 'json' };
import en from '../i18n/locales/en.json' with { type: 'json' };
import { defineForm } from './fields.ts';
import { fieldMessage, formMessages } from './messages.ts';

const i18n = await createI18n({ kernel: { de, en }, test: { de: { fields: { fee: 'Gebühr {{number}}', amount: 'Betrag', name: 'Name', twin: '{{field}} auf Englisch' }, nameMissing: 'Wie heißen Sie?', taken: 'Die Adresse {{address}} ist vergeben.', day: 'Tag' }, en: { fields: { fee: 'Fee {{number}}', amount: 'Amount', name: 'Name', twin: '{{field}} in English' }, nameMissing: 'What is your name?', taken: 'The address {{address}} is taken.', day: 'day' } } });
const german = { t: i18n.getFixedT('de'), lang: 'de' } as const;
const english = { t: i18n.getFixedT('en'), lang: 'en' } as const;

const form = defineForm({
  id: 'test.messages',
  fields: {
    name: { kind: 'text', label: 'test:fields.name', required: true, messages: { required: 'test:nameMissing' } },
    fee: { kind: 'group', label: 'test:fields.fee', max: 3, fields: { amount: { kind: 'euros', label: 'test:fields.amount', max: 100_000 }, paid: { kind: 'date', label: 'test:day' } } },
    when: { kind: 'date', label: 'test:fields.name', min: '2026-01-01' },
    consent: { kind: 'checkbox', label: 'test:fields.name' },
    nameEn: { kind: 'text', label: 'test:fields.twin', labelValues: { field: { key: 'test:fields.name' } }, maxLength: 20 },
    proof: { kind: 'file', label: 'test:fields.name', accept: ['application/pdf'], maxBytes: 5 * 1024 * 1024 },
  },
});

describe('messages of a form', () => {
  it('uses the field’s own words first, then the kernel’s, naming the field as the form does', () => {
    expect(formMessages(german, { name: { code: 'required' }, consent: { code: 'required' } }, form)).toEqual({
      name: 'Wie heißen Sie?',
      consent: 'Bitte setzen Sie das Häkchen bei „Name“.',
    });
    expect(fieldMessage(english, 'name', { code: 'too-long', values: { max: 200, length: 250 } }, form)).toBe('“Name” must be at most 200 characters long; it is 250 now.');
  });

  it('names a field of a group row with the row, and shows amounts in the reader’s way', () => {
    expect(fieldMessage(german, 'fee2Amount', { code: 'euros-too-large', values: { max: 100_000 } }, form)).toBe('„Gebühr 2: Betrag“ darf höchstens 1.000,00\u00a0€ betragen.');
    expect(fieldMessage(english, 'fee2Amount', { code: 'euros-too-large', values: { max: 100_000 } }, form)).toBe('“Fee 2: Amount” must be at most €1,000.00.');
    expect(fieldMessage(german, 'fee1Amount', { code: 'euros-cents' }, form)).toBe('Bei „Gebühr 1: Betrag“ sind höchstens zwei Stellen nach dem Komma möglich (Cent), zum Beispiel 46,50.');
  });

  it('names the row also where a sentence does not name its field, such as a day typed wrongly', () => {
    expect(fieldMessage(german, 'fee2Paid', { code: 'date-format' }, form)).toBe('Gebühr 2: Tag – Bitte geben Sie das Datum als Tag, Monat und Jahr mit Punkten an, zum Beispiel 01.12.2026.');
    expect(fieldMessage(english, 'fee3Paid', { code: 'date-day', values: { day: 31, month: 4, year: 2026, daysInMonth: 30 } }, form)).toBe('Fee 3: day – There is no 31.04.2026: April 2026 has 30 days.');
    // Said once, not twice, where the sentence names it already; a field outside a row stays as it was.
    expect(fieldMessage(german, 'fee2Paid', { code: 'date-too-early', values: { min: '2026-01-01' } }, form)).toBe('„Gebühr 2: Tag“ darf nicht vor dem 01.01.2026 liegen.');
    expect(fieldMessage(german, 'when', { code: 'date-format' }, form)).toBe('Bitte geben Sie das Datum als Tag, Monat und Jahr mit Punkten an, zum Beispiel 01.12.2026.');
  });

  it('explains refused days with the days the month has, and limits the German way', () => {
    expect(fieldMessage(german, 'when', { code: 'date-day', values: { day: 31, month: 2, year: 2026, daysInMonth: 28 } }, form)).toBe('Den 31.02.2026 gibt es nicht: Der Februar 2026 hat 28 Tage.');
    expect(fieldMessage(english, 'when', { code: 'date-day', values: { day: 31, month: 4, year: 2026, daysInMonth: 30 } }, form)).toBe('There is no 31.04.2026: April 2026 has 30 days.');
    expect(fieldMessage(german, 'when', { code: 'date-too-early', values: { min: '2026-01-01' } }, form)).toBe('„Name“ darf nicht vor dem 01.01.2026 liegen.');
    expect(fieldMessage(german, 'when', { code: 'date-format' }, form)).toBe('Bitte geben Sie das Datum als Tag, Monat und Jahr mit Punkten an, zum Beispiel 01.12.2026.');
  });

  it('says why the file store refused a file, with its limit and the types it takes', () => {
    expect(fieldMessage(german, 'proof', { code: 'file-too-large', values: { maxBytes: 5 * 1024 * 1024, accept: 'application/pdf' } }, form)).toBe('Die Datei ist zu groß. Erlaubt sind höchstens 5 MB.');
    expect(fieldMessage(german, 'proof', { code: 'file-type-not-allowed', values: { maxBytes: 1, accept: 'application/pdf,image/jpeg' } }, form)).toBe('Dateien dieser Art werden hier nicht angenommen. Erlaubt sind: PDF, JPEG.');
    expect(fieldMessage(german, 'proof', { code: 'required' }, form)).toBe('Bitte wählen Sie für „Name“ eine Datei aus.');
  });

  it('says what is wrong with an IBAN or a telephone number, naming the country by its name', () => {
    expect(fieldMessage(german, 'name', { code: 'iban-check' }, form)).toBe('Die IBAN ist nicht gültig: die Prüfziffern stimmen nicht. Bitte vergleichen Sie jede Stelle, zum Beispiel mit Ihrer Bankkarte oder einem Kontoauszug.');
    expect(fieldMessage(german, 'name', { code: 'iban-length', values: { country: 'NL', expected: 18, length: 17 } }, form)).toBe('Die IBAN ist nicht gültig: eine IBAN mit dem Länderkennzeichen NL (Niederlande) hat 18 Stellen, diese hat 17.');
    expect(fieldMessage(english, 'name', { code: 'iban-length', values: { country: 'DE', expected: 22, length: 21 } }, form)).toBe('The IBAN is not valid: an IBAN with the country code DE (Germany) has 22 characters; this one has 21.');
    expect(fieldMessage(german, 'name', { code: 'iban-country', values: { country: 'US' } }, form)).toBe('Die IBAN ist nicht gültig: „US“ ist kein Länderkennzeichen einer IBAN. Eine IBAN beginnt mit dem Kennzeichen des Landes, zum Beispiel DE.');
    expect(fieldMessage(german, 'name', { code: 'iban-format' }, form)).toBe('Bitte geben Sie bei „Name“ eine IBAN an: zwei Buchstaben für das Land, zwei Prüfziffern und die Kontonummer, zum Beispiel DE89 3704 0044 0532 0130 00.');
    expect(fieldMessage(german, 'name', { code: 'phone-letters' }, form)).toBe('Bei „Name“ sind nur Ziffern möglich, keine Buchstaben, zum Beispiel 02431 85-0.');
    expect(fieldMessage(german, 'name', { code: 'phone-format' }, form)).toBe('Bitte geben Sie bei „Name“ eine Telefonnummer mit Vorwahl an, zum Beispiel 02431 85-0 oder +49 2431 850.');
    expect(fieldMessage(english, 'name', { code: 'phone-too-short' }, form)).toBe('The telephone number for “Name” is too short. Please enter it with its area code, for example 02431 85-0.');
    expect(fieldMessage(german, 'name', { code: 'phone-too-long' }, form)).toBe('Die Telefonnummer bei „Name“ ist zu lang: Eine Telefonnummer hat mit Ländervorwahl höchstens 15 Ziffern.');
  });

  it('takes a module’s message key as a code, translating values that are keys themselves', () => {
    expect(fieldMessage(german, 'name', { code: 'test:taken', values: { address: 'perso' } }, form)).toBe('Die Adresse perso ist vergeben.');
    expect(fieldMessage(english, 'name', { code: 'test:taken', values: { address: { key: 'test:day' } } }, form)).toBe('The address day is taken.');
  });

  it('names a field whose label takes values, translating those that are keys', () => {
    expect(fieldMessage(german, 'nameEn', { code: 'too-long', values: { max: 20, length: 21 } }, form)).toBe('„Name auf Englisch“ darf höchstens 20 Zeichen lang sein; jetzt sind es 21.');
    expect(fieldMessage(english, 'nameEn', { code: 'required' }, form)).toBe('Please fill in “Name in English”.');
  });

  it('falls back to a plain "not valid" for a code nobody declared, and to the input name without a definition', () => {
    expect(formMessages(german, { mystery: { code: 'gibt-es-nicht' } })).toEqual({ mystery: '„mystery“ hat einen unzulässigen Wert.' });
  });
});
