import type { ApplicationsDb } from './repo.forms.ts';

/**
 * The cases a report of processing times counts for some offices (or all of them, for the open figures):
 * those sent since the given day, and every case still open, however old. With the definition of the form
 * version each was made with (its title and target days).
 */
export async function casesForTimes(db: ApplicationsDb, officeIds: readonly string[] | 'all', since: Date, openStates: readonly string[]) {
  if (officeIds !== 'all' && officeIds.length === 0) return [];
  return db
    .selectFrom('application_cases as c')
    .innerJoin('application_form_versions as v', 'v.id', 'c.form_version_id')
    .select(['c.id', 'c.form_key', 'c.status', 'c.submitted_at', 'v.definition'])
    .$if(officeIds !== 'all', (query) => query.where('c.office_id', 'in', [...officeIds]))
    .where((eb) => eb.or([eb('c.submitted_at', '>=', since), eb('c.status', 'in', [...openStates])]))
    .orderBy('c.submitted_at')
    .execute();
}
