import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '#kernel/auth/actor.ts';
import { newReference, referenceAlphabet } from '#kernel/reference.ts';
import { buildCitizen, buildStaff } from '#modules/accounts/test/builders.ts';
import { htmlProblems } from '#test/html-validity.ts';
import { readPdf } from '#test/pdf.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { learningModule } from '../manifest.ts';
import { certificatePdfFor, issueCertificates, renderCertificate, sendCertificates, sendCertificatesJob } from './certificates.ts';
import de from './locales-certificates/de.json' with { type: 'json' };
import en from './locales-certificates/en.json' with { type: 'json' };
import { coursesDb } from './repo.ts';
import { register, type Registrant } from './service.registration.ts';
import { buildCourse, buildSession } from './test/builders.ts';
import type { Certificate, Course, Session } from './tables.ts';
import { verifyRoutes } from './routes.verify.tsx';

// Until the module's manifest carries the certificates (routes, job, texts), the test brings them itself.
const wired = 'certificates' in (learningModule.locales?.de ?? {});

let platform: TestPlatform;
let staff: Actor;
beforeAll(async () => {
  platform = await createTestPlatform({}, wired ? [] : [{ id: 'certificates-test', routes: verifyRoutes, jobs: [sendCertificatesJob] }]);
  if (!wired) {
    platform.ctx.i18n.addResourceBundle('de', 'learning', de, true, false);
    platform.ctx.i18n.addResourceBundle('en', 'learning', en, true, false);
  }
  const built = await buildStaff(platform.ctx, [{ role: 'training-coordinator' }]);
  staff = { kind: 'staff', userId: built.user.id, roles: [{ role: 'training-coordinator' }], displayName: built.user.display_name, email: built.user.email, language: 'de', simplifiedLanguage: false, sessionHash: 'test' };
});
afterAll(async () => {
  await platform.close();
});

const ctx = () => platform.ctx;
const db = () => coursesDb(platform.ctx.db);

let guests = 0;
function guest(overrides: Partial<Extract<Registrant, { kind: 'guest' }>> = {}): Registrant {
  guests += 1;
  return { kind: 'guest', name: `Gast ${guests}`, email: null, phone: '02431 123456', postalAddress: null, ...overrides };
}

async function attend(session: Session, registrant: Registrant, language: 'de' | 'en' = 'de', attended = true) {
  const made = await register(ctx(), staff, { sessionId: session.id, registrant, language, supportNeeds: [], supportNote: null, channel: 'phone' });
  if (!made.ok) throw new Error(`registration refused: ${made.reason}`);
  await db().updateTable('learning_registrations').set({ attended }).where('id', '=', made.registration.id).execute();
  return made.registration;
}

const issue = (sessionId: string) => ctx().db.transaction().execute((trx) => issueCertificates(ctx(), trx, sessionId));

type Messages = { notify_messages: { id: string; cause: string; purpose: string; user_id: string | null }; notify_deliveries: { message_id: string; channel: string }; notify_attachments: { message_id: string; filename: string } };
async function certificateMessages() {
  const rows = await platform.ctx.db
    .withTables<Messages>()
    .selectFrom('notify_messages as m')
    .innerJoin('notify_deliveries as d', 'd.message_id', 'm.id')
    .select(['m.id', 'm.cause', 'd.channel'])
    .where('m.purpose', '=', 'course-certificate')
    .execute();
  return rows;
}

async function attachmentsOf(messageId: string) {
  return platform.ctx.db.withTables<Messages>().selectFrom('notify_attachments').select('filename').where('message_id', '=', messageId).execute();
}

let course: Course;
let session: Session;
let issued: Certificate[];
const hanna = { name: 'Hanna Schmitz' };
let holder: Awaited<ReturnType<typeof buildCitizen>>['user'];
const citizen = (user: typeof holder): Actor => ({ kind: 'citizen', userId: user.id, displayName: user.display_name, email: user.email, language: 'de', simplifiedLanguage: false, sessionHash: 'test' });
const withMail = () => guest({ name: 'Jürgen Weiß', email: 'juergen@example.org' });
const byLetter = () => guest({ name: 'Gisela Gast', postalAddress: { street: 'Am Weiher', houseNumber: '7', postalCode: '41812', city: 'Erkelenz' } });

