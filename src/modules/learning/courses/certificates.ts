import { sql } from 'kysely';
import type { TFunction } from 'i18next';
import Type from 'typebox';
import { recordAudit } from '#kernel/audit.ts';
import { isSignedIn, systemActor, type Actor, type Language } from '#kernel/auth/actor.ts';
import { todayInBerlin } from '#kernel/calendar.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { Executor } from '#kernel/db/database.ts';
import type { KernelTables } from '#kernel/db/tables.ts';
import { defineJob } from '#kernel/jobs.ts';
import { pdfkit } from '#kernel/lazy.ts';
import { bytesOf } from '#kernel/pdf/bytes.ts';
import { pdfFonts } from '#kernel/pdf/fonts.ts';
import { mm } from '#kernel/pdf/letter.ts';
import { qrCodeDrawer } from '#kernel/pdf/qr.ts';
import { newReference, parseReference } from '#kernel/reference.ts';
import { recipientProfile } from '#modules/accounts/index.ts';
import { putAttachment, sendNotification } from '#modules/notify/index.ts';
import { learningPermissions } from '../permissions.ts';
import { totalHours } from './facts.ts';
import { coursesDb, findRegistration, type CoursesDb } from './repo.ts';
import { sessionFacts } from './service.notices.ts';
import type { Certificate, Registration } from './tables.ts';

/*
 * The certificate of attendance. Whoever attended a session gets one: issued in the transaction that records
 * the attendance, sent afterwards by the person's channel with the PDF attached. The row keeps what the
 * certificate certifies (name, course, days, hours, competences), so that anyone holding its verification
 * code can check it at `/kurse/nachweis` even after the registration has gone. The code is a reference
 * (`TB-7K3M-Q9TX-4`) whose check character tells a mistyped code from one that was never issued.
 */

export const verifyPath = '/kurse/nachweis';
export const verifyUrl = (publicUrl: string, code: string) => `${publicUrl}${verifyPath}?code=${encodeURIComponent(code)}`;
export const certificateFilename = 'Teilnahmebescheinigung.pdf';
const codePrefix = 'TB';
const actor = systemActor('learning.certificates');

const columns = [
  'code',
  'registration_id',
  'user_id',
  'holder_name',
  'course_title',
  'competences',
  sql<string>`to_char(first_day, 'YYYY-MM-DD')`.as('first_day'),
  sql<string>`to_char(last_day, 'YYYY-MM-DD')`.as('last_day'),
  'hours',
  'provider',
  'issued_at',
  'withdrawn_at',
] as const;

export async function findCertificate(db: CoursesDb, code: string): Promise<Certificate | undefined> {
  return db.selectFrom('learning_certificates').select(columns).where('code', '=', code).executeTakeFirst();
}

// ---------------------------------------------------------------------------------------------------------
// Issuing

/** The days a session ran on, as calendar days in Berlin, and its hours to the half hour. */
function sessionSpan(facts: NonNullable<Awaited<ReturnType<typeof sessionFacts>>>) {
  const meetings = facts.meetings.length > 0 ? facts.meetings : [{ starts_at: facts.session.starts_at, ends_at: facts.session.ends_at }];
  return { first: todayInBerlin(meetings[0]!.starts_at), last: todayInBerlin(meetings.at(-1)!.starts_at), hours: totalHours(meetings) };
}

async function holderName(trx: Executor<KernelTables>, registration: Registration): Promise<string | undefined> {
  if (registration.user_id) return (await recipientProfile(trx, registration.user_id))?.name ?? registration.name ?? undefined;
  return registration.name ?? undefined;
}

/**
 * Issues a certificate to everyone of the session marked as attended who has none yet, in the caller's
 * transaction (the attendance step's), and queues their sending for after it. Idempotent: a registration
 * holds at most one certificate (the table's unique key), so running it again, or twice at once, issues
 * nothing more.
 */
