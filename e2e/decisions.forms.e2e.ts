import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '#kernel/auth/actor.ts';
import { addDays, todayInBerlin } from '#kernel/calendar.ts';
import { buildCitizen, buildStaff, signInStaff } from '#modules/accounts/test/builders.ts';
import type { Answers, FileAnswer } from '#modules/applications/definition/answers.ts';
import { shippedForms } from '#modules/applications/forms/index.ts';
import { answerPages, publishShippedForm, submitCase } from '#modules/applications/test/builders.ts';
import { caseworkerOf, messagesAbout, type Caseworker } from '#modules/applications/test/casework.ts';
import { storedFile } from '#modules/notify/test/builders.ts';
import { buildStreet } from '#modules/streets/test/builders.ts';
import { pdfBytes } from '#test/files/content.ts';
import { FormClient } from '#test/http-client.ts';
import { readPdf } from '#test/pdf.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';

/*
 * Every shipped form to its decision, quickly: cases sent through the real services, accepted and approved
 * through the caseworkers' own routes, and where each decision went: the PDF in an account's inbox, the
 * letter in the print batch, the letter alone for a certificate of registration without a strong sign-in,
 * and the warning to staff when a guest left no postal address. A case entered by phone and one entered
 * from paper reach their decision the same way as one sent online. No browser pages: the way through the
 * pages is the business of decisions.e2e.ts and applications.e2e.ts.
 */

let platform: TestPlatform;
const offices = new Map<string, string>();
const workers = new Map<string, Caseworker>();

beforeAll(async () => {
  platform = await createTestPlatform();
  for (const form of shippedForms) offices.set(form.key, (await publishShippedForm(platform.ctx, form.key)).officeId);
  // A register with streets checks every address in the city against it; the parking zone is the one street's.
  await buildStreet(platform.ctx.db, { name: 'Markt' });
  await buildStreet(platform.ctx.db, { name: 'Zonenweg', parkingZone: 'B' });
});
afterAll(async () => {
  await platform?.close();
});

const inDays = (days: number) => addDays(todayInBerlin(), days);
const address = (street: string, houseNumber: string) => ({ street, houseNumber, postcode: '41812', town: 'Erkelenz' });

type Sent = {
  notify_messages: { id: string; cause: string; purpose: string; user_id: string | null; reference: string; document: boolean };
  notify_attachments: { message_id: string; filename: string; file_id: string | null; document: boolean };
};

async function upload(name: string): Promise<FileAnswer> {
  const put = await platform.ctx.files.put(pdfBytes(name), { accept: ['application/pdf'], maxBytes: 10 * 1024 * 1024 });
  if (!put.ok) throw new Error(put.reason);
  return { fileId: put.file.id, filename: `${name}.pdf`, mediaType: 'application/pdf', bytes: put.file.size };
}

/** A citizen with an account and an address in the city, signed in by password, choosing `channel`. */
async function accountHolder(name: string, channel: 'digital' | 'letter') {
  const [given, family] = name.split(' ');
  const citizen = await buildCitizen(platform.ctx, { display_name: name, email: `${given!.toLowerCase()}.${family!.toLowerCase()}@example.org`, preferred_channel: channel, street: 'Markt', house_number: '8', postal_code: '41812', city: 'Erkelenz' });
  const actor: Actor = { kind: 'citizen', userId: citizen.user.id, displayName: citizen.user.display_name, email: citizen.user.email, language: 'de', simplifiedLanguage: false, sessionHash: '' };
  return { citizen, actor };
}

async function workerFor(key: string): Promise<Caseworker> {
  let worker = workers.get(key);
  if (!worker) workers.set(key, (worker = await caseworkerOf(platform, offices.get(key)!)));
  return worker;
}

/** Accepts and approves a case through the staff routes, as the case page's buttons do; returns the code of the notice the case page then shows. */
async function acceptAndApprove(key: string, caseId: string, note: string): Promise<string | null> {
  const { client } = await workerFor(key);
  await client.get(`/verwaltung/antraege/${caseId}`);
  expect((await client.post(`/verwaltung/antraege/${caseId}/schritte/annehmen`, {})).status).toBe(303);
  await client.get(`/verwaltung/antraege/${caseId}`);
  const approved = await client.post(`/verwaltung/antraege/${caseId}/schritte/bewilligen`, { approveNote: note, approveFee: 'none' });
  expect(approved.status).toBe(303);
  const shown = await client.get(approved.location!);
  expect(shown.status).toBe(200);
  expect(shown.body).toContain(notices.get(new URL(approved.location!, 'http://localhost').searchParams.get('notice') ?? '') ?? 'a notice the test knows');
  return new URL(approved.location!, 'http://localhost').searchParams.get('notice');
}

