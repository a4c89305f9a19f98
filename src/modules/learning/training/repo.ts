import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '#kernel/db/database.ts';
import type { KernelTables } from '#kernel/db/tables.ts';
import type { CourseLinkTables, TrainingSource, TrainingTables } from './tables.ts';

export type TrainingDb = Executor<KernelTables & TrainingTables>;

export function trainingDb(db: Executor<KernelTables>): TrainingDb {
  return db.withTables<TrainingTables>();
}

export interface TrainingRecord {
  id: string;
  userId: string;
  requirementKey: string;
  completedOn: string;
  expiresOn: string;
  source: TrainingSource;
  courseTitle: string;
  provider: string;
  certificateFileId: string | null;
  certificateFilename: string | null;
  recordedBy: string | null;
  recordedAt: Date;
  remindedAt: Date | null;
}

export interface Requirement {
  key: string;
  titleDe: string;
  titleEn: string;
  descriptionDe: string;
  descriptionEn: string;
  roles: string[];
  validMonths: number;
  remindDays: number;
  active: boolean;
}

function requirementQuery(db: TrainingDb) {
  return db
    .selectFrom('learning_training_requirements')
    .select(['key', 'title_de as titleDe', 'title_en as titleEn', 'description_de as descriptionDe', 'description_en as descriptionEn', 'roles', 'valid_months as validMonths', 'remind_days as remindDays', 'active'])
    .orderBy('title_de');
}

/** The requirements in force, by German title. */
export async function activeRequirements(db: TrainingDb): Promise<Requirement[]> {
  return requirementQuery(db).where('active', '=', true).execute();
}

/** Every requirement, those no longer in force included, for the coordinator who keeps them. */
export async function allRequirements(db: TrainingDb): Promise<Requirement[]> {
  return requirementQuery(db).execute();
}

/** A requirement whether in force or not. */
export async function anyRequirement(db: TrainingDb, key: string): Promise<Requirement | undefined> {
  return requirementQuery(db).where('key', '=', key).executeTakeFirst();
}

export async function updateRequirement(db: TrainingDb, key: string, patch: Updateable<TrainingTables['learning_training_requirements']>): Promise<boolean> {
  const result = await db.updateTable('learning_training_requirements').set({ ...patch, updated_at: new Date() }).where('key', '=', key).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Creates a requirement unless its key is taken; true when it was created. */
export async function insertRequirementOnce(db: TrainingDb, requirement: Insertable<TrainingTables['learning_training_requirements']>): Promise<boolean> {
  const made = await db.insertInto('learning_training_requirements').values(requirement).onConflict((oc) => oc.column('key').doNothing()).returning('key').executeTakeFirst();
  return made !== undefined;
}

export async function insertRequirement(db: TrainingDb, requirement: Insertable<TrainingTables['learning_training_requirements']>): Promise<void> {
  await db.insertInto('learning_training_requirements').values(requirement).execute();
}

/** A requirement in force, by its key. */
export async function requirementByKey(db: TrainingDb, key: string): Promise<Requirement | undefined> {
  return requirementQuery(db).where('key', '=', key).where('active', '=', true).executeTakeFirst();
}

function recordQuery(db: TrainingDb) {
  return db
    .selectFrom('learning_training_records')
    .select([
      'id',
      'user_id as userId',
      'requirement_key as requirementKey',
      sql<string>`to_char(completed_on, 'YYYY-MM-DD')`.as('completedOn'),
      sql<string>`to_char(expires_on, 'YYYY-MM-DD')`.as('expiresOn'),
      'source',
      'course_title as courseTitle',
      'provider',
      'certificate_file_id as certificateFileId',
      'certificate_filename as certificateFilename',
      'recorded_by as recordedBy',
      'recorded_at as recordedAt',
      'reminded_at as remindedAt',
    ]);
}

/** One person's records, the latest completion first. */
export async function recordsOf(db: TrainingDb, userId: string): Promise<TrainingRecord[]> {
  return recordQuery(db).where('user_id', '=', userId).orderBy('completed_on', 'desc').orderBy('recorded_at', 'desc').execute();
}

export async function recordById(db: TrainingDb, id: string): Promise<TrainingRecord | undefined> {
  return recordQuery(db).where('id', '=', id).executeTakeFirst();
}

/** The latest expiry per person and requirement, of everyone's records: what statuses are computed from. */
export async function latestExpiries(db: TrainingDb): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('learning_training_records')
    .select(['user_id', 'requirement_key', sql<string>`to_char(max(expires_on), 'YYYY-MM-DD')`.as('expires_on')])
    .groupBy(['user_id', 'requirement_key'])
    .execute();
  return new Map(rows.map((row) => [expiryKey(row.user_id, row.requirement_key), row.expires_on]));
}

export const expiryKey = (userId: string, requirementKey: string) => `${userId}/${requirementKey}`;

