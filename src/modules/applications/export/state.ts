import type { KernelContext } from '#kernel/context.ts';
import type { Executor } from '#kernel/db/database.ts';
import type { KernelTables } from '#kernel/db/tables.ts';
import { attemptsOf, exportDb } from './repo.ts';
import { configuredExporter } from './service.ts';
import type { ExportRow } from './tables.ts';

/** What the case page shows of the hand-off: whether one is configured, and the attempts, newest first. */
export interface ExportState {
  enabled: boolean;
  attempts: ExportRow[];
}

/** Read inside the case page's transaction, after its access check. */
export async function exportStateOf(ctx: KernelContext, db: Executor<KernelTables>, caseId: string): Promise<ExportState> {
  return { enabled: configuredExporter(ctx) !== null, attempts: await attemptsOf(exportDb(db), caseId) };
}
