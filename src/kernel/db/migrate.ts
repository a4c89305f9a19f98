import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';

/**
 * A module's migrations by name (`YYYYMMDDHHmm_description`), listed in its `migrations/index.ts`. They are
 * imported statically rather than found on disk, so the server bundle `npm start` runs carries them;
 * `migrate.test.ts` checks that every file in a migrations folder is listed.
 */
export type Migrations = Readonly<Record<string, Migration>>;

export const migrationNamePattern = /^\d{12}_[a-z0-9_]+$/;

/** Merges the migrations of the kernel and of every module into one set; a name must be unique and well formed. */
export function mergeMigrations(sets: readonly Migrations[]): Record<string, Migration> {
  const merged: Record<string, Migration> = {};
  for (const set of sets) {
    for (const [name, migration] of Object.entries(set)) {
      if (!migrationNamePattern.test(name)) throw new Error(`Migration name ${name} does not read YYYYMMDDHHmm_description`);
      if (merged[name]) throw new Error(`Migration ${name} exists in more than one module`);
      merged[name] = migration;
    }
  }
  return merged;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator works on any schema
export async function migrateToLatest(db: Kysely<any>, sets: readonly Migrations[]): Promise<string[]> {
  const migrations = mergeMigrations(sets);
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // Modules arrive over time; a new module's migration may carry an older date than one already run.
    allowUnorderedMigrations: true,
  });
  return applied(await migrator.migrateToLatest());
}

function applied({ error, results }: MigrationResultSet): string[] {
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`, { cause: error });
  }
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
