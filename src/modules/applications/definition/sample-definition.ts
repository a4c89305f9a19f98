import type { FormDefinition } from './schema.ts';

/*
 * A definition with every field type, conditions on pages and fields, a group and a range of days: the
 * example the definition engine's tests read, write and check. Not a form the platform ships (forms/).
 */
export const sampleDefinition: FormDefinition = {
  key: 'beispiel-antrag',
  title: { de: 'Beispielantrag', en: 'Example application', ls: 'Ein Antrag zum Ausprobieren' },
  service: 'beispiel-leistung',
  needs: [{ de: 'Ihr Kennzeichen', en: 'Your licence plate' }],
  minutes: 10,
  pages: [
    {
      id: 'applicant',
      title: { de: 'Wer stellt den Antrag?', en: 'Who is applying?', ls: 'Wer sind Sie?' },
      fields: [
        { type: 'text', id: 'name', label: { de: 'Name', en: 'Name', ls: 'Ihr Name' }, required: true, prefill: 'name', maxLength: 100, fim: 'F60000227' },
        { type: 'email', id: 'email', label: { de: 'E-Mail-Adresse', en: 'Email address' }, prefill: 'email' },
        { type: 'phone', id: 'phone', label: { de: 'Telefon', en: 'Phone' }, prefill: 'phone' },
        { type: 'address', id: 'home', label: { de: 'Wohnanschrift', en: 'Home address' }, required: true, cityOnly: true, prefill: 'address' },
      ],
    },
    {
      id: 'vehicle',
      title: { de: 'Ihr Fahrzeug', en: 'Your vehicle' },
      fields: [
        { type: 'licencePlate', id: 'plate', label: { de: 'Kennzeichen', en: 'Licence plate' }, required: true },
        {
          type: 'radio',
          id: 'kind',
          label: { de: 'Art des Fahrzeugs', en: 'Kind of vehicle' },
          required: true,
          options: [
            { value: 'car', label: { de: 'Auto', en: 'Car' } },
            { value: 'motorbike', label: { de: 'Motorrad', en: 'Motorbike' }, hint: { de: 'Auch Roller', en: 'Scooters too' } },
          ],
        },
        { type: 'textarea', id: 'note', label: { de: 'Anmerkung zum Auto', en: 'Note on the car' }, maxLength: 500, when: { field: 'name', filled: true } },
      ],
    },
    {
      id: 'period',
      title: { de: 'Zeitraum', en: 'Period' },
      intro: { de: 'Höchstens ein Jahr im Voraus.', en: 'At most a year ahead.' },
      fields: [
        { type: 'date', id: 'from', label: { de: 'Von', en: 'From' }, required: true, min: '+1', max: '+365' },
        { type: 'date', id: 'to', label: { de: 'Bis', en: 'Until' }, required: true, min: '+1', notBefore: 'from' },
      ],
    },
    {
      id: 'household',
      title: { de: 'Haushalt', en: 'Household' },
      fields: [
        { type: 'checkbox', id: 'hasDogs', label: { de: 'Im Haushalt leben Hunde', en: 'Dogs live in the household' } },
        { type: 'number', id: 'adults', label: { de: 'Erwachsene', en: 'Adults' }, required: true, min: 1, max: 20 },
        {
          type: 'checkboxes',
          id: 'topics',
          label: { de: 'Themen', en: 'Topics' },
          options: [
            { value: 'waste', label: { de: 'Abfall', en: 'Waste' } },
            { value: 'parking', label: { de: 'Parken', en: 'Parking' } },
          ],
        },
      ],
    },
    {
      id: 'dogs',
      title: { de: 'Ihre Hunde', en: 'Your dogs' },
      when: { field: 'hasDogs', equals: true },
      fields: [
        {
          type: 'group',
          id: 'dog',
          label: { de: 'Hunde', en: 'Dogs' },
          itemLabel: { de: 'Hund {{number}}', en: 'Dog {{number}}' },
          min: 1,
          max: 3,
          fields: [
            { type: 'text', id: 'name', label: { de: 'Name des Hundes', en: "Dog's name" }, required: true, maxLength: 50 },
            {
              type: 'select',
              id: 'breed',
              label: { de: 'Rasse', en: 'Breed' },
              options: [
                { value: 'labrador', label: { de: 'Labrador', en: 'Labrador' } },
                { value: 'mix', label: { de: 'Mischling', en: 'Mixed breed' } },
              ],
            },
            { type: 'date', id: 'born', label: { de: 'Geboren am', en: 'Born on' }, max: '+0' },
          ],
        },
      ],
    },
    {
      id: 'payment',
      title: { de: 'Bezahlung', en: 'Payment' },
      fields: [
        { type: 'iban', id: 'iban', label: { de: 'IBAN', en: 'IBAN' }, when: { any: [{ field: 'kind', equals: 'car' }, { field: 'adults', atLeast: 3 }] } },
        { type: 'file', id: 'proof', label: { de: 'Nachweis', en: 'Proof' }, accept: ['application/pdf', 'image/jpeg'], maxBytes: 1024 * 1024 },
      ],
    },
  ],
  declaration: { de: 'Ich versichere, dass meine Angaben stimmen.', en: 'I confirm that my answers are true.' },
  nextSteps: { de: 'Wir melden uns.', en: 'We will be in touch.' },
  retentionDays: 365,
  access: 'anyone',
};

/** Answers to every page of the sample, as reading its pages stores them (dogs kept, a car, so an IBAN). */
export const sampleAnswers = {
  name: 'Erika Mustermann',
  email: 'erika@example.org',
  phone: '+492431850',
  home: { street: 'Markt', houseNumber: '25', postcode: '41812', town: 'Erkelenz' },
  plate: 'ERK-AB 123',
  kind: 'car',
  note: 'Erste Zeile\nZweite Zeile',
  from: '2026-12-02',
  to: '2026-12-24',
  hasDogs: true,
  adults: 2,
  topics: ['waste', 'parking'],
  dog: [
    { name: 'Bello', breed: 'labrador', born: '2020-05-01' },
    { name: 'Hasso', breed: null, born: null },
  ],
  iban: 'DE89370400440532013000',
  proof: { fileId: 'a'.repeat(64), filename: 'nachweis.pdf', mediaType: 'application/pdf', bytes: 122_880 },
};