export async function insertRecord(db: TrainingDb, record: Insertable<TrainingTables['learning_training_records']>): Promise<{ id: string }> {
  return db.insertInto('learning_training_records').values(record).returning('id').executeTakeFirstOrThrow();
}

/** A completion through a course, once: the same person, requirement and day again records nothing. */
export async function insertCourseRecordOnce(db: TrainingDb, record: Omit<Insertable<TrainingTables['learning_training_records']>, 'source'>): Promise<{ id: string } | undefined> {
  return db
    .insertInto('learning_training_records')
    .values({ ...record, source: 'course' })
    .onConflict((oc) => oc.columns(['user_id', 'requirement_key', 'completed_on']).where('source', '=', 'course').doNothing())
    .returning('id')
    .executeTakeFirst();
}

/** Deletes the completion a staff course recorded for the person on that day, returning it; undefined when there is none. */
export async function deleteCourseRecord(db: TrainingDb, key: { user_id: string; requirement_key: string; completed_on: string }) {
  return db
    .deleteFrom('learning_training_records')
    .where('user_id', '=', key.user_id)
    .where('requirement_key', '=', key.requirement_key)
    .where('completed_on', '=', key.completed_on)
    .where('source', '=', 'course')
    .returning(['id', 'expires_on'])
    .executeTakeFirst();
}

/**
 * Records whose reminder is due by `today` and not yet sent, and which are still the latest of their
 * person and requirement (a renewal makes the older one's reminder pointless), not yet expired.
 */
export async function recordsToRemind(db: TrainingDb, today: string) {
  return db
    .selectFrom('learning_training_records as r')
    .innerJoin('learning_training_requirements as q', 'q.key', 'r.requirement_key')
    .select(['r.id', 'r.user_id', 'r.requirement_key'])
    .where('q.active', '=', true)
    .where('r.reminded_at', 'is', null)
    .where('r.expires_on', '>=', sql<string>`${today}::date`)
    .where(sql<boolean>`r.expires_on - q.remind_days <= ${today}::date`)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('learning_training_records as later')
            .select('later.id')
            .whereRef('later.user_id', '=', 'r.user_id')
            .whereRef('later.requirement_key', '=', 'r.requirement_key')
            .whereRef('later.expires_on', '>', 'r.expires_on'),
        ),
      ),
    )
    .orderBy('r.expires_on')
    .execute();
}

/** Marks a record reminded unless another run did first; true when this call marked it. */
export async function markReminded(db: TrainingDb, id: string, now: Date): Promise<boolean> {
  const marked = await db.updateTable('learning_training_records').set({ reminded_at: now }).where('id', '=', id).where('reminded_at', 'is', null).returning('id').executeTakeFirst();
  return marked !== undefined;
}

export interface NextSession {
  trainingKey: string;
  slug: string;
  title: string;
  startsAt: Date;
}

/** Per requirement, the next open session of a published staff course that fulfils it. */
export async function nextSessions(db: Executor<KernelTables>, keys: readonly string[], now: Date): Promise<Map<string, NextSession>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .withTables<CourseLinkTables>()
    .selectFrom('learning_courses as c')
    .innerJoin('learning_sessions as s', 's.course_id', 'c.id')
    .select(['c.training_key', 'c.slug', 'c.title', 's.starts_at'])
    .where('c.audience', '=', 'staff')
    .where('c.published', '=', true)
    .where('c.training_key', 'in', [...keys])
    .where('s.status', '=', 'open')
    .where('s.starts_at', '>', now)
    .orderBy('s.starts_at')
    .execute();
  const next = new Map<string, NextSession>();
  for (const row of rows) {
    if (row.training_key && !next.has(row.training_key)) next.set(row.training_key, { trainingKey: row.training_key, slug: row.slug, title: row.title, startsAt: row.starts_at });
  }
  return next;
}

/** Removes records that expired before `cutoff`; returns them, so their certificates can be let go. */
export async function deleteExpiredBefore(db: TrainingDb, cutoff: string): Promise<{ id: string; certificate_file_id: string | null }[]> {
  return db.deleteFrom('learning_training_records').where('expires_on', '<', sql<string>`${cutoff}::date`).returning(['id', 'certificate_file_id']).execute();
}

/** Removes one record; returns what it held, for the audit record and its certificate. */
export async function deleteRecord(db: TrainingDb, id: string) {
  return db
    .deleteFrom('learning_training_records')
    .where('id', '=', id)
    .returning(['id', 'user_id', 'requirement_key', 'source', 'course_title', 'certificate_file_id', sql<string>`to_char(completed_on, 'YYYY-MM-DD')`.as('completed_on'), sql<string>`to_char(expires_on, 'YYYY-MM-DD')`.as('expires_on')])
    .executeTakeFirst();
}

export async function deleteRecordsOf(db: TrainingDb, userId: string): Promise<{ id: string; certificate_file_id: string | null }[]> {
  return db.deleteFrom('learning_training_records').where('user_id', '=', userId).returning(['id', 'certificate_file_id']).execute();
}
