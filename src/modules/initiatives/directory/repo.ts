import { sql, type Expression, type SqlBool } from 'kysely';
import type { InitiativesDb } from '../repo.ts';
import type { EventRow, InitiativeRow } from '../tables.ts';
import type { AccessibilityFeature, District, Domain } from '../vocabulary.ts';

/*
 * What the public sees of the hub: published initiatives and the published events of published
 * initiatives. A filter by district finds what serves that district, and what serves the whole town
 * (an entry with no districts); an event without features of its own has its initiative's.
 */

export interface DirectoryFilter {
  domains?: readonly Domain[];
  district?: District;
  accessibility?: readonly AccessibilityFeature[];
  text?: string;
}

const textArray = (values: readonly string[]) => sql<string[]>`${sql.val([...values])}::text[]`;

/** The columns of an entry the public pages show (no proposer, no moderation notes). */
export const publicColumns = [
  'id', 'slug', 'name', 'summary', 'description', 'provider_kind', 'domains', 'target_groups', 'districts', 'contact_name', 'contact_email', 'contact_phone', 'website',
  'accessibility', 'accessibility_note', 'languages', 'logo_file_id', 'logo_alt', 'meeting_times', 'address', 'latitude', 'longitude', 'demo', 'published_at', 'confirmed_current_at', 'updated_at',
] as const;
export type PublicInitiative = Pick<InitiativeRow, (typeof publicColumns)[number]>;

export async function publishedInitiatives(db: InitiativesDb, filter: DirectoryFilter = {}): Promise<PublicInitiative[]> {
  let query = db.selectFrom('initiatives').select(publicColumns).where('status', '=', 'published');
  if (filter.domains?.length) query = query.where(sql<SqlBool>`domains && ${textArray(filter.domains)}`);
  if (filter.district) query = query.where(sql<SqlBool>`(districts = '{}' or ${filter.district} = any(districts))`);
  if (filter.accessibility?.length) query = query.where(sql<SqlBool>`accessibility @> ${textArray(filter.accessibility)}`);
  if (filter.text) {
    const pattern = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('name', 'ilike', pattern), eb('summary', 'ilike', pattern), eb('description', 'ilike', pattern)]));
  }
  return query.orderBy(sql`lower(name)`).execute();
}

export async function publishedBySlug(db: InitiativesDb, slug: string): Promise<PublicInitiative | undefined> {
  return db.selectFrom('initiatives').select(publicColumns).where('slug', '=', slug).where('status', '=', 'published').executeTakeFirst();
}

/** How many published entries each domain has, for the directory's ways in. */
export async function countsByDomain(db: InitiativesDb): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom(sql<{ domain: string }>`(select unnest(domains) as domain from initiatives where status = 'published')`.as('d'))
    .select(['domain', sql<number>`count(*)::int`.as('count')])
    .groupBy('domain')
    .execute();
  return new Map(rows.map((row) => [row.domain, row.count]));
}

export interface CalendarFilter extends DirectoryFilter {
  from: Date;
  to: Date;
  initiativeId?: string;
  limit: number;
}

export interface CalendarEntry {
  eventId: string;
  startsAt: Date;
  endsAt: Date;
  title: string;
  description: string;
  location: string | null;
  district: string | null;
  url: string | null;
  allDay: boolean;
  accessibility: AccessibilityFeature[];
  recurring: boolean;
  sequence: number;
  updatedAt: Date;
  demo: boolean;
  initiative: { slug: string; name: string; domains: Domain[]; districts: string[] };
}

/** Occurrences overlapping [from, to) of published events of published initiatives, in time order. */
export async function calendarEntries(db: InitiativesDb, filter: CalendarFilter): Promise<CalendarEntry[]> {
  const conditions: Expression<SqlBool>[] = [sql<SqlBool>`o.ends_at > ${filter.from}`, sql<SqlBool>`o.starts_at < ${filter.to}`];
  if (filter.initiativeId) conditions.push(sql<SqlBool>`i.id = ${filter.initiativeId}`);
  if (filter.domains?.length) conditions.push(sql<SqlBool>`i.domains && ${textArray(filter.domains)}`);
  if (filter.district) conditions.push(sql<SqlBool>`(e.district = ${filter.district} or (e.district is null and (i.districts = '{}' or ${filter.district} = any(i.districts))))`);
  if (filter.accessibility?.length) conditions.push(sql<SqlBool>`(case when e.accessibility = '{}' then i.accessibility else e.accessibility end) @> ${textArray(filter.accessibility)}`);
  if (filter.text) {
    const pattern = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(sql<SqlBool>`(e.title ilike ${pattern} or e.description ilike ${pattern} or i.name ilike ${pattern})`);
  }
  const rows = await sql<{
    event_id: string; starts_at: Date; ends_at: Date; title: string; description: string; location: string | null; district: string | null; url: string | null; all_day: boolean;
    accessibility: AccessibilityFeature[]; rrule: string | null; sequence: number; updated_at: Date; demo: boolean; slug: string; name: string; domains: Domain[]; districts: string[];
  }>`
    select o.event_id, o.starts_at, o.ends_at, e.title, e.description, coalesce(e.location, i.address) as location, e.district, e.url, e.all_day,
           case when e.accessibility = '{}' then i.accessibility else e.accessibility end as accessibility,
           e.rrule, e.sequence, e.updated_at, e.demo, i.slug, i.name, i.domains, i.districts
      from initiative_event_occurrences o
      join initiative_events e on e.id = o.event_id and e.status = 'published'
      join initiatives i on i.id = e.initiative_id and i.status = 'published'
     where ${sql.join(conditions, sql` and `)}
     order by o.starts_at, lower(e.title), o.event_id
     limit ${filter.limit}`.execute(db);
  return rows.rows.map((row) => ({
    eventId: row.event_id,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    title: row.title,
    description: row.description,
    location: row.location,
    district: row.district,
    url: row.url,
    allDay: row.all_day,
    accessibility: row.accessibility,
    recurring: row.rrule !== null,
    sequence: row.sequence,
    updatedAt: row.updated_at,
    demo: row.demo,
    initiative: { slug: row.slug, name: row.name, domains: row.domains, districts: row.districts },
  }));
}

/** A published event of a published initiative, with the initiative's slug and name. */
export async function publicEvent(db: InitiativesDb, id: string): Promise<(EventRow & { initiative_slug: string; initiative_name: string; initiative_accessibility: AccessibilityFeature[] }) | undefined> {
  return db
    .selectFrom('initiative_events as e')
    .innerJoin('initiatives as i', 'i.id', 'e.initiative_id')
    .selectAll('e')
    .select(['i.slug as initiative_slug', 'i.name as initiative_name', 'i.accessibility as initiative_accessibility'])
    .where('e.id', '=', id)
    .where('e.status', '=', 'published')
    .where('i.status', '=', 'published')
    .executeTakeFirst();
}
