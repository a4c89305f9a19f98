import type { Answers } from '#modules/applications/definition/answers.ts';
import type { FormDefinition } from '#modules/applications/definition/schema.ts';
import type { PrintableLabels } from '../printable.ts';

/** A dog tax form with a question of every kind, conditions on a page, a field and a group, and rows of dogs. */
export const dogTax: FormDefinition = {
  key: 'hundesteuer-probe',
  title: { de: 'Anmeldung zur Hundesteuer', en: 'Dog tax registration', ls: 'Hund anmelden' },
  service: 'hundesteuer',
  needs: [{ de: 'Angaben zu jedem Hund' }],
  minutes: 10,
  pages: [
    {
      id: 'owner',
      title: { de: 'Wer hält den Hund?', en: 'Who keeps the dog?', ls: 'Wer hat den Hund?' },
      intro: { de: 'Die Angaben zur Person, die den Hund hält.', en: 'About the person keeping the dog.' },
      fields: [
        { type: 'text', id: 'familyName', label: { de: 'Familienname', en: 'Family name', ls: 'Nach-Name' }, required: true, maxLength: 100 },
        { type: 'address', id: 'address', label: { de: 'Anschrift', en: 'Address' }, hint: { de: 'Hierhin schicken wir den Bescheid.', en: 'We send the notice here.' }, required: true },
        { type: 'date', id: 'birthDate', label: { de: 'Geburtsdatum', en: 'Date of birth' }, required: true },
        { type: 'email', id: 'email', label: { de: 'E-Mail-Adresse', en: 'Email address' } },
        { type: 'phone', id: 'phone', label: { de: 'Telefonnummer', en: 'Phone number' } },
      ],
    },
    {
      id: 'dogsPage',
      title: { de: 'Ihre Hunde', en: 'Your dogs' },
      fields: [
        {
          type: 'group',
          id: 'dogs',
          label: { de: 'Hunde', en: 'Dogs' },
          itemLabel: { de: 'Hund {{number}}', en: 'Dog {{number}}' },
          min: 1,
          max: 10,
          fields: [
            { type: 'text', id: 'dogName', label: { de: 'Name des Hundes', en: 'Dog’s name' }, required: true, maxLength: 60 },
            {
              type: 'radio',
              id: 'kind',
              label: { de: 'Art des Hundes', en: 'Kind of dog' },
              required: true,
              options: [
                { value: 'ordinary', label: { de: 'gewöhnlicher Hund', en: 'ordinary dog' } },
                { value: 'listed', label: { de: 'Listenhund', en: 'listed breed' }, hint: { de: 'nach § 10 LHundG NRW', en: 'under section 10 LHundG NRW' } },
              ],
            },
            { type: 'date', id: 'since', label: { de: 'Bei Ihnen seit', en: 'Living with you since' }, required: true },
          ],
        },
      ],
    },
    {
      id: 'relief',
      title: { de: 'Ermäßigung', en: 'Reduction' },
      fields: [
        {
          type: 'checkboxes',
          id: 'reasons',
          label: { de: 'Gründe für eine Ermäßigung', en: 'Reasons for a reduction' },
          options: [
            { value: 'guide-dog', label: { de: 'Blindenführhund', en: 'guide dog' } },
            { value: 'rescue', label: { de: 'aus dem Tierheim', en: 'from an animal shelter' } },
            { value: 'low-income', label: { de: 'geringes Einkommen', en: 'low income' } },
          ],
        },
        { type: 'file', id: 'proof', label: { de: 'einen Nachweis über den Grund der Ermäßigung', en: 'proof of the reason for the reduction' }, when: { field: 'reasons', filled: true } },
        { type: 'checkbox', id: 'directDebit', label: { de: 'Ich möchte per Lastschrift zahlen.', en: 'I want to pay by direct debit.' } },
        { type: 'number', id: 'householdSize', label: { de: 'Personen im Haushalt', en: 'People in the household' }, min: 1, max: 20, when: { field: 'reasons', equals: 'low-income' } },
      ],
    },
    {
      id: 'payment',
      title: { de: 'Lastschrift', en: 'Direct debit' },
      when: { all: [{ field: 'familyName', filled: true }, { field: 'directDebit', equals: true }] },
      fields: [
        { type: 'iban', id: 'iban', label: { de: 'IBAN', en: 'IBAN' }, required: true },
        { type: 'select', id: 'interval', label: { de: 'Zahlweise', en: 'Payment interval' }, options: [{ value: 'yearly', label: { de: 'jährlich', en: 'yearly' } }, { value: 'quarterly', label: { de: 'vierteljährlich', en: 'quarterly' } }] },
      ],
    },
    {
      id: 'notes',
      title: { de: 'Sonst noch etwas?', en: 'Anything else?' },
      fields: [
        { type: 'textarea', id: 'remarks', label: { de: 'Bemerkungen', en: 'Remarks' }, maxLength: 2000 },
        { type: 'licencePlate', id: 'plate', label: { de: 'Kennzeichen des Hundeanhängers', en: 'Plate of the dog trailer' }, when: { not: { field: 'remarks', filled: true } } },
      ],
    },
  ],
  declaration: { de: 'Ich versichere, dass meine Angaben richtig und vollständig sind.', en: 'I confirm that my answers are true and complete.' },
  nextSteps: { de: 'Wir prüfen Ihre Anmeldung und schicken Ihnen den Bescheid.', en: 'We check your registration and send you the notice.' },
  retentionDays: 3650,
  access: 'anyone',
};

