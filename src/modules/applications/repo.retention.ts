import { sql } from 'kysely';
import type { ApplicationsDb } from './repo.forms.ts';

/** Drafts nobody has touched since the cutoff, a thousand at a time. */
export async function staleDraftIds(db: ApplicationsDb, cutoff: Date): Promise<string[]> {
  return (await db.selectFrom('application_drafts').select('id').where('updated_at', '<', cutoff).limit(1000).execute()).map((row) => row.id);
}

/** Closed cases whose form's retention period has passed since they were closed, a thousand at a time. */
export async function expiredCaseIds(db: ApplicationsDb, now: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('application_cases')
    .select('id')
    .where('closed_at', 'is not', null)
    .where(sql<boolean>`closed_at + make_interval(days => retention_days) < ${now}`)
    .limit(1000)
    .execute();
  return rows.map((row) => row.id);
}

export async function deleteDrafts(db: ApplicationsDb, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  return Number((await db.deleteFrom('application_drafts').where('id', 'in', ids).executeTakeFirst()).numDeletedRows);
}

export async function deleteCases(db: ApplicationsDb, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  return Number((await db.deleteFrom('application_cases').where('id', 'in', ids).executeTakeFirst()).numDeletedRows);
}
