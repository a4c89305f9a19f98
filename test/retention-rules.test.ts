import { sql, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '#kernel/auth/actor.ts';
import { recordConsent } from '#modules/accounts/index.ts';
import { accountsDb, issueToken, linkIdentity } from '#modules/accounts/repo.ts';
import { buildCitizen, buildStaff } from '#modules/accounts/test/builders.ts';
import { messageForStaff } from '#modules/notify/service.messages.ts';
import { createPrintBatch, markLetterReturned, setPrintBatchStatus } from '#modules/notify/service.print.ts';
import { buildMessage } from '#modules/notify/test/builders.ts';
import { newReference } from '#kernel/reference.ts';
import { insertCase } from '#modules/applications/repo.cases.ts';
import { insertMessage } from '#modules/applications/repo.casework.ts';
import { exportDb, insertAttempt } from '#modules/applications/export/repo.ts';
import { insertDraft } from '#modules/applications/repo.drafts.ts';
import { insertDocument } from '#modules/applications/repo.follow.ts';
import { applicationsDb } from '#modules/applications/repo.forms.ts';
import { publishShippedForm } from '#modules/applications/test/builders.ts';
import { appointmentsDb } from '#modules/appointments/repo.ts';
import { buildHold, buildLocation, holdAt } from '#modules/appointments/test/builders.ts';
import { insertEntry, waitlistDb } from '#modules/appointments/repo.waitlist.ts';
import { buildInitiative, buildMaintainer } from '#modules/initiatives/test/builders.ts';
import { FormClient } from './http-client.ts';
import { insertSaved, savedAssessmentsDb } from '#modules/learning/assessment/repo.saved.ts';
import { coursesDb } from '#modules/learning/courses/repo.ts';
import { buildCourse, buildSession } from '#modules/learning/courses/test/builders.ts';
import { createTestPlatform, type TestPlatform } from './platform.ts';

/*
 * Retention rules are the platform's list of personal data: each names its table and columns, the privacy
 * notice prints their descriptions, and the nightly job applies them. This file holds the list to the
 * database (every named column exists) and to the data download in "Mein Konto" (every named column of a
 * person's rows is in their download, unless it is listed below with the reason it is not).
 */

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const rules = () => platform.ctx.modules.flatMap((module) => (module.retention ?? []).map((rule) => ({ module: module.id, ...rule })));

/** How to find one person's rows in each table a retention rule names. A table missing here fails the test. */
const rowsOfPerson: Record<string, (userId: string) => RawBuilder<boolean>> = {
  users: (id) => sql`id = ${id}`,
  account_tokens: (id) => sql`user_id = ${id}`,
  recovery_codes: (id) => sql`user_id = ${id}`,
  oidc_identities: (id) => sql`user_id = ${id}`,
  sessions: (id) => sql`user_id = ${id}`,
  audit_log: (id) => sql`data_subject_id = ${id}`,
  notify_messages: (id) => sql`user_id = ${id}`,
  notify_attachments: (id) => sql`message_id in (select id from notify_messages where user_id = ${id})`,
  notify_deliveries: (id) => sql`message_id in (select id from notify_messages where user_id = ${id})`,
  file_refs: (id) => sql`data_subject_id = ${id}`,
  application_drafts: (id) => sql`user_id = ${id}`,
  application_cases: (id) => sql`user_id = ${id}`,
  application_messages: (id) => sql`case_id in (select id from application_cases where user_id = ${id}) and kind <> 'note'`,
  application_case_documents: (id) => sql`case_id in (select id from application_cases where user_id = ${id})`,
  application_case_exports: (id) => sql`case_id in (select id from application_cases where user_id = ${id})`,
  appointment_bookings: (id) => sql`user_id = ${id}`,
  appointment_waitlist: (id) => sql`user_id = ${id}`,
  initiative_maintainers: (id) => sql`user_id = ${id}`,
  consent_ledger: (id) => sql`user_id = ${id}`,
  learning_registrations: (id) => sql`user_id = ${id}`,
  learning_certificates: (id) => sql`user_id = ${id}`,
  learning_training_records: (id) => sql`user_id = ${id}`,
  learning_saved_assessments: (id) => sql`user_id = ${id}`,
};

/** Tables a retention rule names whose rows are not part of one person's download, and why. */
const outsideTheDownload: Record<string, string> = {
  initiatives: 'an organisation’s entry in the initiatives hub, proposed without an account; its public contact belongs to the organisation, and a proposer with an account is in the download as a maintainer',
  initiative_keys: 'hashes of links sent by e-mail, kept for an entry rather than an account; a hash tells the person nothing and could help an attacker',
  initiative_resource_requests: 'requests for a room or other resource are sent without an account; the name and address typed in are tied to no account',
  notify_print_batches: 'the print room’s copy of many people’s letters; each person’s letter is in their download as its message, text and address',
  accessibility_feedback: 'reports about barriers are sent without an account; a name or address typed in is tied to no account',
  rate_limits: 'counters kept under a hash of address and form, from which no account can be found',
  account_throttles: 'sign-in counters kept under a keyed hash, from which no account can be found',
  catalog_history: 'the city’s record of changes to its public pages; the editor’s name in it is the name of their staff account, which the profile carries',
  events: 'messages between modules, kept a few weeks for redelivery; an account id in one points to data the download holds from its module',
  form_submissions: 'the answer to a form sent once, kept a day under a hash of a session or browser so that sending it again repeats the answer; from the hash no account can be found',
  workflow_history: 'who moved a thing of the city (a catalogue entry, a print batch) from one state to the next: staff acting in office, not data about the person the thing concerns',
};

/** Columns of a person's rows deliberately left out of the download, and why. */
const notExported: Record<string, string> = {
  'users.password_hash': 'a hash tells the person nothing and would only help someone guessing the password',
  'account_tokens.token_hash': 'the hash of a link sent by e-mail; it tells the person nothing and could help an attacker',
  'recovery_codes.code_hash': 'the hash of a second-factor recovery code; it tells the person nothing and could help an attacker',
  'notify_attachments.file_id': 'the file store’s name for the content (its SHA-256); the content itself is in the download as content_base64',
  'application_drafts.guest_email': 'the address a guest gives for a link to continue; drafts of an account never have one, since they are in the account',
  'notify_attachments.content': 'empty since attachments are kept in the file store; it holds bytes only of attachments sent before, until they are moved there',
};

/** Tables the person built below has no rows in, and why none can be built for a citizen. */
const notBuiltForACitizen: Record<string, string> = {
  recovery_codes: 'recovery codes belong to the second factor of staff accounts',
  learning_training_records: 'training records belong to staff accounts',
};

/** A database value as it reads in the download's JSON. */
function asJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value instanceof Uint8Array) return JSON.stringify(Buffer.from(value).toString('base64'));
  return JSON.stringify(value);
}

