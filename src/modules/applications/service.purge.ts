import type { KernelContext } from '#kernel/context.ts';
import { deleteHistoryOf } from '#kernel/workflow/index.ts';
import type { WorkflowTables } from '#kernel/workflow/tables.ts';
import { settingsOf } from '#kernel/settings.ts';
import { applicationsDb } from './repo.forms.ts';
import { deleteCases, deleteDrafts, expiredCaseIds, staleDraftIds } from './repo.retention.ts';
import { draftOwner } from './service.draft.ts';
import { caseOwner } from './repo.cases.ts';
import { applicationsSettings } from './settings.ts';

/** Deletes drafts untouched for the configured days, with their references to uploaded files. */
export async function purgeDrafts(ctx: KernelContext, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - settingsOf(ctx, applicationsSettings).APPLICATION_DRAFT_DAYS * 86_400_000);
  return ctx.db.transaction().execute(async (trx) => {
    const db = applicationsDb(trx);
    const ids = await staleDraftIds(db, cutoff);
    for (const id of ids) await ctx.files.removeRefs(trx, draftOwner(id));
    return deleteDrafts(db, ids);
  });
}

/** Deletes closed cases past their form's retention period: answers, messages, files and history. */
export async function purgeCases(ctx: KernelContext, now: Date): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const db = applicationsDb(trx);
    const ids = await expiredCaseIds(db, now);
    for (const id of ids) await ctx.files.removeRefs(trx, caseOwner(id));
    await deleteHistoryOf(trx.withTables<WorkflowTables>(), 'applications.case', ids);
    return deleteCases(db, ids);
  });
}
