import { sql, type Insertable } from 'kysely';
import type { Executor } from '#kernel/db/database.ts';
import type { KernelTables } from '#kernel/db/tables.ts';
import type { CourseLinkTables, TrainingSource, TrainingTables } from './tables.ts';

export type TrainingDb = Executor<KernelTables & TrainingTables>;

export function trainingDb(db: Executor<KernelTables>): TrainingDb {
  return db.withTables<TrainingTables>();
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

/** The requirements in force, by German title. */
export async function activeRequirements(db: TrainingDb): Promise<Requirement[]> {
  const rows = await db.selectFrom('learning_training_requirements').selectAll().where('active', '=', true).orderBy('title_de').execute();
  return rows.map((row) => ({
    key: row.key,
    titleDe: row.title_de,
    titleEn: row.title_en,
    descriptionDe: row.description_de,
    descriptionEn: row.description_en,
    roles: row.roles,
    validMonths: row.valid_months,
    remindDays: row.remind_days,
  }));
}

export async function insertRequirement(db: TrainingDb, requirement: Insertable<TrainingTables['learning_training_requirements']>): Promise<void> {
  await db.insertInto('learning_training_requirements').values(requirement).execute();
}

export async function requirementByKey(db: TrainingDb, key: string): Promise<Requirement | undefined> {
  return (await activeRequirements(db)).find((requirement) => requirement.key === key);
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
