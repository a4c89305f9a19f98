import type { Executor } from '#kernel/db/database.ts';
import type { KernelTables } from '#kernel/db/tables.ts';
import type { InitiativesTables } from './tables.ts';

export type InitiativesDb = Executor<KernelTables & InitiativesTables>;

export function initiativesDb(db: Executor<KernelTables>): InitiativesDb {
  return db.withTables<InitiativesTables>();
}
