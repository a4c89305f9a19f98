import type { Executor } from '#kernel/db/database.ts';
import type { KernelTables } from '#kernel/db/tables.ts';
import type { FormDefinition } from './definition/schema.ts';
import type { ApplicationsTables, FormVersionRow } from './tables.ts';

export type ApplicationsDb = Executor<KernelTables & ApplicationsTables>;

export function applicationsDb(db: Executor<KernelTables>): ApplicationsDb {
  return db.withTables<ApplicationsTables>();
}

/** The version new applications of a form start from. */
export async function findPublishedForm(db: ApplicationsDb, formKey: string): Promise<FormVersionRow | undefined> {
  return db.selectFrom('application_form_versions').selectAll().where('form_key', '=', formKey).where('status', '=', 'published').executeTakeFirst();
}

export async function findFormVersion(db: ApplicationsDb, id: string): Promise<FormVersionRow | undefined> {
  return db.selectFrom('application_form_versions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Published forms, each with its key, title and service: for the service pages and the list of forms. */
export async function publishedForms(db: ApplicationsDb): Promise<FormVersionRow[]> {
  return db.selectFrom('application_form_versions').selectAll().where('status', '=', 'published').orderBy('form_key').execute();
}

export async function latestVersionNumber(db: ApplicationsDb, formKey: string): Promise<number> {
  const row = await db.selectFrom('application_form_versions').select((eb) => eb.fn.max('version').as('version')).where('form_key', '=', formKey).executeTakeFirst();
  return Number(row?.version ?? 0);
}

export async function insertFormVersion(db: ApplicationsDb, row: { definition: FormDefinition; version: number; createdBy: string | null; status: 'draft' | 'published' }): Promise<FormVersionRow> {
  return db
    .insertInto('application_form_versions')
    .values({
      form_key: row.definition.key,
      version: row.version,
      definition: JSON.stringify(row.definition),
      status: row.status,
      service_slug: row.definition.service ?? null,
      created_by: row.createdBy,
      published_at: row.status === 'published' ? new Date() : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Retires the published version of a form, so another can take its place. */
export async function retirePublished(db: ApplicationsDb, formKey: string): Promise<void> {
  await db.updateTable('application_form_versions').set({ status: 'retired' }).where('form_key', '=', formKey).where('status', '=', 'published').execute();
}

export async function markPublished(db: ApplicationsDb, id: string): Promise<void> {
  await db.updateTable('application_form_versions').set({ status: 'published', published_at: new Date() }).where('id', '=', id).where('status', '=', 'draft').execute();
}