/** A draft and a case of the person, with a message from the caseworker to them. */
async function applicationsOf(ctx: TestPlatform['ctx'], userId: string, staff: { id: string; display_name: string }) {
  const { versionId, officeId } = await publishShippedForm(ctx, 'kontakt');
  const db = applicationsDb(ctx.db);
  await insertDraft(db, { formVersionId: versionId, userId, secretHash: null, answers: { topic: 'idea' }, channel: 'online', enteredBy: null });
  const made = await insertCase(db, {
    reference: newReference('A'),
    draftId: null,
    formVersionId: versionId,
    formKey: 'kontakt',
    serviceSlug: null,
    officeId,
    userId,
    secretHash: null,
    applicant: { name: 'Clara Komplett', email: null, phone: null, postalAddress: null, language: 'de' },
    answers: { topic: 'praise', message: 'Danke für die neue Bank.' },
    status: 'received',
    channel: 'online',
    enteredBy: null,
    receiptFileId: null,
    retentionDays: 365,
  });
  if (!made) throw new Error('The reference of the example case was taken');
  await insertMessage(db, { caseId: made.id, kind: 'to-applicant', body: 'Wir haben uns gefreut.', authorId: staff.id, authorName: staff.display_name });
  const reply = await insertMessage(db, { caseId: made.id, kind: 'from-applicant', body: 'Anbei das Foto der Bank.', authorId: userId, authorName: 'Clara Komplett' });
  await insertDocument(db, { caseId: made.id, messageId: reply.id, fileId: 'f'.repeat(64), filename: 'Bank am Markt.jpg', mediaType: 'image/jpeg', bytes: 2048 });
  await insertAttempt(exportDb(ctx.db), { caseId: made.id, adapter: 'folder', formatVersion: 1, status: 'delivered', location: `/srv/fachverfahren/${made.reference}`, receiptId: 'abc', reason: null, error: null, trigger: 'submitted', actorId: null });
}

