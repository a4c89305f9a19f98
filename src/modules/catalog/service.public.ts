import type { Actor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { ServiceRouteNote } from '#kernel/module.ts';
import { editCatalog } from './service.editing.ts';
import { catalogDb, findEntry, findPublished, listPublished, publishedByIds, publishedOfKind as publishedRowsOfKind, type CatalogDb, type PublishedRow } from './repo.ts';
import type { ChannelKind, Content, OfficeContent, ServiceContent, SituationContent } from './schemas.content.ts';
import type { EntryKind } from './tables.ts';

/*
 * What citizens and machines read: published entries only. Previews go through the same shapes with the
 * draft in place of the published version, so a preview looks exactly like the page will.
 */

/** Published content is read once per publication, not once per request (`ContentVersions.remember`). */
function remembered<T>(ctx: KernelContext, key: string, load: () => Promise<T>): Promise<T> {
  return ctx.content.remember(['catalog'], `catalog:${key}`, load);
}

export interface Ref {
  id: string;
  slug: string;
  title: string;
  summary: string;
  /** English title and summary, where the entry has them. */
  en?: { title?: string; summary?: string };
}

const englishRef = (content: { en?: { title?: string; summary?: string } }) => (content.en ? { en: { title: content.en.title, summary: content.en.summary } } : {});

export interface ServiceView {
  id: string;
  content: ServiceContent;
  publishedAt: Date | null;
  office: (OfficeContent & { id: string }) | null;
  situations: Ref[];
  /** Lines other modules add under a route's link (the next free appointment), by channel kind. */
  routeNotes?: Partial<Record<ChannelKind, ServiceRouteNote>>;
}

const refOf = (entry: PublishedRow): Ref | null => {
  const content = entry.published;
  return content ? { id: entry.id, slug: content.slug, title: content.title, summary: content.summary, ...englishRef(content) } : null;
};

function published<T extends Content>(entry: PublishedRow | undefined): T | null {
  return (entry?.published as T | null | undefined) ?? null;
}

async function serviceView(db: CatalogDb, entry: PublishedRow, content: ServiceContent): Promise<ServiceView> {
  const related = await publishedByIds(db, [...(content.officeId ? [content.officeId] : []), ...content.lifeSituationIds]);
  const officeEntry = related.find((candidate) => candidate.id === content.officeId && candidate.kind === 'office');
  const office = published<OfficeContent>(officeEntry);
  const situations = content.lifeSituationIds
    .map((id) => related.find((candidate) => candidate.id === id))
    .flatMap((candidate) => (candidate ? [refOf(candidate)] : []))
    .filter((ref): ref is Ref => ref !== null);
  return { id: entry.id, content, publishedAt: entry.published_at, office: office && officeEntry ? { ...office, id: officeEntry.id } : null, situations };
}

/** The published entry of a kind at an address, as its page shows it; null when there is none. */
function publishedAt<T extends Content, V>(ctx: KernelContext, kind: EntryKind, slug: string, view: (db: CatalogDb, entry: PublishedRow, content: T) => Promise<V>): Promise<V | null> {
  return remembered(ctx, `${kind}:${slug}`, async () => {
    const db = catalogDb(ctx.db);
    const entry = await findPublished(db, kind, slug);
    const content = published<T>(entry);
    return entry && content ? view(db, entry, content) : null;
  });
}

export function publishedService(ctx: KernelContext, slug: string): Promise<ServiceView | null> {
  return publishedAt(ctx, 'service', slug, serviceView);
}

/** The draft of an entry shown as its public page would show it, for editors only. */
export async function previewEntry(ctx: KernelContext, actor: Actor, id: string) {
  ctx.permissions.require(actor, editCatalog);
  const db = catalogDb(ctx.db);
  const entry = await findEntry(db, id);
  if (!entry) return null;
  switch (entry.kind) {
    case 'service':
      return { kind: 'service' as const, entry, service: await serviceView(db, entry, entry.draft as ServiceContent) };
    case 'office':
      return { kind: 'office' as const, entry, office: await officeView(db, entry, entry.draft as OfficeContent) };
    case 'situation':
      return { kind: 'situation' as const, entry, situation: await situationView(db, entry, entry.draft as SituationContent) };
  }
}

export interface ListedService extends Ref {
  leikaKey: string | null;
}

function listed(entry: PublishedRow): ListedService {
  const content = entry.published as ServiceContent;
  return { id: entry.id, slug: content.slug, title: content.title, summary: content.summary, leikaKey: content.leikaKey, ...englishRef(content) };
}

/** Published services of an office or a life situation, in title order. */
async function servicesWhere(db: CatalogDb, filter: { officeId?: string; situationId?: string }): Promise<ListedService[]> {
  const { rows } = await listPublished(db, 'service', { ...filter, offset: 0, limit: 1000 });
  return rows.map(listed);
}

export interface OfficeView {
  id: string;
  content: OfficeContent;
  services: ListedService[];
}

async function officeView(db: CatalogDb, entry: PublishedRow, content: OfficeContent): Promise<OfficeView> {
  return { id: entry.id, content, services: await servicesWhere(db, { officeId: entry.id }) };
}

export function publishedOffice(ctx: KernelContext, slug: string): Promise<OfficeView | null> {
  return publishedAt(ctx, 'office', slug, officeView);
}

export interface SituationView {
  id: string;
  content: SituationContent;
  services: ListedService[];
}

async function situationView(db: CatalogDb, entry: PublishedRow, content: SituationContent): Promise<SituationView> {
  return { id: entry.id, content, services: await servicesWhere(db, { situationId: entry.id }) };
}

export function publishedSituation(ctx: KernelContext, slug: string): Promise<SituationView | null> {
  return publishedAt(ctx, 'situation', slug, situationView);
}

/** Every published entry of a kind with its content, in the kind's order (life situations by position). */
export function publishedOfKind<T extends Content>(ctx: KernelContext, kind: EntryKind): Promise<{ id: string; content: T }[]> {
  return remembered(ctx, `kind:${kind}`, async () => {
    const entries = await publishedRowsOfKind(catalogDb(ctx.db), kind);
    const all = entries.map((entry) => ({ id: entry.id, content: entry.published as T }));
    if (kind === 'situation') all.sort((a, b) => (a.content as SituationContent).position - (b.content as SituationContent).position);
    return all;
  });
}

export interface ServiceListQuery {
  situation?: string;
  office?: string;
  page: number;
  perPage: number;
}

/**
 * A page of published services, filtered by the slug of a life situation or an office. An unknown slug
 * yields no services rather than all of them: a filter that matches nothing must not look like no filter.
 */
export function serviceList(ctx: KernelContext, query: ServiceListQuery): Promise<{ items: ListedService[]; total: number }> {
  return remembered(ctx, `list:${JSON.stringify([query.situation, query.office, query.page, query.perPage])}`, () => serviceListNow(ctx, query));
}

async function serviceListNow(ctx: KernelContext, query: ServiceListQuery): Promise<{ items: ListedService[]; total: number }> {
  const db = catalogDb(ctx.db);
  const situation = query.situation ? await findPublished(db, 'situation', query.situation) : undefined;
  const office = query.office ? await findPublished(db, 'office', query.office) : undefined;
  if ((query.situation && !situation) || (query.office && !office)) return { items: [], total: 0 };
  const { rows, total } = await listPublished(db, 'service', {
    situationId: situation?.id,
    officeId: office?.id,
    offset: (query.page - 1) * query.perPage,
    limit: query.perPage,
  });
  return { items: rows.map(listed), total };
}

/** The page-cache scopes of the routes other modules offer for services, besides the catalogue's own. */
export function serviceRouteScopes(ctx: KernelContext): string[] {
  return ctx.modules.flatMap((module) => module.serviceRoutes?.scopes ?? []);
}

/**
 * The service as its page shows it, with the routes other modules run for it in place of typed-in ones:
 * an online form's address comes from the form itself, a channel the editor did not list is added.
 */
export async function withOfferedRoutes(ctx: KernelContext, service: ServiceView): Promise<ServiceView> {
  const offered = (await Promise.all(ctx.modules.flatMap((module) => (module.serviceRoutes ? [module.serviceRoutes.load(ctx)] : [])))).flatMap((routes) => routes.get(service.content.slug) ?? []);
  if (offered.length === 0) return service;
  const channels = [...service.content.channels];
  const routeNotes: NonNullable<ServiceView['routeNotes']> = {};
  for (const route of offered) {
    const at = channels.findIndex((channel) => channel.kind === route.kind);
    if (at >= 0) channels[at] = { ...channels[at]!, target: route.href };
    else channels.push({ kind: route.kind, target: route.href, instructions: '' });
    if (route.note) routeNotes[route.kind] = route.note;
  }
  return { ...service, content: { ...service.content, channels }, ...(Object.keys(routeNotes).length > 0 ? { routeNotes } : {}) };
}
