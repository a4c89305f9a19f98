import type { Actor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { reindexEntries } from '../indexing.ts';
import { catalogDb, insertEntry } from '../repo.ts';
import { sortKey } from '../rules.ts';
import type { Content, OfficeContent, ServiceContent, SituationContent } from '../schemas.content.ts';
import { unpublishEntry } from '../service.publishing.ts';
import type { Entry, EntryKind } from '../tables.ts';

let counter = 0;
const unique = () => `${Date.now().toString(36)}-${(counter += 1)}`;

/** Inserts an entry through the catalogue's repo, published unless told otherwise, and indexes it. */
async function build(ctx: KernelContext, kind: EntryKind, content: Content, publish: boolean): Promise<Entry> {
  const db = catalogDb(ctx.db);
  const entry = await insertEntry(db, {
    kind,
    slug: content.slug,
    title: content.title,
    sort_key: sortKey(content.title),
    draft: content,
    published: publish ? content : null,
    published_revision: publish ? 1 : null,
    published_at: publish ? new Date() : null,
  });
  await reindexEntries(db, [entry.id]);
  return entry;
}

export function officeContent(overrides: Partial<OfficeContent> = {}): OfficeContent {
  const id = unique();
  return {
    slug: `dienststelle-${id}`,
    title: `Testamt ${id}`,
    summary: 'Eine Dienststelle für Tests.',
    description: 'Sie erledigt, was Tests verlangen.',
    street: 'Johannismarkt 17',
    postalCode: '41812',
    city: 'Erkelenz',
    phone: '02431 85-0',
    email: 'testamt@erkelenz.example',
    website: '',
    hours: [1, 2, 3, 4, 5].map((day) => ({ day, opens: '08:00', closes: '12:00' })),
    exceptions: [],
    closedOnHolidays: true,
    hoursNote: '',
    stepFree: true,
    accessibleToilet: null,
    disabledParking: false,
    hearingLoop: null,
    accessibilityNote: '',
    ...overrides,
  };
}

export function situationContent(overrides: Partial<SituationContent> = {}): SituationContent {
  const id = unique();
  return { slug: `lebenslage-${id}`, title: `Lebenslage ${id}`, summary: 'Eine Lebenslage für Tests.', description: 'Was in dieser Lage zu tun ist.', tips: [], showOnHome: false, position: 500, ...overrides };
}

export function serviceContent(overrides: Partial<ServiceContent> = {}): ServiceContent {
  const id = unique();
  return {
    slug: `leistung-${id}`,
    title: `Testleistung ${id}`,
    leikaKey: null,
    summary: 'Eine Leistung für Tests.',
    description: 'Was diese Leistung ist.',
    eligibility: 'Alle.',
    requirements: [],
    documents: ['Personalausweis'],
    fees: [],
    feesNote: 'Gebührenfrei.',
    deadlines: '',
    processingTime: '',
    legalBasis: ['Testgesetz, § 1'],
    notes: '',
    appeal: '',
    officeId: null,
    synonyms: [],
    keywords: [],
    lifeSituationIds: [],
    easyLanguage: '',
    channels: [{ kind: 'phone', target: '02431 85-0', instructions: 'Rufen Sie an.' }],
    links: [],
    ...overrides,
  };
}

export async function buildOffice(ctx: KernelContext, overrides: Partial<OfficeContent> = {}, options: { publish?: boolean } = {}) {
  return build(ctx, 'office', officeContent(overrides), options.publish ?? true);
}

export async function buildSituation(ctx: KernelContext, overrides: Partial<SituationContent> = {}, options: { publish?: boolean } = {}) {
  return build(ctx, 'situation', situationContent(overrides), options.publish ?? true);
}

/** A publishable service; without an office given, a published office is built for it. */
export async function buildService(ctx: KernelContext, overrides: Partial<ServiceContent> = {}, options: { publish?: boolean } = {}) {
  const officeId = overrides.officeId === undefined ? (await buildOffice(ctx)).id : overrides.officeId;
  return build(ctx, 'service', serviceContent({ ...overrides, officeId }), options.publish ?? true);
}

/** Takes an entry offline as the given staff member does in the editor, audit record included. */
export async function unpublishAs(ctx: KernelContext, actor: Actor, entryId: string): Promise<void> {
  const result = await unpublishEntry(ctx, actor, entryId);
  if (!result.ok) throw new Error(`Entry ${entryId} not taken offline: ${JSON.stringify(result)}`);
}