/** A registration for a course the person attended, entered by staff with every detail, and its certificate. */
async function courseOf(ctx: TestPlatform['ctx'], userId: string, staffId: string) {
  const course = await buildCourse(ctx, { competences: ['2.1'] });
  const session = await buildSession(ctx, course, { inDays: -10 });
  const db = coursesDb(ctx.db);
  const registration = await db
    .insertInto('learning_registrations')
    .values({ session_id: session.id, seq: 1, reference: newReference('K'), user_id: userId, name: 'Clara Kurs', email: 'clara-kurs@example.org', phone: '+49 2431 654321', postal_address: JSON.stringify({ street: 'Markt', houseNumber: '1', postalCode: '41812', city: 'Erkelenz' }), support_needs: ['grossdruck'], support_note: 'Bitte vorne sitzen', channel: 'phone', registered_by: staffId, status: 'placed', attended: true })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('learning_certificates').values({ code: newReference('TB'), registration_id: registration.id, user_id: userId, holder_name: 'Clara Kurs', course_title: course.title, competences: ['2.1'], first_day: '2026-11-20', last_day: '2026-11-20', hours: 2, provider: course.provider }).execute();
}

/** A citizen with data in every module: account (with a new address to confirm), token, session, messages with an attachment, a returned letter, staff who looked. */
async function personWithDataEverywhere() {
  const { ctx } = platform;
  const citizen = await buildCitizen(ctx, {
    display_name: 'Clara Komplett',
    preferred_channel: 'both',
    street: 'Tenholter Straße',
    house_number: '21',
    postal_code: '41812',
    city: 'Erkelenz',
    pending_email: 'clara.neu@example.org',
    pending_email_requested_at: new Date(),
  });
  await issueToken(accountsDb(ctx.db), citizen.user.id, 'reset-password', 3_600_000);
  await linkIdentity(accountsDb(ctx.db), { issuer: 'https://id.example.org', subject: `bund-${citizen.user.id}`, userId: citizen.user.id });
  const message = await buildMessage(ctx, {
    recipient: { userId: citizen.user.id },
    attachments: [{ filename: 'Bescheid.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.7 Bescheid für Clara') }],
  });
  await platform.runJobs();
  const batch = await createPrintBatch(ctx, systemActor('test'));
  if (!batch.ok) throw new Error('no print batch');
  await setPrintBatchStatus(ctx, systemActor('test'), batch.batchId, 'posted');
  await markLetterReturned(ctx, systemActor('test'), message.messageId, 'Empfängerin unbekannt verzogen');
  const { user: staff } = await buildStaff(ctx, [{ role: 'print-room' }]);
  await applicationsOf(ctx, citizen.user.id, staff);
  const { location, counters } = await buildLocation(ctx);
  const visit = await buildHold(ctx, [counters[0]!.id], holdAt(location.id, new Date(Date.now() + 7 * 86_400_000), 15, { userId: citizen.user.id }));
  await appointmentsDb(ctx.db).updateTable('appointment_bookings').set({ status: 'booked', name: 'Clara Komplett', email: 'clara@example.org', phone: '+49 2431 123456', needs: ['interpreter'], needs_note: 'Türkisch' }).where('id', '=', visit.id).execute();
  await insertEntry(waitlistDb(ctx.db), { locationId: location.id, services: [{ serviceId: 'personalausweis', persons: 1 }], fromDay: '2027-03-01', toDay: '2027-03-05', name: 'Clara Wartend', email: 'clara-warteliste@example.org', language: 'de', userId: citizen.user.id });
  const initiative = await buildInitiative(ctx, { name: 'Repair-Café Clara' });
  const maintainer = await buildMaintainer(ctx, initiative.id, { name: 'Clara Pflegt', email: 'clara-initiative@example.org', user_id: citizen.user.id });
  await recordConsent(ctx.db, {
    subject: { module: 'initiatives', type: 'maintainer', id: maintainer.id },
    userId: citizen.user.id,
    purpose: 'initiatives.publish-entry',
    decision: 'given',
    wording: 'Ich bin einverstanden, dass der Eintrag veröffentlicht wird.',
    language: 'de',
    channel: 'online',
    actor: systemActor('test'),
  });
  await courseOf(ctx, citizen.user.id, staff.id);
  await insertSaved(savedAssessmentsDb(ctx.db), citizen.user.id, 'v1.p.1.1=0,2.3=2', new Date());
  const desk = { kind: 'staff', roles: [{ role: 'print-room' }], userId: staff.id, displayName: staff.display_name, email: staff.email, language: 'de', simplifiedLanguage: false, sessionHash: 'desk' } as const;
  expect(await messageForStaff(ctx, { ...desk, roles: [...desk.roles] }, message.messageId)).toBeDefined();

  const client = new FormClient(platform.app, '198.51.100.77');
  const browser = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Testbrowser/1.0' };
  await client.get('/anmelden', browser);
  expect((await client.post('/anmelden', { email: citizen.user.email!, password: citizen.password }, browser)).status).toBe(303);
  const download = async () => {
    const response = await client.get('/konto/daten.json', browser);
    expect(response.status).toBe(200);
    // Compact, as asJson writes values, whatever indentation the download is served with.
    return JSON.stringify(JSON.parse(response.body));
  };
  return { citizen, download };
}

