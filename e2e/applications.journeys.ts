import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { addDays, todayInBerlin } from '#kernel/calendar.ts';
import { formatDay } from '#kernel/dates.ts';

/*
 * What a citizen enters in each of the seven shipped forms, page by page, as the browser journeys in
 * applications.e2e.ts go through them: the answers, the one mistake made on the way with the message it
 * earns, the answer changed from "Angaben prüfen", and what the case then holds.
 */

type Fill = (page: Page) => Promise<void>;

export interface Step {
  /** The page's heading, which names the question. */
  title: string;
  fill: Fill;
  /** A wrong entry made first: the page is refused and says this message at the field with this label. */
  mistake?: { fill: Fill; label: string; message: string | RegExp };
}

export interface Journey {
  key: string;
  /** The catalogue's service the form serves; the contact form serves none and is opened directly. */
  service: string | null;
  title: string;
  steps: Step[];
  /** What "Angaben prüfen" shows in a section, by the section's title. */
  check: [section: string, shows: string][];
  /** The answer changed through a section's "Ändern": the page, the new entry, and what the check then shows. */
  change: { title: string; fill: Fill; shows: string };
  /** Asserts on the answers the case holds. */
  stored(answers: Record<string, unknown>): void;
}

/** A day some days from today, as a person types it. */
const inDays = (days: number) => formatDay(addDays(todayInBerlin(), days));
const isoInDays = (days: number) => addDays(todayInBerlin(), days);

/** A small real PDF, as a scan saved from a phone would be. */
function samplePdf(title: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const document = new PDFDocument({ size: 'A4', info: { Title: title } });
    const chunks: Buffer[] = [];
    document.on('data', (chunk: Buffer) => chunks.push(chunk));
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
    document.text(title);
    document.end();
  });
}

/** A small real PNG, as a photo of a paper would be (without the pixels of one). */
function samplePng(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: '#f4f1ea' } }).png().toBuffer();
}

const name = (given: string, family: string): Fill => async (page) => {
  await page.getByLabel('Vorname', { exact: true }).fill(given);
  await page.getByLabel('Familienname', { exact: true }).fill(family);
};

/** An address in the city (a street of its register): the town is known, so only street, number and postcode are asked. */
const cityAddress = (label: string, street: string, houseNumber: string): Fill => async (page) => {
  expect(await page.getByLabel(`${label}: Ort`).count(), 'the town is not asked').toBe(0);
  await page.getByLabel(`${label}: Straße`).fill(street);
  await page.getByLabel(`${label}: Hausnummer`).fill(houseNumber);
  await page.getByLabel(`${label}: Postleitzahl`).fill('41812');
};

const choose = (label: string): Fill => (page) => page.getByRole('radio', { name: label, exact: true }).check();

const pick = (label: string, option: string): Fill => async (page) => {
  await page.getByLabel(label, { exact: true }).selectOption({ label: option });
};

const upload = (label: string, file: { name: string; mimeType: string; buffer: () => Promise<Buffer> }): Fill => async (page) => {
  await page.getByLabel(label, { exact: true }).setInputFiles({ name: file.name, mimeType: file.mimeType, buffer: await file.buffer() });
};

const fillIn = (values: Record<string, string>): Fill => async (page) => {
  for (const [label, value] of Object.entries(values)) await page.getByLabel(label, { exact: true }).fill(value);
};

const nothing: Fill = async () => undefined;

const contactDetails = (phone: string, email: string): Fill => fillIn({ 'Telefonnummer (optional)': phone, 'E-Mail-Adresse (optional)': email });

const dog = (number: number, values: { name: string; breed: string; born: string; since: string; chip?: string }): Fill => async (page) => {
  const row = page.getByRole('group', { name: `Hund ${number}`, exact: true });
  await row.getByLabel('Name des Hundes').fill(values.name);
  await row.getByLabel('Rasse oder Mischling').fill(values.breed);
  await row.getByLabel('Geburtsdatum').fill(values.born);
  await row.getByLabel('Bei Ihnen seit').fill(values.since);
  if (values.chip) await row.getByLabel('Nummer des Mikrochips').fill(values.chip);
};

