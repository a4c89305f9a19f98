import { recordAudit } from '#kernel/audit.ts';
import { actorId, actorLabel, actorName, type Actor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { FormErrors } from '#kernel/forms/index.ts';
import { officeContentOf, situationContentOf, type OfficeFormValue, type SituationFormValue } from './forms.office.ts';
import { serviceContentOf, type ServiceFormValue } from './forms.service.ts';
import { catalogDb, historyOf, insertEntry, insertHistory, lockEntry, updateEntry, type CatalogDb } from './repo.ts';
import { sortKey } from './rules.ts';
import type { Content } from './schemas.content.ts';
import type { Entry, HistoryAction } from './tables.ts';
import { isUniqueViolation } from '#kernel/db/errors.ts';
import { draftProblems, slugTakenError } from './validation.ts';

/** Create, edit, preview, publish and unpublish entries; read their history. Publishing is `service.publishing.ts`. */
export const editCatalog = 'catalog.edit';

/** Problems come back as reason codes by form field (`src/kernel/forms/README.md`); the route words them. */
export type EditResult = { ok: true; id: string } | { ok: false; errors: FormErrors } | { ok: false; reason: 'not-found' | 'conflict' };

/** An entry's form as the kernel read it, by kind. */
export type EntryInput = { kind: 'service'; value: ServiceFormValue } | { kind: 'office'; value: OfficeFormValue } | { kind: 'situation'; value: SituationFormValue };

function contentOf(input: EntryInput): { content: Content; errors: FormErrors } {
  switch (input.kind) {
    case 'service':
      return serviceContentOf(input.value);
    case 'office':
      return officeContentOf(input.value);
    case 'situation':
      return situationContentOf(input.value);
  }
}

/** JSON with object keys sorted: PostgreSQL's jsonb stores keys in its own order, so plain JSON text differs. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The top-level fields that differ between two versions, for the history ("who changed what"). */
export function changedFields(before: Content | null, after: Content): string[] {
  const previous = (before ?? {}) as Record<string, unknown>;
  return Object.entries(after)
    .filter(([field, value]) => canonical(previous[field]) !== canonical(value))
    .map(([field]) => field);
}

interface Change {
  entry: Pick<Entry, 'id' | 'kind'>;
  action: HistoryAction;
  revision: number;
  content: Content | null;
  changed?: string[];
}

/** The row of the entry's own history ("who changed what", per revision), written in the change's transaction. */
export async function recordVersion(db: CatalogDb, actor: Actor, change: Change): Promise<void> {
  await insertHistory(db, {
    entry_id: change.entry.id,
    action: change.action,
    revision: change.revision,
    actor_id: actorId(actor),
    actor_label: actorLabel(actor),
    actor_name: actorName(actor),
    changed: change.changed ?? [],
    content: change.content,
  });
}

/** The history row and the audit record of one change, written in the change's transaction. */
export async function recordChange(db: CatalogDb, actor: Actor, change: Change): Promise<void> {
  await recordVersion(db, actor, change);
  await recordAudit(db, { actor }, {
    action: `catalog.entry-${change.action}`,
    subjectType: `catalog.${change.entry.kind}`,
    subjectId: change.entry.id,
    meta: { revision: change.revision, changed: change.changed ?? [] },
  });
}

/** Columns that follow the version citizens see, or the draft while nothing is published. */
export function addressOf(content: Content) {
  return { slug: content.slug, title: content.title, sort_key: sortKey(content.title) };
}

export async function createEntry(ctx: KernelContext, actor: Actor, input: EntryInput): Promise<EditResult> {
  ctx.permissions.require(actor, editCatalog);
  const { kind } = input;
  const { content, errors } = contentOf(input);
  Object.assign(errors, await draftProblems(catalogDb(ctx.db), kind, content));
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return slugRace(content.slug, () =>
    ctx.db.transaction().execute(async (trx) => {
      const db = catalogDb(trx);
      const entry = await insertEntry(db, { kind, ...addressOf(content), draft: content, revision: 1 });
      await recordChange(db, actor, { entry, action: 'created', revision: 1, content, changed: Object.keys(content) });
      return { ok: true, id: entry.id } as const;
    }),
  );
}

/** The checks above run before the transaction; a colleague saving the same address in between is caught here. */
async function slugRace(slug: string, write: () => Promise<EditResult>): Promise<EditResult> {
  try {
    return await write();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return { ok: false, errors: { slug: slugTakenError(slug) } };
  }
}

/**
 * Saves the form as the new draft. `revision` is the draft revision the editor started from: if someone
 * saved in between, nothing is overwritten and the editor is told.
 */
export async function saveDraft(ctx: KernelContext, actor: Actor, id: string, revision: number, input: EntryInput): Promise<EditResult> {
  ctx.permissions.require(actor, editCatalog);
  return slugRace(input.value.slug, () => saveDraftNow(ctx, actor, id, revision, input));
}

async function saveDraftNow(ctx: KernelContext, actor: Actor, id: string, revision: number, input: EntryInput): Promise<EditResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const db = catalogDb(trx);
    const entry = await lockEntry(db, id);
    if (!entry || entry.kind !== input.kind) return { ok: false, reason: 'not-found' } as const;
    if (entry.revision !== revision) return { ok: false, reason: 'conflict' } as const;
    const { content, errors } = contentOf(input);
    Object.assign(errors, await draftProblems(db, entry.kind, content, id));
    if (Object.keys(errors).length > 0) return { ok: false, errors } as const;
    const changed = changedFields(entry.draft, content);
    if (changed.length === 0) return { ok: true, id } as const;
    const next = entry.revision + 1;
    await updateEntry(db, id, { draft: content, revision: next, ...(entry.published ? {} : addressOf(content)) });
    await recordChange(db, actor, { entry, action: 'saved', revision: next, content, changed });
    return { ok: true, id } as const;
  });
}

export async function entryHistory(ctx: KernelContext, actor: Actor, id: string) {
  ctx.permissions.require(actor, editCatalog);
  const db = catalogDb(ctx.db);
  return historyOf(db, id);
}