export async function issueCertificates(ctx: KernelContext, trx: Executor<KernelTables>, sessionId: string, now = new Date()): Promise<Certificate[]> {
  const db = coursesDb(trx);
  const due = await db
    .selectFrom('learning_registrations as r')
    .leftJoin('learning_certificates as c', 'c.registration_id', 'r.id')
    .selectAll('r')
    .where('r.session_id', '=', sessionId)
    .where('r.attended', '=', true)
    .where('c.code', 'is', null)
    .orderBy('r.seq')
    .execute();
  if (due.length === 0) return [];
  const facts = await sessionFacts(db, sessionId);
  if (!facts) return [];
  const span = sessionSpan(facts);
  const issued: Certificate[] = [];
  for (const registration of due) {
    const name = await holderName(trx, registration);
    if (!name) continue;
    const certificate = await insertCertificate(db, {
      registration_id: registration.id,
      user_id: registration.user_id,
      holder_name: name,
      course_title: facts.course.title,
      competences: facts.course.competences,
      first_day: span.first,
      last_day: span.last,
      hours: span.hours,
      provider: facts.course.provider,
      issued_at: now,
    });
    if (!certificate) continue;
    await recordAudit(trx, { actor }, { action: 'learning.certificate-issued', subjectType: 'learning.certificate', subjectId: certificate.code, dataSubjectId: registration.user_id });
    issued.push(certificate);
  }
  if (issued.length > 0) await ctx.jobs.enqueue(trx, sendCertificatesJob, { sessionId });
  return issued;
}

/**
 * Inserts a certificate under a new code; nothing when the registration has one already (issued meanwhile
 * by a run that committed first). A code taken by chance is drawn again: no conflict may abort the caller's
 * transaction, so both keys are met with `do nothing` and the outcome read back.
 */
async function insertCertificate(db: CoursesDb, values: Omit<Certificate, 'code' | 'hours' | 'issued_at' | 'withdrawn_at'> & { hours: number; issued_at: Date }): Promise<Certificate | undefined> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const inserted = await db
      .insertInto('learning_certificates')
      .values({ ...values, code: newReference(codePrefix) })
      .onConflict((conflict) => conflict.doNothing())
      .returning(columns)
      .executeTakeFirst();
    if (inserted) return inserted;
    const held = await db.selectFrom('learning_certificates').select('code').where('registration_id', '=', values.registration_id).executeTakeFirst();
    if (held) return undefined;
  }
  throw new Error('No free certificate code after five draws');
}

// ---------------------------------------------------------------------------------------------------------
// Sending

type Recipient = Parameters<typeof sendNotification>[2]['recipient'];

function recipientOf(registration: Registration, certificate: Certificate): Recipient | undefined {
  if (registration.user_id) return { userId: registration.user_id };
  if (!registration.email && !registration.postal_address) return undefined;
  return { name: registration.name ?? certificate.holder_name, language: registration.language, email: registration.email, postalAddress: registration.postal_address };
}

/** Codes of the certificates already sent: the sending writes its audit record in the sending transaction. */
async function sentCodes(db: CoursesDb, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db.selectFrom('audit_log').select('subject_id').where('action', '=', 'learning.certificate-sent').where('subject_type', '=', 'learning.certificate').where('subject_id', 'in', codes).execute();
  return new Set(rows.map((row) => row.subject_id!));
}

export interface SentCertificates {
  sent: number;
  /** Guests who left neither an e-mail nor a postal address (or one notify refused): staff hand theirs over. */
  skipped: number;
}

/**
 * Sends each certificate of the session not sent yet, with its PDF, by the holder's channel. Runs outside a
 * transaction: the PDF goes into the file store first, which works in transactions of its own. The message's
 * cause is the certificate's code, so a run that died after sending sends nothing twice; the audit record of
 * the sending spares a later run rendering the PDF again.
 */