describe('issuing and sending certificates', () => {
  it('issues one certificate to each who attended, once however often it runs', async () => {
    course = await buildCourse(ctx(), { title: 'Sicher im Netz', competences: ['1.1', '4.2'], provider: 'Volkshochschule Erkelenz' });
    session = await buildSession(ctx(), course, { meetings: 2 });
    holder = (await buildCitizen(ctx(), { display_name: hanna.name })).user;
    await attend(session, { kind: 'account', userId: holder.id });
    await attend(session, withMail());
    await attend(session, byLetter());
    await attend(session, guest({ name: 'Paul Telefon' }));
    await attend(session, guest({ name: 'Nicht Da' }), 'de', false);

    issued = await issue(session.id);
    expect(issued.map((certificate) => certificate.holder_name)).toEqual([hanna.name, 'Jürgen Weiß', 'Gisela Gast', 'Paul Telefon']);
    for (const certificate of issued) {
      expect(certificate.code).toMatch(/^TB-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]$/);
      expect(certificate).toMatchObject({ course_title: 'Sicher im Netz', competences: ['1.1', '4.2'], provider: 'Volkshochschule Erkelenz' });
      expect(Number(certificate.hours)).toBe(4);
      expect(certificate.first_day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(certificate.last_day > certificate.first_day).toBe(true);
    }
    expect(issued[0]!.user_id).toBe(holder.id);
    expect(await issue(session.id)).toEqual([]);
    const rows = await db().selectFrom('learning_certificates').select('code').where('course_title', '=', 'Sicher im Netz').execute();
    expect(rows).toHaveLength(4);
  });

  it('sends each by the holder’s channel with the PDF, once, and counts the guest it cannot reach', async () => {
    // Issuing queued the sending for after its transaction.
    expect(await ctx().jobs.drain(ctx(), [sendCertificatesJob.name])).toBeGreaterThanOrEqual(1);
    const messages = await certificateMessages();
    const causes = new Set(messages.map((message) => message.cause));
    expect([...causes].sort()).toEqual(issued.slice(0, 3).map((certificate) => `learning:course-certificate:${certificate.code}`).sort());
    // The account's inbox (and its e-mail), the guest's e-mail, the other guest's letter.
    expect(messages.map((message) => message.channel).sort()).toEqual(expect.arrayContaining(['email', 'email', 'inbox', 'letter']));
    const letter = messages.find((message) => message.channel === 'letter')!;
    expect(letter.cause).toBe(`learning:course-certificate:${issued[2]!.code}`);
    expect(await attachmentsOf(letter.id)).toEqual([{ filename: 'Teilnahmebescheinigung.pdf' }]);

    expect(await sendCertificates(ctx(), session.id)).toEqual({ sent: 0, skipped: 1 });
    expect(await certificateMessages()).toHaveLength(messages.length);

    await platform.runJobs();
    const mail = platform.smtp.messages.find((sent) => JSON.stringify(sent.to).includes('juergen@example.org') && sent.subject === 'Ihre Teilnahmebescheinigung: Sicher im Netz');
    expect(mail).toBeDefined();
    expect(mail?.text).toContain(issued[1]!.code);
    expect(mail?.text).not.toMatch(/code=/);
    const attachment = mail?.attachments.find((file) => file.filename === 'Teilnahmebescheinigung.pdf');
    expect(attachment?.contentType).toContain('application/pdf');
    const text = await (await readPdf(attachment!.content)).text(1, 1);
    for (const expected of ['Teilnahmebescheinigung', 'Stadt Erkelenz', 'Jürgen Weiß', 'Sicher im Netz', 'Umfang: 4 Stunden', 'Volkshochschule Erkelenz', issued[1]!.code]) expect(text).toContain(expected);
    expect(text).toContain('Daten, Informationen und digitale Inhalte durchsuchen');
    expect(text).toContain('Personenbezogene Daten und Privatsphäre schützen');
    expect(text.replace(/\s+/g, '')).toContain(`/kurse/nachweis?code=${issued[1]!.code}`);
  });

  it('hands the PDF to its holder and to staff who manage courses, to nobody else', async () => {
    const [own] = issued;
    expect((await certificatePdfFor(ctx(), citizen(holder), own!.code))?.filename).toBe('Teilnahmebescheinigung.pdf');
    expect(await certificatePdfFor(ctx(), citizen((await buildCitizen(ctx())).user), own!.code)).toBeUndefined();
    const byStaff = await certificatePdfFor(ctx(), staff, issued[3]!.code);
    expect(await (await readPdf(byStaff!.pdf)).text(1)).toContain('Paul Telefon');
  });
});

