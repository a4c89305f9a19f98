import { recordAudit } from '#kernel/audit.ts';
import type { Actor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { reindexEntries } from './indexing.ts';
import { allEntries, catalogDb, findBySlug, insertEntry, updateEntry, type CatalogDb } from './repo.ts';
import { sortKey } from './rules.ts';
import type { CatalogExport, Content, ExportedServiceContent, ServiceContent } from './schemas.content.ts';
import { canonical, changedFields, recordChange } from './service.editing.ts';
import type { Entry, EntryKind } from './tables.ts';
import { checkImport, type ImportProblem } from './transfer.check.ts';
import { isUniqueViolation } from '#kernel/db/errors.ts';

/** Export and import the whole catalogue as JSON (back office, CLI and API). */
export const transferCatalog = 'catalog.transfer';

type Slugs = Map<string, string>;

function toExported(content: ServiceContent, slugOf: Slugs): ExportedServiceContent {
  const { officeId, lifeSituationIds, ...rest } = content;
  return { ...rest, office: officeId ? (slugOf.get(officeId) ?? null) : null, lifeSituations: lifeSituationIds.flatMap((id) => (slugOf.has(id) ? [slugOf.get(id)!] : [])) };
}

function fromExported(content: ExportedServiceContent, idOf: Slugs): ServiceContent {
  const { office, lifeSituations, ...rest } = content;
  return { ...rest, officeId: office ? idOf.get(`office:${office}`)! : null, lifeSituationIds: lifeSituations.map((slug) => idOf.get(`situation:${slug}`)!) };
}

/** The whole catalogue, drafts and published versions, with references as slugs. */
export async function exportCatalog(ctx: KernelContext, actor: Actor): Promise<CatalogExport> {
  ctx.permissions.require(actor, transferCatalog);
  const entries = await allEntries(catalogDb(ctx.db));
  const slugOf: Slugs = new Map(entries.map((entry) => [entry.id, entry.draft.slug]));
  const of = (kind: EntryKind) => entries.filter((entry) => entry.kind === kind);
  const result: CatalogExport = {
    format: 'erkelenz-digital/catalog',
    version: 1,
    exportedAt: new Date().toISOString(),
    offices: of('office').map((entry) => ({ demo: entry.demo, draft: entry.draft as never, published: entry.published as never })),
    lifeSituations: of('situation').map((entry) => ({ demo: entry.demo, draft: entry.draft as never, published: entry.published as never })),
    services: of('service').map((entry) => ({
      demo: entry.demo,
      draft: toExported(entry.draft as ServiceContent, slugOf),
      published: entry.published ? toExported(entry.published as ServiceContent, slugOf) : null,
    })),
  };
  await recordAudit(ctx.db, { actor }, { action: 'catalog.exported', subjectType: 'catalog', meta: { entries: entries.length } });
  return result;
}

export type ImportResult = { ok: true; created: number; updated: number; unchanged: number } | { ok: false; problems: ImportProblem[] };

async function existingSlugs(db: CatalogDb, kind: EntryKind): Promise<Set<string>> {
  const rows = await db.selectFrom('catalog_entries').select(['slug']).select((eb) => eb.ref('draft', '->>').key('slug').as('draft_slug')).where('kind', '=', kind).execute();
  return new Set(rows.flatMap((row) => [row.slug, String(row.draft_slug)]));
}

/**
 * Takes a catalogue file in: entries are matched by kind and slug, updated where they exist and created
 * where not; an entry published in the file is published, one unpublished is withdrawn. All or nothing:
 * the whole file is checked first and written in one transaction.
 */
export async function importCatalog(ctx: KernelContext, actor: Actor, data: unknown): Promise<ImportResult> {
  ctx.permissions.require(actor, transferCatalog);
  const db = catalogDb(ctx.db);
  const checked = await checkImport(data, { office: await existingSlugs(db, 'office'), situation: await existingSlugs(db, 'situation') });
  if (!checked.ok) return checked;
  const file = checked.data;
  try {
    return await writeImport(ctx, actor, file);
  } catch (error) {
    // Entries in the file may claim addresses other entries hold as their published address.
    if (isUniqueViolation(error)) return { ok: false, problems: [{ reason: 'address-conflict' }] };
    throw error;
  }
}

async function writeImport(ctx: KernelContext, actor: Actor, file: CatalogExport): Promise<ImportResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const tx = catalogDb(trx);
    const idOf: Slugs = new Map();
    const counts = { created: 0, updated: 0, unchanged: 0 };
    const changed: string[] = [];
    const write = async (kind: EntryKind, demo: boolean, draft: Content, published: Content | null) => {
      const result = await upsert(tx, actor, kind, demo, draft, published);
      idOf.set(`${kind}:${draft.slug}`, result.id);
      counts[result.outcome] += 1;
      if (result.outcome !== 'unchanged') changed.push(result.id);
    };
    for (const entry of file.offices) await write('office', entry.demo, entry.draft, entry.published);
    for (const entry of file.lifeSituations) await write('situation', entry.demo, entry.draft, entry.published);
    for (const kind of ['office', 'situation'] as const) {
      for (const slug of await existingSlugs(tx, kind)) if (!idOf.has(`${kind}:${slug}`)) idOf.set(`${kind}:${slug}`, (await findBySlug(tx, kind, slug))!.id);
    }
    for (const entry of file.services) {
      await write('service', entry.demo, fromExported(entry.draft, idOf), entry.published ? fromExported(entry.published, idOf) : null);
    }
    // Once for the whole file: the search's documents of every entry that changed, in the import's transaction.
    await reindexEntries(tx, changed);
    await recordAudit(trx, { actor }, { action: 'catalog.imported', subjectType: 'catalog', meta: counts });
    return { ok: true, ...counts } as const;
  });
}

async function upsert(db: CatalogDb, actor: Actor, kind: EntryKind, demo: boolean, draft: Content, published: Content | null): Promise<{ id: string; outcome: 'created' | 'updated' | 'unchanged' }> {
  const shown = published ?? draft;
  const address = { slug: shown.slug, title: shown.title, sort_key: sortKey(shown.title) };
  const publication = { published, published_revision: null as number | null, published_at: published ? new Date() : null };
  const existing: Entry | undefined = await findBySlug(db, kind, draft.slug);
  if (!existing) {
    const entry = await insertEntry(db, { kind, ...address, draft, revision: 1, demo, ...publication, published_revision: published ? 1 : null });
    await recordChange(db, actor, { entry, action: 'imported', revision: 1, content: draft, changed: Object.keys(draft) });
    return { id: entry.id, outcome: 'created' };
  }
  const changed = [...new Set([...changedFields(existing.draft, draft), ...(canonical(existing.published) === canonical(published) ? [] : ['published'])])];
  if (changed.length === 0 && existing.demo === demo) return { id: existing.id, outcome: 'unchanged' };
  const revision = existing.revision + 1;
  await updateEntry(db, existing.id, { ...address, draft, revision, demo, ...publication, published_revision: published ? revision : existing.published_revision });
  await recordChange(db, actor, { entry: existing, action: 'imported', revision, content: draft, changed });
  return { id: existing.id, outcome: 'updated' };
}