/** Answers as a draft keeps them: every kind of value, two dogs. */
export const dogTaxAnswers: Answers = {
  familyName: 'Weiß-Şahin',
  address: { street: 'Kölner Straße', houseNumber: '12a', postcode: '41812', town: 'Erkelenz' },
  birthDate: '1961-03-15',
  email: 'juergen.weiss@example.org',
  phone: '+4924311234',
  dogs: [
    { dogName: 'Bello', kind: 'ordinary', since: '2024-05-01' },
    { dogName: 'Luna', kind: 'listed', since: '2025-11-20' },
  ],
  reasons: ['rescue', 'low-income'],
  householdSize: 3,
  directDebit: true,
  iban: 'DE02370502990000684712',
  interval: 'quarterly',
  remarks: 'Luna kommt aus dem Tierheim Mönchengladbach.',
};

const quote = (text: string) => `„${text}“`;

export const printableLabels: PrintableLabels = {
  page: (page, pages) => `Seite ${page} von ${pages}`,
  sendTo: 'Bitte senden Sie das ausgefüllte Formular an:',
  optionalHint: 'Fragen mit „Pflichtangabe“ müssen Sie beantworten. Alle anderen Angaben sind freiwillig.',
  declaration: 'Erklärung',
  place: 'Ort',
  date: 'Datum',
  signature: 'Unterschrift',
  required: 'Pflichtangabe',
  yes: 'Ja',
  no: 'Nein',
  chooseOne: 'Bitte kreuzen Sie eines an.',
  chooseAny: 'Sie können mehrere ankreuzen.',
  dateFormat: 'TT.MM.JJJJ',
  enclose: (what) => `Bitte legen Sie bei: ${what}`,
  address: { street: 'Straße', houseNumber: 'Hausnummer', postcode: 'Postleitzahl', town: 'Ort' },
  moreRows: (printed) => `Mehr als ${printed}? Schreiben Sie die weiteren auf ein eigenes Blatt und legen Sie es bei.`,
  condition: {
    onlyIf: (condition) => `Nur ausfüllen, wenn ${condition}.`,
    quote,
    chosen: (field, choices) => `Sie bei ${field} ${choices} angekreuzt haben`,
    notChosen: (field, choices) => `Sie bei ${field} nicht ${choices} angekreuzt haben`,
    filled: (field) => `Sie ${field} ausgefüllt haben`,
    notFilled: (field) => `Sie ${field} nicht ausgefüllt haben`,
    atLeast: (field, amount) => `bei ${field} mindestens ${amount} steht`,
    fewer: (field, amount) => `bei ${field} weniger als ${amount} steht`,
    is: (field, value) => `bei ${field} ${value} steht`,
    isNot: (field, value) => `bei ${field} nicht ${value} steht`,
    and: 'und',
    or: 'oder',
  },
};

export const sendTo = ['Stadt Erkelenz', 'Steueramt', 'Johannismarkt 17', '41812 Erkelenz'];
