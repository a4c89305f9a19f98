import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Migrator, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';

/**
 * Collects the migrations of the kernel and of every module into one sequence ordered by file name
 * (`YYYYMMDDHHmm_description.ts`). Names must be unique across folders: a clash is a programming error.
 */
class FolderMigrationProvider implements MigrationProvider {
  constructor(private readonly folders: string[]) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    for (const folder of this.folders) {
      const files = (await fs.readdir(folder)).filter((file) => /^\d{12}_[a-z0-9_]+\.ts$/.test(file)).sort();
      for (const file of files) {
        const name = file.replace(/\.ts$/, '');
        if (migrations[name]) throw new Error(`Migration ${name} exists in more than one folder`);
        migrations[name] = (await import(pathToFileURL(path.join(folder, file)).href)) as Migration;
      }
    }
    return migrations;
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator works on any schema
export async function migrateToLatest(db: Kysely<any>, folders: string[]): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: new FolderMigrationProvider(folders),
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
