import type { KernelContext } from './context.ts';
import type { Executor } from './db/database.ts';

/** Every module's data about the person, under the module's id, for the download in "Mein Konto". */
export async function collectPersonalData(ctx: KernelContext, userId: string): Promise<Record<string, Record<string, unknown>>> {
  const parts: Record<string, Record<string, unknown>> = {};
  for (const module of ctx.modules) if (module.personalData) parts[module.id] = await module.personalData.export(ctx.db, userId, ctx);
  return parts;
}

/** Runs every module's erase inside the account deletion's transaction, before the account row goes. */
export async function erasePersonalData(ctx: KernelContext, trx: Executor, userId: string): Promise<void> {
  for (const module of ctx.modules) await module.personalData?.erase(trx, userId, ctx);
}
