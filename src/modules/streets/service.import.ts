import { recordAudit } from '#kernel/audit.ts';
import type { Actor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { checkStreetFile, type ImportProblem } from './import.check.ts';
import { replaceStreets, streetsDb } from './repo.ts';

/** Replacing the street register from a file (operators, on the command line). */
export const importStreetsPermission = 'streets.import';

export type StreetImportResult = { ok: true; total: number; created: number; updated: number; removed: number } | { ok: false; problems: ImportProblem[] };

/**
 * Takes the city's street register from a CSV file: every row is checked first, and only a file without
 * problems replaces the table, in one transaction with its audit record. The file is the whole register:
 * streets in it are kept or added as official data (a street already known keeps its id), every other row
 * goes, the demo streets included.
 */
export async function importStreets(ctx: KernelContext, actor: Actor, file: Uint8Array): Promise<StreetImportResult> {
  ctx.permissions.require(actor, importStreetsPermission);
  const checked = checkStreetFile(file);
  if (!checked.ok) return checked;
  const streets = checked.streets.map((street) => ({ ...street, source: 'official' as const }));
  const counts = await ctx.db.transaction().execute(async (trx) => {
    const changed = await replaceStreets(streetsDb(trx), streets);
    await recordAudit(trx, { actor }, { action: 'streets.imported', subjectType: 'streets', meta: { total: streets.length, ...changed } });
    return changed;
  });
  return { ok: true, total: streets.length, ...counts };
}
