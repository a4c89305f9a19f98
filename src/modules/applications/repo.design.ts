import { sql } from 'kysely';
import type { Text } from './definition/schema.ts';
import type { ApplicationsDb } from './repo.forms.ts';
import type { FormVersionStatus } from './tables.ts';

/** A version as the designers' list shows it: its facts and its form's title, not the whole definition. */
export interface VersionListing {
  id: string;
  form_key: string;
  version: number;
  status: FormVersionStatus;
  title: Text;
  created_at: Date;
  created_by: string | null;
  published_at: Date | null;
  published_by: string | null;
}

/** Every version of every form, newest first within each form. */
export async function listVersions(db: ApplicationsDb): Promise<VersionListing[]> {
  return db
    .selectFrom('application_form_versions')
    .select(['id', 'form_key', 'version', 'status', 'created_at', 'created_by', 'published_at', 'published_by'])
    .select(sql<Text>`definition -> 'title'`.as('title'))
    .orderBy('form_key')
    .orderBy('version', 'desc')
    .execute();
}

/** Who published a version; written in the publication's transaction. */
export async function recordPublisher(db: ApplicationsDb, id: string, userId: string | null): Promise<void> {
  await db.updateTable('application_form_versions').set({ published_by: userId }).where('id', '=', id).execute();
}

/** A version's row, locked for the publication that changes its status: a second click waits and finds it published. */
export async function lockVersion(db: ApplicationsDb, id: string) {
  return db.selectFrom('application_form_versions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