/**
 * Two dogs, the second added from "Angaben prüfen": the dogs page offers one empty row more than it holds, so a
 * second dog is entered when the page is shown again. With a dog of a listed breed, the permit is uploaded on
 * the page that then appears.
 */
export const dogTax = (listedBreed: boolean): Journey => ({
  key: 'hundesteuer-anmeldung',
  service: 'hund-anmelden',
  title: 'Hund zur Hundesteuer anmelden',
  steps: [
    { title: 'Wie heißen Sie?', fill: name('Erika', 'Mustermann') },
    { title: 'Wo wohnen Sie mit dem Hund?', fill: cityAddress('Ihre Anschrift', 'Markt', '8') },
    { title: 'Wie erreichen wir Sie bei Rückfragen?', fill: contactDetails('02431 85-0', 'erika.hund@example.org') },
    {
      title: 'Welche Hunde halten Sie?',
      mistake: { fill: dog(1, { name: 'Bello', breed: 'Labrador', born: '30.02.2021', since: '01.03.2024' }), label: 'Geburtsdatum', message: 'Den 30.02.2021 gibt es nicht: Der Februar 2021 hat 28 Tage.' },
      fill: dog(1, { name: 'Bello', breed: 'Labrador', born: '12.05.2021', since: '01.03.2024', chip: '276098106123456' }),
    },
    { title: 'Gehört einer der Hunde zu den Rassen nach § 3 Absatz 2 oder § 10 LHundG NRW?', fill: choose(listedBreed ? 'Ja' : 'Nein') },
    ...(listedBreed
      ? [
          {
            title: 'Erlaubnis oder Sachkundenachweis',
            mistake: { fill: fillIn({ 'Ausgestellt am': '01.06.2024' }), label: 'Erlaubnis oder Sachkundenachweis', message: 'Bitte wählen Sie für „Erlaubnis oder Sachkundenachweis“ eine Datei aus.' },
            fill: async (page: Page) => {
              await upload('Erlaubnis oder Sachkundenachweis', { name: 'erlaubnis.pdf', mimeType: 'application/pdf', buffer: () => samplePdf('Erlaubnis nach § 10 LHundG NRW') })(page);
              await fillIn({ 'Ausgestellt am': '01.06.2024' })(page);
            },
          },
        ]
      : []),
    { title: 'Möchten Sie die Hundesteuer per Lastschrift zahlen?', fill: (page) => page.getByLabel('Ich möchte am Lastschriftverfahren teilnehmen').check() },
    {
      title: 'Ihr Konto für die Lastschrift',
      fill: async (page) => {
        await fillIn({ 'Kontoinhaberin oder Kontoinhaber': 'Erika Mustermann', IBAN: 'DE89 3704 0044 0532 0130 00' })(page);
        await page.getByLabel(/^SEPA-Lastschriftmandat/).check();
      },
    },
  ],
  check: [
    ['Wo wohnen Sie mit dem Hund?', 'Markt 8'],
    ['Welche Hunde halten Sie?', 'Hund 1 Name des Hundes: Bello Rasse oder Mischling: Labrador Geburtsdatum: 12.05.2021'],
    ['Ihr Konto für die Lastschrift', 'DE89 3704 0044 0532 0130 00'],
  ],
  change: { title: 'Welche Hunde halten Sie?', fill: dog(2, { name: 'Luna', breed: 'Mischling', born: '03.09.2022', since: '15.10.2022' }), shows: 'Hund 2 Name des Hundes: Luna Rasse oder Mischling: Mischling Geburtsdatum: 03.09.2022 Bei Ihnen seit: 15.10.2022' },
  stored(answers) {
    expect(answers.dogs).toMatchObject([{ dogName: 'Bello', dateOfBirth: '2021-05-12' }, { dogName: 'Luna', breed: 'Mischling' }]);
    expect(answers).toMatchObject({ listedBreed: listedBreed ? 'yes' : 'no', directDebit: true, iban: 'DE89370400440532013000', mandate: true });
    expect(answers.permitFile ?? null).toEqual(listedBreed ? expect.objectContaining({ filename: 'erlaubnis.pdf', mediaType: 'application/pdf' }) : null);
  },
});

