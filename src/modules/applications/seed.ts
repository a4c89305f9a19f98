import type { KernelContext } from '#kernel/context.ts';
import { shippedForms } from './forms/index.ts';
import { applicationsDb, insertFormVersion, latestVersionNumber } from './repo.forms.ts';

/**
 * The forms the platform ships, published as version 1 of each on first start. A form an installation has
 * already (any version, also a newer one a designer made) is left alone.
 */
export async function seedApplications(ctx: KernelContext): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const db = applicationsDb(trx);
    for (const definition of shippedForms) {
      if ((await latestVersionNumber(db, definition.key)) > 0) continue;
      await insertFormVersion(db, { definition, version: 1, createdBy: null, status: 'published' });
    }
  });
}
