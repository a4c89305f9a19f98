import type { Executor } from '#kernel/db/database.ts';
import type { KernelTables } from '#kernel/db/tables.ts';
import type { NotifyTables, Template, TemplateVersion } from './tables.ts';

export type NotifyDb = Executor<KernelTables & NotifyTables>;

export function notifyDb(db: Executor<KernelTables>): NotifyDb {
  return db.withTables<NotifyTables>();
}

export async function listTemplates(db: NotifyDb) {
  return db
    .selectFrom('notify_templates as t')
    .innerJoin('notify_template_versions as v', 'v.purpose', 't.purpose')
    .select(['t.purpose', 't.title_de', 't.title_en', 't.required_channel', (eb) => eb.fn.max('v.version').as('version'), (eb) => eb.fn.max('v.created_at').as('changed_at')])
    .groupBy(['t.purpose', 't.title_de', 't.title_en', 't.required_channel'])
    .orderBy('t.purpose')
    .execute();
}

export async function findTemplate(db: NotifyDb, purpose: string): Promise<Template | undefined> {
  return db.selectFrom('notify_templates').selectAll().where('purpose', '=', purpose).executeTakeFirst();
}

/** The version new messages are written from: the newest. */
export async function currentVersion(db: NotifyDb, purpose: string): Promise<TemplateVersion | undefined> {
  return db.selectFrom('notify_template_versions').selectAll().where('purpose', '=', purpose).orderBy('version', 'desc').limit(1).executeTakeFirst();
}

/** What sending needs of a purpose in one read: the template (placeholders, required channel) and its newest version. */
export async function templateForSending(db: NotifyDb, purpose: string) {
  return db
    .selectFrom('notify_templates as t')
    .innerJoin('notify_template_versions as v', 'v.purpose', 't.purpose')
    .select(['t.purpose', 't.required_channel', 't.placeholders', 'v.version', 'v.subject_de', 'v.body_de', 'v.subject_en', 'v.body_en'])
    .where('t.purpose', '=', purpose)
    .orderBy('v.version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findVersion(db: NotifyDb, purpose: string, version: number): Promise<TemplateVersion | undefined> {
  return db.selectFrom('notify_template_versions').selectAll().where('purpose', '=', purpose).where('version', '=', version).executeTakeFirst();
}

export async function versionsOf(db: NotifyDb, purpose: string) {
  return db
    .selectFrom('notify_template_versions')
    .select(['version', 'created_at', 'created_by', 'created_by_name', 'subject_de'])
    .where('purpose', '=', purpose)
    .orderBy('version', 'desc')
    .execute();
}

/**
 * Adds the next version. Two editors saving at once both read version n; the primary key lets only one of
 * them write n + 1, and the other is told to look again instead of silently overwriting.
 */
export async function insertVersion(
  db: NotifyDb,
  version: Omit<TemplateVersion, 'created_at'>,
): Promise<boolean> {
  const inserted = await db.insertInto('notify_template_versions').values(version).onConflict((oc) => oc.doNothing()).returning('version').executeTakeFirst();
  return inserted !== undefined;
}