describe('retention rules', () => {
  it('name tables and columns that exist', async () => {
    const columns = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns where table_schema = current_schema()`.execute(platform.ctx.db);
    const existing = new Set(columns.rows.map((row) => `${row.table_name}.${row.column_name}`));
    for (const rule of rules()) {
      expect(rule.columns.length, rule.id).toBeGreaterThan(0);
      for (const column of rule.columns) expect(existing.has(`${rule.table}.${column}`), `${rule.id}: ${rule.table}.${column}`).toBe(true);
    }
  });

  it('12.14 puts each session’s IP address and browser into the data download', async () => {
    const download = await (await personWithDataEverywhere()).download();
    const sessions = (JSON.parse(download) as { sessions: { ip: string | null; user_agent: string | null }[] }).sessions;
    expect(sessions).toEqual([expect.objectContaining({ ip: '198.51.100.77', user_agent: 'Mozilla/5.0 (X11; Linux x86_64) Testbrowser/1.0' })]);
    expect(download).not.toContain('token_hash');
  });

  it('12.14 put every column they name of a person’s rows into that person’s data download, or say why not', async () => {
    const { citizen, download: downloadNow } = await personWithDataEverywhere();
    // What the tables hold before the download (which itself adds an audit record about the download).
    const held = [];
    for (const rule of rules()) {
      if (outsideTheDownload[rule.table]) continue;
      const where = rowsOfPerson[rule.table];
      expect(where, `${rule.id}: say how to find a person's rows in ${rule.table}, or why they are outside the download`).toBeDefined();
      const rows = await sql<Record<string, unknown>>`select ${sql.join(rule.columns.map((column) => sql.ref(column)))} from ${sql.table(rule.table)} where ${where!(citizen.user.id)}`.execute(platform.ctx.db);
      held.push({ rule, rows });
    }
    const download = await downloadNow();
    const checked = new Set<string>();
    for (const { rule, rows } of held) {
      if (notBuiltForACitizen[rule.table]) continue;
      expect(rows.rows.length, `${rule.id}: the person built here has no rows in ${rule.table}`).toBeGreaterThan(0);
      for (const column of rule.columns) {
        const name = `${rule.table}.${column}`;
        if (notExported[name]) continue;
        const values = rows.rows.map((row) => row[column]).filter((value) => value !== null && value !== undefined);
        expect(values.length, `${rule.id}: the person built here has no value in ${name}`).toBeGreaterThan(0);
        for (const value of values) expect(download.includes(asJson(value)), `${name} = ${asJson(value).slice(0, 80)} is missing from the download`).toBe(true);
        checked.add(name);
      }
    }
    // The columns this found, so that a rule quietly dropped from a manifest shows up here.
    expect([...checked].sort()).toEqual(
      expect.arrayContaining([
        'account_tokens.user_id',
        'audit_log.actor_id',
        'audit_log.meta',
        'audit_log.reason',
        'file_refs.data_subject_id',
        'notify_attachments.filename',
        'notify_deliveries.last_error',
        'notify_messages.body',
        'notify_messages.postal_address',
        'oidc_identities.subject',
        'sessions.ip',
        'sessions.user_agent',
        'users.email',
        'users.pending_email',
        'users.street',
      ]),
    );
  });
});
