import type { Actor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { FormErrors } from '#kernel/forms/index.ts';
import { reindexEntries } from './indexing.ts';
import { catalogDb } from './repo.ts';
import { publishProblems } from './rules.ts';
import { changedFields, recordVersion } from './service.editing.ts';
import { publishReferenceProblems } from './validation.ts';
import { entryWorkflow } from './workflow.entry.ts';

/**
 * What publishing or withdrawing answers: done, the draft's problems by field (reason codes the route
 * words), or a step that does not fit the entry's state any more (a colleague was quicker, a second click).
 */
export type PublishResult = { ok: true; id: string } | { ok: false; errors: FormErrors } | { ok: false; reason: 'not-found' | 'invalid-transition' };

/** Makes the saved draft what citizens see, once it has every required section and no known broken link. */
export async function publishEntry(ctx: KernelContext, actor: Actor, id: string): Promise<PublishResult> {
  const result = await entryWorkflow.transition<{ ok: false; errors: FormErrors }>(ctx, actor, { id, transition: 'publish' }, {
    check: async (trx, entry) => {
      const errors = { ...publishProblems(entry.kind, entry.draft), ...(await publishReferenceProblems(catalogDb(trx), entry.kind, entry.draft)) };
      return Object.keys(errors).length > 0 ? { ok: false, errors } : undefined;
    },
    apply: async (trx, entry) => {
      const db = catalogDb(trx);
      const changed = changedFields(entry.published, entry.draft);
      await reindexEntries(db, [entry.id]);
      await recordVersion(db, actor, { entry, action: 'published', revision: entry.revision, content: entry.draft, changed });
      return { revision: entry.revision, changed };
    },
  });
  return answer(id, result);
}

/** Takes an entry off the public pages, the API and the search; the draft and the history stay. */
export async function unpublishEntry(ctx: KernelContext, actor: Actor, id: string): Promise<PublishResult> {
  const result = await entryWorkflow.transition(ctx, actor, { id, transition: 'unpublish' }, {
    apply: async (trx, entry) => {
      const db = catalogDb(trx);
      await reindexEntries(db, [entry.id]);
      await recordVersion(db, actor, { entry, action: 'unpublished', revision: entry.revision, content: null });
      return { revision: entry.revision, changed: [] };
    },
  });
  return answer(id, result);
}

function answer(id: string, result: Awaited<ReturnType<typeof entryWorkflow.transition<{ ok: false; errors: FormErrors }>>>): PublishResult {
  if (result.ok) return { ok: true, id };
  if ('errors' in result) return result;
  return { ok: false, reason: result.reason === 'not-found' ? 'not-found' : 'invalid-transition' };
}