/** What the case page says after a decision, by the code in its address. */
const notices = new Map([
  ['decision-letter', 'Erledigt. Der Bescheid geht per Brief (und in das Postfach eines Kontos).'],
  ['decision-no-letter', 'Erledigt, aber für den Bescheid fehlt die Postanschrift: Die Person erfährt nur den neuen Stand. Bitte händigen Sie den Bescheid auf anderem Weg aus.'],
]);

/** The decision notify holds for a case, with its channels and, once rendered, the text of its inbox PDF. */
async function decisionOf(caseId: string) {
  const db = platform.ctx.db.withTables<Sent>();
  const message = await db.selectFrom('notify_messages').select(['id', 'user_id', 'reference', 'document']).where('cause', 'like', `applications:approve:${caseId}:%`).where('purpose', '=', 'decision-notice').executeTakeFirst();
  if (!message) return undefined;
  const channels = (await messagesAbout(platform.ctx, caseId)).find((sent) => sent.purpose === 'decision-notice')!.channels;
  const pdf = await db.selectFrom('notify_attachments').select('file_id').where('message_id', '=', message.id).where('document', '=', true).executeTakeFirst();
  const read = pdf?.file_id ? await readPdf(await storedFile(platform.ctx, pdf.file_id)) : undefined;
  return { ...message, channels, inboxPdf: read ? await read.text(1, read.pages) : null };
}