export const residentsParking: Journey = {
  key: 'bewohnerparkausweis',
  service: 'bewohnerparkausweis',
  title: 'Bewohnerparkausweis beantragen',
  steps: [
    { title: 'Wie heißen Sie?', fill: name('Jonas', 'Becker') },
    { title: 'Wo wohnen Sie?', fill: cityAddress('Ihre Anschrift', 'Johannismarkt', '3') },
    {
      title: 'Welches Kennzeichen hat das Fahrzeug?',
      mistake: { fill: fillIn({ Kennzeichen: '123 ERK' }), label: 'Kennzeichen', message: /Kennzeichen an, wie es auf dem Schild steht/ },
      fill: fillIn({ Kennzeichen: 'erk-jb 204' }),
    },
    { title: 'Wem gehört das Fahrzeug?', fill: choose('geleast oder langfristig gemietet') },
    { title: 'Bestätigung der Halterin oder des Halters', fill: upload('Bestätigung', { name: 'leasingbestaetigung.pdf', mimeType: 'application/pdf', buffer: () => samplePdf('Leasingbestätigung') }) },
    { title: 'Zulassungsbescheinigung Teil I', fill: upload('Zulassungsbescheinigung Teil I', { name: 'zulassung.png', mimeType: 'image/png', buffer: samplePng }) },
    { title: 'Wie erreichen wir Sie bei Rückfragen?', fill: contactDetails('0171 2345678', '') },
  ],
  check: [
    ['Wo wohnen Sie?', 'Zone A'],
    ['Welches Kennzeichen hat das Fahrzeug?', 'ERK-JB 204'],
    ['Bestätigung der Halterin oder des Halters', 'leasingbestaetigung.pdf'],
    ['Zulassungsbescheinigung Teil I', 'zulassung.png'],
  ],
  change: { title: 'Wie erreichen wir Sie bei Rückfragen?', fill: contactDetails('0171 2345678', 'jonas.becker@example.org'), shows: 'jonas.becker@example.org' },
  stored(answers) {
    expect(answers).toMatchObject({ licencePlate: 'ERK-JB 204', vehicleUse: 'leased', phone: '+491712345678', email: 'jonas.becker@example.org', parkingZone: 'A' });
    expect(answers.registrationCertificate).toMatchObject({ filename: 'zulassung.png', mediaType: 'image/png' });
  },
};

const bulkyItem = (number: number, item: string, count: string, description = ''): Fill => async (page) => {
  const row = page.getByRole('group', { name: `Gegenstand ${number}`, exact: true });
  await row.getByLabel('Gegenstand', { exact: true }).selectOption({ label: item });
  await row.getByLabel('Anzahl').fill(count);
  if (description) await row.getByLabel('Beschreibung').fill(description);
};