export async function sendCertificates(ctx: KernelContext, sessionId: string): Promise<SentCertificates> {
  const db = coursesDb(ctx.db);
  const certificates = await db
    .selectFrom('learning_certificates')
    .select(columns)
    .where('registration_id', 'in', db.selectFrom('learning_registrations').select('id').where('session_id', '=', sessionId))
    // Withdrawn before it left: the attendance was corrected, nobody gets it.
    .where('withdrawn_at', 'is', null)
    .orderBy('issued_at')
    .orderBy('code')
    .execute();
  const sent = await sentCodes(db, certificates.map((certificate) => certificate.code));
  const result: SentCertificates = { sent: 0, skipped: 0 };
  for (const certificate of certificates) {
    if (sent.has(certificate.code)) continue;
    const registration = certificate.registration_id ? await findRegistration(db, certificate.registration_id) : undefined;
    const recipient = registration && recipientOf(registration, certificate);
    if (!registration || !recipient) {
      result.skipped += 1;
      continue;
    }
    const pdf = await renderCertificate(ctx, certificate, registration.language);
    const put = await putAttachment(ctx, pdf, 'application/pdf');
    if (!put.ok) throw new Error(`The file store refused certificate ${certificate.code}: ${put.reason}`);
    const told = await ctx.db.transaction().execute(async (trx) => {
      const message = await sendNotification(ctx, trx, {
        purpose: 'course-certificate',
        recipient,
        values: { course: certificate.course_title, holder: certificate.holder_name, code: certificate.code, verifyUrl: verifyPath },
        attachments: [{ filename: certificateFilename, fileId: put.file.id }],
        cause: `learning:course-certificate:${certificate.code}`,
        link: verifyPath,
      });
      if (!message.ok) return message.reason;
      await recordAudit(trx, { actor }, { action: 'learning.certificate-sent', subjectType: 'learning.certificate', subjectId: certificate.code, dataSubjectId: certificate.user_id, meta: { channels: message.channels } });
      return 'sent';
    });
    if (told === 'sent') result.sent += 1;
    else {
      // An address the registration form took but notify does not: the certificate is handed over instead.
      ctx.log.warn({ code: certificate.code, reason: told }, 'certificate not sent');
      result.skipped += 1;
    }
  }
  return result;
}

export const sendCertificatesJob = defineJob({
  name: 'learning.send-certificates',
  payload: Type.Object({ sessionId: Type.String({ format: 'uuid' }) }),
  handler: async ({ sessionId }, ctx) => {
    const result = await sendCertificates(ctx, sessionId);
    if (result.sent + result.skipped > 0) ctx.log.info({ sessionId, ...result }, 'certificates sent');
  },
});

// ---------------------------------------------------------------------------------------------------------
// Download and verification

/**
 * The PDF of one certificate for its holder (an account) or staff who manage courses, who hand it to
 * someone the platform could not reach; undefined for anyone else and for an unknown code, alike.
 */
export async function certificatePdfFor(ctx: KernelContext, viewer: Actor, code: string): Promise<{ pdf: Buffer; filename: string } | undefined> {
  const parsed = parseReference(code);
  if (!parsed.ok || parsed.prefix !== codePrefix) return undefined;
  const db = coursesDb(ctx.db);
  const certificate = await findCertificate(db, parsed.reference);
  if (!certificate || certificate.withdrawn_at) return undefined;
  const own = isSignedIn(viewer) && certificate.user_id !== null && certificate.user_id === viewer.userId;
  if (!own && !ctx.permissions.can(viewer, learningPermissions.manageCourses)) return undefined;
  const registration = certificate.registration_id ? await findRegistration(db, certificate.registration_id) : undefined;
  const language = registration?.language ?? (isSignedIn(viewer) ? viewer.language : 'de');
  await recordAudit(ctx.db, { actor: viewer }, { action: 'learning.certificate-downloaded', subjectType: 'learning.certificate', subjectId: certificate.code, dataSubjectId: certificate.user_id });
  return { pdf: await renderCertificate(ctx, certificate, language), filename: certificateFilename };
}

export type Verification =
  | { ok: true; certificate: Certificate }
  | { ok: false; reason: 'required' | 'format' | 'check' }
  | { ok: false; reason: 'unknown'; code: string }
  | { ok: false; reason: 'withdrawn'; code: string; withdrawnAt: Date };

