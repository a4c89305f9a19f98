import { sql } from 'kysely';
import type { ApplicationsDb } from './repo.forms.ts';
import type { CaseChannel, CaseRow, FormVersionRow } from './tables.ts';

export interface CaseFilter {
  status?: string | undefined;
  formKey?: string | undefined;
  channel?: CaseChannel | undefined;
  /** `me`: assigned to the asker; `nobody`: not assigned yet. */
  assigned?: 'me' | 'nobody' | undefined;
  /** Only cases sent at least this many days ago. */
  olderThanDays?: number | undefined;
}

/** The cases of the given offices, oldest first (the queue's order), with the form's title. */
export async function casesOfOffices(db: ApplicationsDb, officeIds: readonly string[], filter: CaseFilter, userId: string, page: { offset: number; limit: number }) {
  if (officeIds.length === 0) return { rows: [], total: 0 };
  let query = db.selectFrom('application_cases as c').innerJoin('application_form_versions as v', 'v.id', 'c.form_version_id').where('c.office_id', 'in', [...officeIds]);
  if (filter.status) query = query.where('c.status', '=', filter.status);
  else query = query.where('c.status', 'not in', ['closed', 'withdrawn']);
  if (filter.formKey) query = query.where('c.form_key', '=', filter.formKey);
  if (filter.channel) query = query.where('c.channel', '=', filter.channel);
  if (filter.assigned === 'me') query = query.where('c.assigned_to', '=', userId);
  if (filter.assigned === 'nobody') query = query.where('c.assigned_to', 'is', null);
  if (filter.olderThanDays) query = query.where(sql<boolean>`c.submitted_at < now() - make_interval(days => ${filter.olderThanDays})`);
  const [rows, total] = await Promise.all([
    query
      .select(['c.id', 'c.reference', 'c.status', 'c.channel', 'c.submitted_at', 'c.assigned_to', 'c.form_key', 'c.office_id', 'v.definition', sql<string>`c.applicant->>'name'`.as('applicant_name')])
      .orderBy('c.submitted_at')
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirst(),
  ]);
  return { rows, total: Number(total?.count ?? 0) };
}

export async function assignCase(db: ApplicationsDb, id: string, userId: string | null): Promise<void> {
  await db.updateTable('application_cases').set({ assigned_to: userId, updated_at: new Date() }).where('id', '=', id).execute();
}

export async function insertMessage(db: ApplicationsDb, message: { caseId: string; kind: 'to-applicant' | 'from-applicant' | 'note'; body: string; authorId: string | null; authorName: string | null }) {
  return db
    .insertInto('application_messages')
    .values({ case_id: message.caseId, kind: message.kind, body: message.body, author_id: message.authorId, author_name: message.authorName })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
}

/** Everything written on a case, notes included, oldest first: the caseworker's view. */
export async function messagesOfCase(db: ApplicationsDb, caseId: string) {
  return db.selectFrom('application_messages').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute();
}

/** One case with the title and definition of the version it was made with; the office check is the caller's. */
export async function caseWithForm(db: ApplicationsDb, id: string): Promise<(CaseRow & { definition: FormVersionRow['definition'] }) | undefined> {
  return db
    .selectFrom('application_cases as c')
    .innerJoin('application_form_versions as v', 'v.id', 'c.form_version_id')
    .selectAll('c')
    .select('v.definition')
    .where('c.id', '=', id)
    .executeTakeFirst();
}

/** The forms the offices have cases of, each with the title of its newest version: the list's filter offers these. */
export async function formsOfOffices(db: ApplicationsDb, officeIds: readonly string[]) {
  if (officeIds.length === 0) return [];
  return db
    .selectFrom('application_cases as c')
    .innerJoin('application_form_versions as v', 'v.id', 'c.form_version_id')
    .distinctOn('c.form_key')
    .select(['c.form_key', 'v.definition'])
    .where('c.office_id', 'in', [...officeIds])
    .orderBy('c.form_key')
    .orderBy('v.version', 'desc')
    .execute();
}

/** The references of cases by id, for naming them in the audit log; cases deleted since are left out. */
export async function referencesOf(db: ApplicationsDb, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('application_cases').select(['id', 'reference']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((row) => [row.id, row.reference]));
}