export const bulkyWaste: Journey = {
  key: 'sperrmuell',
  service: 'sperrmuell',
  title: 'Sperrmüll anmelden',
  steps: [
    { title: 'Wie heißen Sie?', fill: name('Petra', 'Schmitz') },
    { title: 'Wo sollen wir den Sperrmüll abholen?', fill: cityAddress('Anschrift', 'Kölner Straße', '12a') },
    { title: 'Was sollen wir abholen?', fill: bulkyItem(1, 'Sofa oder Couch', '1', 'Dreisitzer, grau') },
    {
      title: 'Wann sollen wir abholen?',
      mistake: { fill: fillIn({ Wunschtermin: inDays(2) }), label: 'Wunschtermin', message: `„Wunschtermin“ darf nicht vor dem ${inDays(7)} liegen.` },
      fill: fillIn({ Wunschtermin: inDays(14) }),
    },
    { title: 'Wo stellen Sie die Gegenstände bereit?', fill: choose('Am Straßenrand vor dem Haus') },
    { title: 'Wie erreichen wir Sie bei Rückfragen?', fill: contactDetails('', 'petra.schmitz@example.org') },
  ],
  check: [
    ['Was sollen wir abholen?', 'Gegenstand 1 Gegenstand: Sofa oder Couch Anzahl: 1 Beschreibung: Dreisitzer, grau'],
    ['Wann sollen wir abholen?', inDays(14)],
    ['Wo stellen Sie die Gegenstände bereit?', 'Am Straßenrand vor dem Haus'],
  ],
  change: { title: 'Was sollen wir abholen?', fill: bulkyItem(2, 'Matratze', '2'), shows: 'Gegenstand 2 Gegenstand: Matratze Anzahl: 2' },
  stored(answers) {
    expect(answers.items).toMatchObject([{ item: 'sofa', count: 1 }, { item: 'mattress', count: 2 }]);
    expect(answers).toMatchObject({ pickupDate: isoInDays(14), placement: 'kerb' });
  },
};

export const registrationCertificate: Journey = {
  key: 'meldebescheinigung',
  service: 'meldebescheinigung',
  title: 'Meldebescheinigung beantragen',
  steps: [
    {
      title: 'Welche Meldebescheinigung brauchen Sie?',
      mistake: { fill: nothing, label: 'Art der Bescheinigung', message: 'Bitte wählen Sie bei „Art der Bescheinigung“ eine Antwort aus.' },
      fill: choose('Einfache Meldebescheinigung'),
    },
    { title: 'Wofür brauchen Sie die Bescheinigung?', fill: fillIn({ 'Zweck (optional)': 'Vorlage beim Arbeitgeber' }) },
    { title: 'Wie heißen Sie?', fill: name('Ahmet', 'Yılmaz') },
    { title: 'Wann sind Sie geboren?', fill: fillIn({ Geburtsdatum: '7.4.1988' }) },
    { title: 'Unter welcher Anschrift sind Sie gemeldet?', fill: cityAddress('Anschrift', 'Bahnhofstraße', '21') },
  ],
  check: [
    ['Welche Meldebescheinigung brauchen Sie?', 'Einfache Meldebescheinigung'],
    ['Wann sind Sie geboren?', '07.04.1988'],
    ['Unter welcher Anschrift sind Sie gemeldet?', 'Bahnhofstraße 21'],
  ],
  change: { title: 'Welche Meldebescheinigung brauchen Sie?', fill: choose('Erweiterte Meldebescheinigung'), shows: 'Erweiterte Meldebescheinigung' },
  stored(answers) {
    expect(answers).toMatchObject({ certificateKind: 'extended', givenName: 'Ahmet', familyName: 'Yılmaz', dateOfBirth: '1988-04-07' });
  },
};