/** What a code typed by anyone certifies: the certificate, a mistyped code (`check`), none issued, or one withdrawn. */
export async function verifyCertificate(ctx: KernelContext, input: string): Promise<Verification> {
  if (input.trim() === '') return { ok: false, reason: 'required' };
  const parsed = parseReference(input);
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  if (parsed.prefix !== codePrefix) return { ok: false, reason: 'format' };
  const certificate = await findCertificate(coursesDb(ctx.db), parsed.reference);
  if (!certificate) return { ok: false, reason: 'unknown', code: parsed.reference };
  if (certificate.withdrawn_at) return { ok: false, reason: 'withdrawn', code: certificate.code, withdrawnAt: certificate.withdrawn_at };
  return { ok: true, certificate };
}

// ---------------------------------------------------------------------------------------------------------
// The PDF

const dayFormats: Record<Language, Intl.DateTimeFormat> = {
  de: new Intl.DateTimeFormat('de-DE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
};
/** "2. Februar 2027" for a calendar day (noon UTC, so no zone moves it to another day). */
export const calendarDayText = (day: string, language: Language) => dayFormats[language].format(new Date(`${day}T12:00:00Z`));
export const issuedDayText = (issuedAt: Date, language: Language) => calendarDayText(todayInBerlin(issuedAt), language);
export const hoursText = (certificate: Pick<Certificate, 'hours'>, language: Language) => new Intl.NumberFormat(language === 'de' ? 'de-DE' : 'en-GB').format(Number(certificate.hours));
/** The DigComp code `1.1` as the module's texts key it. */
export const competenceName = (t: TFunction, code: string) => t(`learning:digcomp.competences.${code.replace('.', '-')}`);

type Element = PDFKit.PDFStructureElement;

/** Draws content as a complete structure element of `type` under `parent`; text that wraps onto a new page stays part of it. */
function tagged(doc: PDFKit.PDFDocument, parent: Element, type: string, draw: () => void, options: PDFKit.Mixins.StructureElementOptions = {}): Element {
  const element = doc.struct(type, options);
  parent.add(element);
  const content = doc.markStructureContent(type);
  draw();
  doc.endMarkedContent();
  element.add(content);
  element.end();
  return element;
}

/** Rules and frames: drawn, but nothing a screen reader reads. */
function artifact(doc: PDFKit.PDFDocument, draw: () => void) {
  doc.markContent('Artifact', { type: 'Layout' });
  draw();
  doc.endMarkedContent();
}

const left = mm(25);
const width = mm(165);
const muted = '#4a4a4a';

/**
 * The certificate as an A4 PDF in the holder's language: tagged (headings, paragraphs, a list of the
 * competences, the QR code as a figure with its address as alternative text), its language and title
 * declared and the title shown, Fira Sans embedded, so it reads aloud and prints anywhere. The city issues
 * it; the provider named is who gave the course.
 */
export async function renderCertificate(ctx: Pick<KernelContext, 'i18n' | 'config'>, certificate: Certificate, language: Language): Promise<Buffer> {
  const [PDFDocument, fonts, drawQrCode] = await Promise.all([pdfkit(), pdfFonts(), qrCodeDrawer()]);
  const t = ctx.i18n.getFixedT(language);
  const city = ctx.config.CITY_NAME;
  const url = verifyUrl(ctx.config.PUBLIC_URL, certificate.code);
  const doc = new PDFDocument({
    size: 'A4',
    autoFirstPage: false,
    margins: { top: mm(20), bottom: mm(25), left, right: mm(20) },
    // The issue time as creation date keeps the file the same each time it is made, so the store keeps it once.
    info: { Title: t('learning:certificates.pdf.title', { course: certificate.course_title }), Author: t('learning:certificates.pdf.issuer', { city }), Creator: t('learning:certificates.pdf.issuer', { city }), CreationDate: certificate.issued_at },
    lang: language === 'de' ? 'de-DE' : 'en-GB',
    displayTitle: true,
    tagged: true,
    pdfVersion: '1.7',
    font: '',
  });
  const finished = bytesOf(doc);
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  doc.addPage();
  const root = doc.struct('Document');
  doc.addStructure(root);
  const write = (type: string, font: 'regular' | 'bold', size: number, value: string, options: PDFKit.Mixins.TextOptions & { gap?: number; colour?: string } = {}) => {
    tagged(doc, root, type, () => doc.font(font).fontSize(size).fillColor(options.colour ?? '#000000').text(value, left, doc.y, { width, lineGap: 1.5, ...options }));
    doc.moveDown(options.gap ?? 0.6);
  };

  doc.y = mm(22);
  write('P', 'bold', 13, t('learning:certificates.pdf.issuer', { city }), { gap: 0.3 });
  artifact(doc, () => doc.save().lineWidth(1.2).strokeColor('#0b3a8c').moveTo(left, doc.y).lineTo(left + width, doc.y).stroke().restore());
  doc.y += mm(16);
  write('H1', 'bold', 26, t('learning:certificates.pdf.heading'), { align: 'center', gap: 1.2 });
  write('P', 'bold', 18, certificate.holder_name, { align: 'center', gap: 0.8 });
  const days =
    certificate.first_day === certificate.last_day
      ? t('learning:certificates.pdf.attendedOn', { day: calendarDayText(certificate.first_day, language) })
      : t('learning:certificates.pdf.attendedFromTo', { first: calendarDayText(certificate.first_day, language), last: calendarDayText(certificate.last_day, language) });
  write('P', 'regular', 12, days, { align: 'center' });
  write('P', 'bold', 15, certificate.course_title, { align: 'center', gap: 0.8 });
  write('P', 'regular', 12, t('learning:certificates.pdf.hours', { count: Number(certificate.hours), hours: hoursText(certificate, language) }), { align: 'center', gap: 0.3 });
  write('P', 'regular', 12, t('learning:certificates.pdf.provider', { provider: certificate.provider }), { align: 'center', gap: 1.5 });

  if (certificate.competences.length > 0) {
    write('H2', 'bold', 12, t('learning:certificates.pdf.competencesHeading'), { gap: 0.4 });
    const list = doc.struct('L');
    root.add(list);
    for (const code of certificate.competences) {
      const item = doc.struct('LI');
      list.add(item);
      const top = doc.y;
      tagged(doc, item, 'Lbl', () => doc.font('regular').fontSize(11).fillColor('#000000').text(code, left + mm(2), top, { width: mm(10) }));
      tagged(doc, item, 'LBody', () => doc.font('regular').fontSize(11).text(competenceName(t, code), left + mm(12), top, { width: width - mm(12), lineGap: 1.5 }));
      item.end();
      doc.moveDown(0.2);
    }
    list.end();
    doc.moveDown(1);
  }

  write('P', 'regular', 11, t('learning:certificates.pdf.issued', { day: issuedDayText(certificate.issued_at, language), city }), { gap: 0.3 });
  write('P', 'regular', 9, t('learning:certificates.pdf.noSignature'), { colour: muted, gap: 1.2 });

  // The check block stays together at the foot of the page, beside its QR code.
  const block = mm(40);
  const bottom = doc.page.height - doc.page.margins.bottom;
  if (doc.y + block > bottom) doc.addPage();
  const top = Math.max(doc.y, bottom - block);
  artifact(doc, () => doc.save().lineWidth(0.5).strokeColor(muted).moveTo(left, top).lineTo(left + width, top).stroke().restore());
  doc.y = top + mm(4);
  const textWidth = width - mm(40);
  write('H2', 'bold', 11, t('learning:certificates.pdf.checkHeading'), { width: textWidth, gap: 0.3 });
  write('P', 'bold', 11, t('learning:certificates.pdf.code', { code: certificate.code }), { width: textWidth, gap: 0.3 });
  write('P', 'regular', 10, t('learning:certificates.pdf.checkText', { url }), { width: textWidth });
  tagged(doc, root, 'Figure', () => drawQrCode(doc, url, left + width - mm(34), top + mm(3), mm(34)), { alt: t('learning:certificates.pdf.qr', { url }) });

  root.end();
  doc.end();
  return finished;
}