describe('the PDF', () => {
  it('is tagged, in the holder’s language with its title shown, and its fonts embedded', async () => {
    const englishSession = await buildSession(ctx(), course, { meetings: 1 });
    await attend(englishSession, guest({ name: 'Jan de Vries', email: 'jan@example.org' }), 'en');
    const [certificate] = await issue(englishSession.id);
    const pdf = await renderCertificate(ctx(), certificate!, 'en');
    const read = await readPdf(pdf);
    expect(read.pages).toBe(1);
    expect(read.info.Title).toBe('Certificate of attendance: Sicher im Netz');
    const text = await read.text(1);
    for (const expected of ['City of Erkelenz', 'Certificate of attendance', 'Jan de Vries', 'Duration: 2 hours', 'Browsing, searching and filtering data, information and digital content', 'Verification code', certificate!.code]) {
      expect(text).toContain(expected);
    }
    expect((await read.fonts()).every((font) => font.embedded)).toBe(true);
    // The structure tree is written uncompressed: the catalogue's marks and the elements' roles can be read.
    const raw = pdf.toString('latin1');
    for (const mark of ['/StructTreeRoot', '/MarkInfo', '/Marked true', '/Lang (en-GB)', '/DisplayDocTitle true', '/S /H1', '/S /H2', '/S /P', '/S /L', '/S /LI', '/S /Figure', '/Alt']) expect(raw).toContain(mark);
  });
});

describe('the verification page', () => {
  const get = (code?: string) => platform.app.inject({ method: 'GET', url: code === undefined ? '/kurse/nachweis' : `/kurse/nachweis?code=${encodeURIComponent(code)}` });

  it('offers the form, and shows what a valid code certifies', async () => {
    const empty = await get();
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('<label class="kern-label" for="code">Prüfnummer</label>');
    expect(await htmlProblems('/kurse/nachweis', empty.body)).toEqual([]);

    const certificate = issued[1]!;
    const valid = await get(certificate.code.toLowerCase().replaceAll('-', ' '));
    expect(valid.statusCode).toBe(200);
    expect(valid.headers['cache-control']).toBe('no-store');
    for (const expected of ['Die Bescheinigung ist echt', 'role="status"', 'Jürgen Weiß', 'Sicher im Netz', '4 Stunden', 'Volkshochschule Erkelenz', 'Stadt Erkelenz', certificate.code]) expect(valid.body).toContain(expected);
    expect(await htmlProblems('/kurse/nachweis?code=…', valid.body)).toEqual([]);
  });

  it('tells a mistyped code (422) from an unknown one (404)', async () => {
    const code = issued[1]!.code;
    const wrongCheck = referenceAlphabet[(referenceAlphabet.indexOf(code.at(-1)!) + 1) % referenceAlphabet.length]!;
    const mistyped = await get(`${code.slice(0, -1)}${wrongCheck}`);
    expect(mistyped.statusCode).toBe(422);
    expect(mistyped.body).toContain('Die Prüfnummer ist nicht richtig abgeschrieben: Ein Zeichen stimmt nicht.');
    expect(mistyped.body).toContain('href="#code"');
    expect(mistyped.body).toContain('aria-invalid="true"');
    expect(await htmlProblems('/kurse/nachweis?code=mistyped', mistyped.body)).toEqual([]);

    const never = newReference('TB');
    const unknown = await get(never);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('Keine Bescheinigung mit dieser Prüfnummer');
    expect(unknown.body).toContain(never);
    expect(await htmlProblems('/kurse/nachweis?code=unknown', unknown.body)).toEqual([]);

    const other = await get('hallo');
    expect(other.statusCode).toBe(422);
    expect(other.body).toContain('Das ist keine Prüfnummer einer Teilnahmebescheinigung.');
    expect((await get('   ')).statusCode).toBe(422);
    // Another kind of reference is no certificate's code.
    expect((await get(newReference('K'))).statusCode).toBe(422);
  });
});
