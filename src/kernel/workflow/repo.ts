import type { Selectable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { WorkflowTables } from './tables.ts';

export type HistoryRow = Selectable<WorkflowTables['workflow_history']>;
type Db = Executor<WorkflowTables>;

export async function insertHistory(db: Db, row: Omit<HistoryRow, 'id'>): Promise<void> {
  await db.insertInto('workflow_history').values(row).execute();
}

/** One instance's transitions, newest first. */
export async function historyOf(db: Db, workflow: string, instanceId: string): Promise<HistoryRow[]> {
  return db.selectFrom('workflow_history').selectAll().where('workflow', '=', workflow).where('instance_id', '=', instanceId).orderBy('id', 'desc').execute();
}

/** The moves of many instances (a report over a year of cases), each instance's in order, read in chunks. */
export async function movesOf(db: Db, workflow: string, instanceIds: readonly string[]): Promise<Map<string, Pick<HistoryRow, 'at' | 'to_state'>[]>> {
  const moves = new Map<string, Pick<HistoryRow, 'at' | 'to_state'>[]>();
  for (let start = 0; start < instanceIds.length; start += 1000) {
    const chunk = instanceIds.slice(start, start + 1000);
    const rows = await db.selectFrom('workflow_history').select(['instance_id', 'at', 'to_state']).where('workflow', '=', workflow).where('instance_id', 'in', chunk).orderBy('id').execute();
    for (const row of rows) moves.set(row.instance_id, [...(moves.get(row.instance_id) ?? []), { at: row.at, to_state: row.to_state }]);
  }
  return moves;
}

/** For a module that deletes instances for good: their history goes with them. */
export async function deleteHistoryOf(db: Db, workflow: string, instanceIds: readonly string[]): Promise<number> {
  if (instanceIds.length === 0) return 0;
  const result = await db.deleteFrom('workflow_history').where('workflow', '=', workflow).where('instance_id', 'in', [...instanceIds]).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Removes names and notes from transitions older than the cutoff; who (as an account id), what and when stay. */
export async function anonymiseHistoryBefore(db: Db, cutoff: Date): Promise<number> {
  const result = await db
    .updateTable('workflow_history')
    .set({ actor_name: null, note: null })
    .where('at', '<', cutoff)
    .where((eb) => eb.or([eb('actor_name', 'is not', null), eb('note', 'is not', null)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