/** The print room makes the next batch through its route and reads the letters' PDF. */
async function printNextBatch(): Promise<string> {
  const room = new FormClient(platform.app);
  await signInStaff(room, await buildStaff(platform.ctx, [{ role: 'print-room' }]));
  await room.get('/verwaltung/druck');
  const made = await room.post('/verwaltung/druck', {});
  expect(made.location).toBe('/verwaltung/druck?notice=batch');
  const page = await room.get('/verwaltung/druck');
  const href = /href="(\/verwaltung\/druck\/[0-9a-f-]{36}\/briefe\.pdf)"/.exec(page.body)![1]!;
  const cookie = [...room.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  const response = await platform.app.inject({ url: href, remoteAddress: room.remoteAddress, headers: { cookie } });
  expect(response.statusCode).toBe(200);
  const read = await readPdf(response.rawPayload);
  return (await read.text(1, read.pages)).replace(/\s+/g, ' ');
}

/** Where a decision is expected: the account's inbox (as a PDF) and the letter, the letter alone, or nowhere. */
type Expected = { to: 'inbox-and-letter'; channels: string[] } | { to: 'letter-only'; channels: string[] } | { to: 'staff-warned' };

interface FormCase {
  key: string;
  /** Sends the case and says who it was for. */
  send(): Promise<{ caseId: string; reference: string; userId: string | null }>;
  expected: Expected;
}

const formCases: FormCase[] = [
  {
    key: 'hundesteuer-anmeldung',
    expected: { to: 'letter-only', channels: ['email', 'letter'] },
    async send() {
      // A guest with an e-mail address and the address of the household: a guest has no inbox.
      const made = await submitCase(platform.ctx, 'hundesteuer-anmeldung', {
        givenName: 'Erika',
        familyName: 'Hund',
        address: address('Markt', '3'),
        phone: null,
        email: 'erika.hund@example.org',
        dogs: [{ dogName: 'Bello', breed: 'Labrador', dateOfBirth: '2021-05-12', keptSince: '2024-03-01', chipNumber: null }],
        listedBreed: 'no',
        directDebit: false,
      });
      return { caseId: made.id, reference: made.reference, userId: null };
    },
  },
  {
    key: 'bewohnerparkausweis',
    expected: { to: 'inbox-and-letter', channels: ['email', 'inbox', 'letter'] },
    async send() {
      const { citizen, actor } = await accountHolder('Ruth Parker', 'digital');
      const made = await submitCase(
        platform.ctx,
        'bewohnerparkausweis',
        {
          givenName: 'Ruth',
          familyName: 'Parker',
          address: address('Zonenweg', '12'),
          licencePlate: 'ERK-RP 12',
          vehicleUse: 'owned',
          keeperConfirmation: await upload('Halterbestätigung'),
          registrationCertificate: await upload('Zulassung Teil I'),
          phone: null,
          email: null,
        },
        actor,
      );
      return { caseId: made.id, reference: made.reference, userId: citizen.user.id };
    },
  },
  {
    key: 'sperrmuell',
    expected: { to: 'inbox-and-letter', channels: ['inbox', 'letter'] },
    async send() {
      const { citizen, actor } = await accountHolder('Ludwig Papier', 'letter');
      const made = await submitCase(platform.ctx, 'sperrmuell', bulkyWaste('Ludwig', 'Papier'), actor);
      return { caseId: made.id, reference: made.reference, userId: citizen.user.id };
    },
  },
  {
    key: 'meldebescheinigung',
    // Signed in by password only: the procedure sends the result by letter to the form's address alone.
    expected: { to: 'letter-only', channels: ['letter'] },
    async send() {
      const { actor } = await accountHolder('Petra Melde', 'digital');
      const made = await submitCase(
        platform.ctx,
        'meldebescheinigung',
        { certificateKind: 'simple', purpose: null, givenName: 'Petra', familyName: 'Melde', dateOfBirth: '1980-05-01', address: address('Markt', '8') },
        actor,
      );
      return { caseId: made.id, reference: made.reference, userId: null };
    },
  },
  {
    key: 'sondernutzung',
    expected: { to: 'inbox-and-letter', channels: ['email', 'inbox', 'letter'] },
    async send() {
      const { citizen, actor } = await accountHolder('Gerd Gerüst', 'digital');
      const made = await submitCase(
        platform.ctx,
        'sondernutzung',
        {
          useKind: 'container',
          placeAddress: address('Markt', '10'),
          placeDescription: 'Am Straßenrand vor dem Haus, zwei Parkplätze',
          startDate: inDays(21),
          endDate: inDays(28),
          areaSquareMetres: 12,
          plan: await upload('Lageplan'),
          applicantKind: 'private',
          givenName: 'Gerd',
          familyName: 'Gerüst',
          applicantAddress: address('Markt', '10'),
          phone: '02431 123456',
          email: null,
        },
        actor,
      );
      return { caseId: made.id, reference: made.reference, userId: citizen.user.id };
    },
  },
  {
    key: 'kita-platz',
    expected: { to: 'inbox-and-letter', channels: ['email', 'inbox', 'letter'] },
    async send() {
      const { citizen, actor } = await accountHolder('Kira Kind', 'digital');
      const made = await submitCase(
        platform.ctx,
        'kita-platz',
        {
          givenName: 'Kira',
          familyName: 'Kind',
          address: address('Markt', '8'),
          phone: null,
          email: null,
          children: [{ childGivenName: 'Mia', childFamilyName: 'Kind', childDateOfBirth: '2024-02-01' }],
          startDate: inDays(120),
          careHours: '35',
          preferredKitas: [],
          otherKitas: null,
          employment: ['applicant-working'],
          siblingInKita: 'no',
          remarks: null,
        },
        actor,
      );
      return { caseId: made.id, reference: made.reference, userId: citizen.user.id };
    },
  },
  {
    key: 'kontakt',
    // A guest who asked for an answer by e-mail gave no postal address: the decision cannot go by letter.
    expected: { to: 'staff-warned' },
    async send() {
      const made = await submitCase(platform.ctx, 'kontakt', {
        topic: 'question',
        message: 'Wann ist der Wertstoffhof samstags geöffnet?',
        attachment: null,
        givenName: 'Erika',
        familyName: 'Muster',
        answerBy: 'email',
        email: 'erika.muster@example.org',
      });
      return { caseId: made.id, reference: made.reference, userId: null };
    },
  },
];

function bulkyWaste(given: string, family: string): Answers {
  return {
    givenName: given,
    familyName: family,
    pickupAddress: address('Markt', '5'),
    items: [{ item: 'sofa', count: 1, description: null }],
    pickupDate: inDays(14),
    placement: 'kerb',
    phone: null,
    email: null,
  };
}

/** The decisions expected in the next print batch, by their text, which names the case reference. */
const inTheBatch: string[] = [];

describe('each shipped form to its decision', () => {
  it('covers the seven forms the platform ships', () => {
    expect(formCases.map((formCase) => formCase.key).sort()).toEqual(shippedForms.map((form) => form.key).sort());
  });

  it.each(formCases.map((formCase) => [formCase.key, formCase] as const))('%s: the decision goes where the applicant can receive it', async (key, formCase) => {
    const sent = await formCase.send();
    const note = `Ihr Antrag ${sent.reference} ist bewilligt.`;
    const notice = await acceptAndApprove(key, sent.caseId, note);
    await platform.runJobs();
    const decision = await decisionOf(sent.caseId);
    const { expected } = formCase;
    if (expected.to === 'staff-warned') {
      expect(notice).toBe('decision-no-letter');
      expect(decision).toBeUndefined();
      // The applicant still hears of the new status, by the e-mail address they gave.
      expect((await messagesAbout(platform.ctx, sent.caseId)).filter((message) => message.purpose === 'case-status-changed').at(-1)?.channels).toEqual(['email']);
      return;
    }
    expect(notice).toBe('decision-letter');
    expect(decision).toMatchObject({ document: true, user_id: sent.userId, channels: expected.channels });
    inTheBatch.push(note);
    if (expected.to === 'inbox-and-letter') {
      expect(decision!.inboxPdf).toContain(sent.reference);
      expect(decision!.inboxPdf).toContain(note);
    } else {
      expect(decision!.inboxPdf).toBeNull();
    }
    // No e-mail carries the decision's text or an attachment.
    for (const mail of platform.smtp.messages) {
      expect(`${mail.text ?? ''}${mail.html || ''}`).not.toContain(note);
      if (mail.messageId === `<${decision!.id}@localhost>`) expect(mail.attachments).toEqual([]);
    }
  });
});

/** A caseworker enters bulky waste for someone through the assisted pages and sends it; returns the case. */
async function enterBulkyWaste(channel: 'phone' | 'paper', citizenEmail: string, contact: Record<string, string>) {
  const worker = await workerFor('sperrmuell');
  await worker.client.get('/verwaltung/antraege/neu');
  const start = await worker.client.post('/verwaltung/antraege/neu', { formKey: 'sperrmuell', channel, email: citizenEmail });
  expect(start.status).toBe(303);
  const check = await answerPages(worker.client, start.location!, [
    { givenName: 'Karl', familyName: 'Kein-Netz' },
    { pickupAddressStreet: 'Markt', pickupAddressHouseNumber: '4', pickupAddressPostcode: '41812' },
    { items1Item: 'sofa', items1Count: '1' },
    { pickupDate: inDays(14) },
    { placement: 'kerb' },
    contact,
  ]);
  await worker.client.get(check.location!);
  const sent = await worker.client.post(check.location!.replace('/pruefen', '/absenden'), { declared: 'on' });
  expect(sent.location).toMatch(/^\/verwaltung\/antraege\/erfasst\/[0-9a-f-]{36}$/);
  const caseId = sent.location!.split('/').at(-1)!;
  const made = await platform.ctx.db
    .withTables<{ application_cases: { id: string; reference: string; channel: string; user_id: string | null } }>()
    .selectFrom('application_cases')
    .select(['reference', 'channel', 'user_id'])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  expect(made.channel).toBe(channel);
  return { caseId, ...made };
}

describe('cases entered by staff', () => {
  it('by phone for someone without e-mail or account: the decision goes by letter, as for a guest online', async () => {
    const made = await enterBulkyWaste('phone', '', { phone: '02431 123456', email: '' });
    const note = `Abholung für ${made.reference} bewilligt.`;
    expect(await acceptAndApprove('sperrmuell', made.caseId, note)).toBe('decision-letter');
    await platform.runJobs();
    expect(await decisionOf(made.caseId)).toMatchObject({ user_id: null, channels: ['letter'], inboxPdf: null });
    inTheBatch.push(note);
  });

  it('from paper for an account holder: the decision is in their inbox as a PDF and goes by letter, as online', async () => {
    const { citizen } = await accountHolder('Anna Papierform', 'digital');
    const made = await enterBulkyWaste('paper', citizen.user.email!, { phone: '', email: '' });
    expect(made.user_id).toBe(citizen.user.id);
    const note = `Abholung für ${made.reference} bewilligt.`;
    expect(await acceptAndApprove('sperrmuell', made.caseId, note)).toBe('decision-letter');
    await platform.runJobs();
    const decision = await decisionOf(made.caseId);
    expect(decision).toMatchObject({ user_id: citizen.user.id, channels: ['email', 'inbox', 'letter'] });
    expect(decision!.inboxPdf).toContain(made.reference);
    expect(decision!.inboxPdf).toContain(note);
    inTheBatch.push(note);
  });
});

describe('the print batch after these decisions', () => {
  it('holds a letter for every decision that goes by letter', async () => {
    expect(inTheBatch.length).toBeGreaterThanOrEqual(8);
    const printed = await printNextBatch();
    for (const decision of inTheBatch) expect(printed).toContain(decision);
  });
});
