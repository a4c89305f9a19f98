import { sql } from 'kysely';
import type { Executor } from '#kernel/db/database.ts';
import type { KernelTables } from '#kernel/db/tables.ts';
import { initiativesDb, type InitiativesDb } from '../repo.ts';
import type { RequestStatus, ResourceRow } from '../tables.ts';
import type { Domain, ResourceKind } from '../vocabulary.ts';

/*
 * The resources the city keeps ready and the requests initiatives send for them. Days are read as
 * 'YYYY-MM-DD' text, so a deadline compares and shows without a time zone.
 */

const resourceColumns = [
  'id',
  'slug',
  'kind',
  'title',
  'summary',
  'description',
  'office_slug',
  'domains',
  'districts',
  'location',
  'capacity',
  sql<string | null>`to_char(deadline, 'YYYY-MM-DD')`.as('deadline'),
  'accessibility',
  'booking_href',
  'dataset_name',
  'active',
  'demo',
  'created_at',
  'updated_at',
] as const;

export interface ResourceFilter {
  kinds?: readonly ResourceKind[];
  domains?: readonly Domain[];
  districts?: readonly string[];
}

/** The active resources, optionally narrowed; a resource with no domains or districts serves them all. */
export async function activeResources(db: InitiativesDb, filter: ResourceFilter = {}): Promise<ResourceRow[]> {
  let query = db.selectFrom('initiative_resources').select(resourceColumns).where('active', '=', true);
  if (filter.kinds?.length) query = query.where('kind', 'in', [...filter.kinds]);
  if (filter.domains?.length) query = query.where((eb) => eb.or([sql<boolean>`domains && ${sql.val([...filter.domains!])}::text[]`, sql<boolean>`cardinality(domains) = 0`]));
  if (filter.districts?.length) query = query.where((eb) => eb.or([sql<boolean>`districts && ${sql.val([...filter.districts!])}::text[]`, sql<boolean>`cardinality(districts) = 0`]));
  return (await query.orderBy('title').execute());
}

/**
 * The resources that fit an initiative (its domains and districts), for its public page: each of the same
 * domain or with none, serving its districts or the whole town. Funding whose deadline passed is left out.
 */
export async function resourcesFor(db: Executor<KernelTables>, initiative: { domains: readonly string[]; districts: readonly string[] }, today: string): Promise<ResourceRow[]> {
  const rows = await activeResources(initiativesDb(db), { domains: initiative.domains as Domain[], districts: initiative.districts });
  return rows.filter((row) => row.deadline === null || row.deadline >= today);
}

export async function resourceBySlug(db: InitiativesDb, slug: string): Promise<ResourceRow | null> {
  return ((await db.selectFrom('initiative_resources').select(resourceColumns).where('slug', '=', slug).where('active', '=', true).executeTakeFirst())) ?? null;
}

/** The published initiatives a request can be sent for, by name. */
export function publishedInitiatives(db: InitiativesDb) {
  return db.selectFrom('initiatives').select(['id', 'name', 'slug']).where('status', '=', 'published').orderBy('name').execute();
}

export interface NewRequest {
  reference: string;
  resource_id: string;
  initiative_id: string | null;
  organisation: string | null;
  name: string;
  email: string;
  phone: string | null;
  message: string;
  wanted_on: string | null;
  language: 'de' | 'en';
}

export function insertRequest(db: InitiativesDb, request: NewRequest) {
  return db.insertInto('initiative_resource_requests').values(request).returning(['id', 'reference']).executeTakeFirstOrThrow();
}

/** A request with its resource and the initiative it was sent for, as staff and mails read it. */
export function requestsQuery(db: InitiativesDb) {
  return db
    .selectFrom('initiative_resource_requests as r')
    .innerJoin('initiative_resources as res', 'res.id', 'r.resource_id')
    .leftJoin('initiatives as i', 'i.id', 'r.initiative_id')
    .select([
      'r.id',
      'r.reference',
      'r.organisation',
      'r.name',
      'r.email',
      'r.phone',
      'r.message',
      'r.language',
      sql<string | null>`to_char(r.wanted_on, 'YYYY-MM-DD')`.as('wanted_on'),
      'r.status',
      'r.answer',
      'r.handled_at',
      'r.created_at',
      'res.id as resource_id',
      'res.slug as resource_slug',
      'res.title as resource_title',
      'res.office_slug',
      'i.name as initiative_name',
      'i.slug as initiative_slug',
    ]);
}

export type RequestView = Awaited<ReturnType<ReturnType<typeof requestsQuery>['executeTakeFirstOrThrow']>>;

export async function requestById(db: InitiativesDb, id: string): Promise<RequestView | null> {
  return (await requestsQuery(db).where('r.id', '=', id).executeTakeFirst()) ?? null;
}

/** The requests for resources of the given offices (by slug), open ones first, then newest first. */
export async function requestsForOffices(db: InitiativesDb, officeSlugs: readonly string[]): Promise<RequestView[]> {
  if (officeSlugs.length === 0) return [];
  return requestsQuery(db)
    .where('res.office_slug', 'in', [...officeSlugs])
    .orderBy(sql`r.status = 'received'`, 'desc')
    .orderBy('r.created_at', 'desc')
    .limit(500)
    .execute();
}

/** Answers a request still open; false when it was answered meanwhile. */
export async function answerRequest(db: InitiativesDb, id: string, answer: { status: Exclude<RequestStatus, 'received'>; text: string; by: string | null }, now: Date): Promise<boolean> {
  const updated = await db
    .updateTable('initiative_resource_requests')
    .set({ status: answer.status, answer: answer.text, handled_at: now, handled_by: answer.by })
    .where('id', '=', id)
    .where('status', '=', 'received')
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

export const handledRetentionDays = 180;
export const openRetentionDays = 365;

/**
 * Removes the requester's data 180 days after the request was answered, or 365 days after it was made if
 * nobody answered it; the request itself (resource, day, status) stays for the office's figures.
 */
export async function purgeRequests(db: InitiativesDb, now: Date): Promise<number> {
  const handledBefore = new Date(now.getTime() - handledRetentionDays * 86_400_000);
  const madeBefore = new Date(now.getTime() - openRetentionDays * 86_400_000);
  const result = await db
    .updateTable('initiative_resource_requests')
    .set({ name: null, email: null, phone: null, organisation: null, message: '', answer: null })
    .where((eb) => eb.or([eb('handled_at', '<', handledBefore), eb.and([eb('handled_at', 'is', null), eb('created_at', '<', madeBefore)])]))
    .where((eb) => eb.or([eb('name', 'is not', null), eb('email', 'is not', null), eb('phone', 'is not', null), eb('organisation', 'is not', null), eb('message', '!=', '')]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