export const specialUse: Journey = {
  key: 'sondernutzung',
  service: 'sondernutzungserlaubnis',
  title: 'Öffentliche Straße nutzen (Sondernutzung)',
  steps: [
    { title: 'Wofür möchten Sie die Straße nutzen?', fill: choose('Container oder Mulde') },
    {
      title: 'Wo möchten Sie die Straße nutzen?',
      fill: async (page) => {
        await cityAddress('Anschrift', 'Brückstraße', '5')(page);
        await page.getByLabel('Welche Fläche genau?').fill('Parkstreifen vor dem Haus, zwei Stellplätze');
      },
    },
    {
      title: 'Wann möchten Sie die Fläche nutzen?',
      mistake: { fill: fillIn({ Von: inDays(28), Bis: inDays(21) }), label: 'Bis', message: '„Bis“ darf nicht vor „Von“ liegen.' },
      fill: fillIn({ Von: inDays(21), Bis: inDays(28) }),
    },
    { title: 'Wie groß ist die Fläche?', fill: fillIn({ 'Fläche in Quadratmetern': '12' }) },
    { title: 'Lageplan oder Skizze', fill: upload('Lageplan oder Skizze', { name: 'lageplan.pdf', mimeType: 'application/pdf', buffer: () => samplePdf('Lageplan Brückstraße 5') }) },
    { title: 'Für wen stellen Sie den Antrag?', fill: choose('für eine Firma, einen Verein oder eine andere Organisation') },
    { title: 'Wie heißt die Firma oder Organisation?', fill: fillIn({ Name: 'Dachdeckerei Hensen GmbH' }) },
    { title: 'Wie heißen Sie?', fill: name('Maria', 'Hensen') },
    {
      title: 'An welche Anschrift schicken wir die Erlaubnis?',
      fill: fillIn({ 'Anschrift: Straße': 'Industriestraße', 'Anschrift: Hausnummer': '40', 'Anschrift: Postleitzahl': '41812', 'Anschrift: Ort': 'Erkelenz' }),
    },
    { title: 'Wie erreichen wir Sie?', fill: fillIn({ Telefonnummer: '02431 123456', 'E-Mail-Adresse (optional)': 'info@hensen.example' }) },
  ],
  check: [
    ['Wann möchten Sie die Fläche nutzen?', inDays(21)],
    ['Lageplan oder Skizze', 'lageplan.pdf'],
    ['Wie heißt die Firma oder Organisation?', 'Dachdeckerei Hensen GmbH'],
  ],
  change: { title: 'Wie groß ist die Fläche?', fill: fillIn({ 'Fläche in Quadratmetern': '18' }), shows: '18' },
  stored(answers) {
    expect(answers).toMatchObject({ useKind: 'container', startDate: isoInDays(21), endDate: isoInDays(28), areaSquareMetres: 18, applicantKind: 'company' });
    expect(answers.plan).toMatchObject({ filename: 'lageplan.pdf', mediaType: 'application/pdf' });
  },
};

export const kitaPlace: Journey = {
  key: 'kita-platz',
  service: 'kita-platz',
  title: 'Kind für einen Kita-Platz anmelden',
  steps: [
    { title: 'Wie heißen Sie?', fill: name('Laura', 'Jansen') },
    {
      title: 'Wo wohnen Sie mit Ihrem Kind?',
      mistake: { fill: fillIn({ 'Anschrift: Straße': 'Goswinstraße', 'Anschrift: Hausnummer': '2', 'Anschrift: Postleitzahl': '4181' }), label: 'Anschrift: Postleitzahl', message: /eine Postleitzahl aus fünf Ziffern/ },
      fill: cityAddress('Anschrift', 'Goswinstraße', '2'),
    },
    { title: 'Wie erreichen wir Sie?', fill: contactDetails('02431 998877', 'laura.jansen@example.org') },
    {
      title: 'Für welches Kind suchen Sie einen Platz?',
      fill: async (page) => {
        const row = page.getByRole('group', { name: 'Kind 1', exact: true });
        await row.getByLabel('Vorname des Kindes').fill('Mia');
        await row.getByLabel('Familienname des Kindes').fill('Jansen');
        await row.getByLabel('Geburtsdatum des Kindes').fill(inDays(-400));
      },
    },
    { title: 'Ab wann brauchen Sie den Platz?', fill: fillIn({ 'Gewünschter Beginn': inDays(120) }) },
    { title: 'Wie viele Stunden Betreuung brauchen Sie in der Woche?', fill: choose('35 Stunden') },
    {
      title: 'Welche Kitas wünschen Sie sich?',
      fill: async (page) => {
        await page.getByRole('checkbox', { name: 'Kita am Markt, Innenstadt (Beispiel)' }).check();
        await page.getByRole('checkbox', { name: 'Waldkita Schwanenberg (Beispiel)' }).check();
      },
    },
    { title: 'Sind Sie berufstätig?', fill: (page) => page.getByRole('checkbox', { name: 'Ich bin berufstätig.' }).check() },
    { title: 'Geht ein Geschwisterkind schon in eine Kita?', fill: choose('Nein') },
    { title: 'Möchten Sie uns noch etwas mitteilen?', fill: fillIn({ 'Ihre Nachricht (optional)': 'Mia verträgt keine Nüsse.' }) },
  ],
  check: [
    ['Für welches Kind suchen Sie einen Platz?', 'Kind 1 Vorname des Kindes: Mia Familienname des Kindes: Jansen'],
    ['Welche Kitas wünschen Sie sich?', 'Waldkita Schwanenberg (Beispiel)'],
    ['Wie viele Stunden Betreuung brauchen Sie in der Woche?', '35 Stunden'],
  ],
  change: { title: 'Wie viele Stunden Betreuung brauchen Sie in der Woche?', fill: choose('45 Stunden'), shows: '45 Stunden' },
  stored(answers) {
    expect(answers).toMatchObject({ careHours: '45', preferredKitas: ['example-town-centre', 'example-schwanenberg'], employment: ['applicant-working'], siblingInKita: 'no' });
    expect(answers.children).toMatchObject([{ childGivenName: 'Mia', childDateOfBirth: isoInDays(-400) }]);
  },
};

