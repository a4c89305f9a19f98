import type { Actor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { allEntries, catalogDb, entriesOfKind, findEntry } from './repo.ts';
import { editCatalog } from './service.editing.ts';
import { brokenLinkCounts, linkStatus } from './service.links.ts';
import type { Entry } from './tables.ts';
import { entryWorkflow } from './workflow.entry.ts';

/** Every entry with its state and broken links, for the back office's catalogue page. */
export async function editorOverview(ctx: KernelContext, actor: Actor) {
  ctx.permissions.require(actor, editCatalog);
  const entries = await allEntries(catalogDb(ctx.db));
  return { entries, broken: await brokenLinkCounts(ctx, entries) };
}

/** Offices and life situations a service can refer to, drafts included, by their working titles. */
export async function editorChoices(ctx: KernelContext, actor: Actor) {
  ctx.permissions.require(actor, editCatalog);
  const db = catalogDb(ctx.db);
  const pick = (entries: Entry[]) => entries.map((entry) => ({ id: entry.id, title: entry.draft.title }));
  return { offices: pick(await entriesOfKind(db, 'office')), situations: pick(await entriesOfKind(db, 'situation')) };
}

/** One entry for its editing page, with what the link checker knows about its links and what the editor may do with it now. */
export async function editorEntry(ctx: KernelContext, actor: Actor, id: string) {
  ctx.permissions.require(actor, editCatalog);
  const entry = await findEntry(catalogDb(ctx.db), id);
  if (!entry) return null;
  return { entry, links: await linkStatus(ctx, actor, entry), actions: entryWorkflow.allowedTransitions(ctx, actor, entry) };
}
