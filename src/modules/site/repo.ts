import type { Generated } from 'kysely';
import type { Executor } from '#kernel/db/database.ts';
import type { KernelTables } from '#kernel/db/tables.ts';

export type SiteTables = {
  accessibility_feedback: {
    id: Generated<string>;
    reference: string;
    page: string | null;
    message: string;
    name: string | null;
    email: string | null;
    received_at: Generated<Date>;
  };
};

export type SiteDb = Executor<KernelTables & SiteTables>;

export function siteDb(db: Executor<KernelTables>): SiteDb {
  return db.withTables<SiteTables>();
}

export async function insertFeedback(
  db: SiteDb,
  feedback: { reference: string; page: string | null; message: string; name: string | null; email: string | null },
) {
  return db.insertInto('accessibility_feedback').values(feedback).returning(['id', 'reference']).executeTakeFirstOrThrow();
}

/** Keeps the report itself (it documents the barrier) but removes who sent it. */
export async function anonymiseFeedbackBefore(db: SiteDb, cutoff: Date): Promise<number> {
  const result = await db
    .updateTable('accessibility_feedback')
    .set({ name: null, email: null })
    .where('received_at', '<', cutoff)
    .where((eb) => eb.or([eb('name', 'is not', null), eb('email', 'is not', null)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