export const contact: Journey = {
  key: 'kontakt',
  service: null,
  title: 'Nachricht an die Stadtverwaltung',
  steps: [
    { title: 'Worum geht es?', fill: pick('Thema', 'Eine Frage') },
    {
      title: 'Ihre Nachricht',
      mistake: { fill: nothing, label: 'Was möchten Sie uns mitteilen?', message: 'Bitte füllen Sie das Feld „Was möchten Sie uns mitteilen?“ aus.' },
      fill: fillIn({ 'Was möchten Sie uns mitteilen?': 'Wann hat der Wertstoffhof samstags geöffnet?' }),
    },
    { title: 'Möchten Sie eine Datei mitschicken?', fill: upload('Datei (optional)', { name: 'foto.png', mimeType: 'image/png', buffer: samplePng }) },
    { title: 'Wie heißen Sie?', fill: name('Hans', 'Peters') },
    { title: 'Wie sollen wir Ihnen antworten?', fill: choose('Brief') },
    {
      title: 'Ihre Anschrift',
      fill: fillIn({ 'Anschrift: Straße': 'Roermonder Straße', 'Anschrift: Hausnummer': '77', 'Anschrift: Postleitzahl': '41812', 'Anschrift: Ort': 'Erkelenz' }),
    },
  ],
  check: [
    ['Ihre Nachricht', 'Wann hat der Wertstoffhof samstags geöffnet?'],
    ['Möchten Sie eine Datei mitschicken?', 'foto.png'],
    ['Ihre Anschrift', 'Roermonder Straße 77'],
  ],
  change: {
    title: 'Ihre Nachricht',
    fill: fillIn({ 'Was möchten Sie uns mitteilen?': 'Wann hat der Wertstoffhof samstags und an Feiertagen geöffnet?' }),
    shows: 'Wann hat der Wertstoffhof samstags und an Feiertagen geöffnet?',
  },
  stored(answers) {
    expect(answers).toMatchObject({ topic: 'question', answerBy: 'letter', message: 'Wann hat der Wertstoffhof samstags und an Feiertagen geöffnet?' });
    expect(answers.attachment).toMatchObject({ filename: 'foto.png', mediaType: 'image/png' });
  },
};

/** The seven forms, as a person without JavaScript goes through them. */
export const journeys = [dogTax(false), residentsParking, bulkyWaste, registrationCertificate, specialUse, kitaPlace, contact];

/** The two most used forms again, as a person with JavaScript goes through them. */
export const journeysWithScripts = [dogTax(true), bulkyWaste];
