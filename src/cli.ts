import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { pino } from 'pino';
import { loadConfig, type Config } from '#kernel/config.ts';
import type { KernelContext } from '#kernel/context.ts';
import { openDatabase, type Database } from '#kernel/db/database.ts';
import { migrateToLatest } from '#kernel/db/migrate.ts';
import type { CliCommand, CliOutput, ModuleManifest } from '#kernel/module.ts';
import { createContext, databaseTargetFrom, migrationSets, seedDemoData } from '#kernel/platform.ts';
import { modules as platformModules } from '#modules/index.ts';

/** Exit codes: 64 is EX_USAGE from sysexits.h, which shells and operators recognise. */
export const exitCode = { ok: 0, failed: 1, badConfig: 2, usage: 64 } as const;

export interface CliOptions {
  /** An open database to run against instead of the configured one. The caller keeps it and closes it. */
  database?: Database;
  /** The modules whose migrations, jobs and commands the CLI knows; all of the platform's by default. */
  modules?: readonly ModuleManifest[];
}

type Values = ReturnType<typeof parseArgs>['values'];

interface Invocation {
  ctx: KernelContext;
  /** Arguments after the command name, unparsed (module commands parse their own). */
  args: string[];
  /** Built-in commands: the options, parsed and checked before the database was opened. */
  values: Values;
  output: CliOutput;
  /** Migrations this invocation applied on the way in. */
  migrated: string[];
}

interface Synopsis {
  name: string;
  summary: string;
  usage: string;
}

interface Command extends Synopsis {
  /** Built-in commands declare their options, so a typo is refused before anything touches the database. */
  options?: NonNullable<ParseArgsConfig['options']>;
  run(invocation: Invocation): Promise<number>;
}

/** Answered without configuration or database, so it works even when the environment is broken. */
const help: Synopsis = { name: 'help', summary: 'Lists every command with its arguments', usage: '' };

const builtins: Command[] = [
  {
    name: 'migrate',
    summary: 'Applies the database migrations not applied yet and lists them',
    usage: '',
    options: {},
    async run({ output, migrated }) {
      if (migrated.length === 0) output.out('The database is up to date; no migration to apply.');
      else output.out(`Applied ${migrated.length} migration(s):`);
      for (const name of migrated) output.out(`  ${name}`);
      return exitCode.ok;
    },
  },
  {
    name: 'seed',
    summary: 'Inserts the demo data of every module not seeded yet and lists those modules',
    usage: '',
    options: {},
    async run({ ctx, output }) {
      const seeded = await seedDemoData(ctx);
      output.out(seeded.length === 0 ? 'Every module’s demo data is seeded already.' : `Seeded demo data of: ${seeded.join(', ')}`);
      return exitCode.ok;
    },
  },
  {
    name: 'run-jobs',
    summary: 'Runs every job that is due now, once, and says how many ran (for an external scheduler)',
    usage: '[--only <job name> …]',
    options: { only: { type: 'string', multiple: true } },
    async run({ ctx, values, output }) {
      const only = values.only as string[] | undefined;
      const known = new Set(ctx.modules.flatMap((module) => module.jobs ?? []).map((job) => job.name));
      const unknown = (only ?? []).filter((name) => !known.has(name));
      if (unknown.length > 0) {
        output.err(`Unknown job: ${unknown.join(', ')}. Known jobs: ${[...known].sort().join(', ')}`);
        return exitCode.usage;
      }
      const ran = await ctx.jobs.drain(ctx, only);
      output.out(`${ran} job(s) ran.`);
      return exitCode.ok;
    },
  },
];

function fromModule(command: CliCommand): Command {
  return { ...command, run: ({ ctx, args, output }) => command.run(ctx, args, output) };
}

function commandTable(modules: readonly ModuleManifest[]): Map<string, Command> {
  const table = new Map<string, Command>();
  for (const command of [...builtins, ...modules.flatMap((module) => module.commands ?? []).map(fromModule)]) {
    if (table.has(command.name) || command.name === help.name) throw new Error(`Command ${command.name} is declared twice`);
    table.set(command.name, command);
  }
  return table;
}

function printHelp(table: Map<string, Command>, print: (line: string) => void) {
  print('Usage: npm run cli -- <command> [arguments]');
  print('');
  print('Commands:');
  for (const command of [help, ...table.values()]) {
    print(`  ${command.name}${command.usage ? ` ${command.usage}` : ''}`);
    print(`      ${command.summary}`);
  }
}

function isUsageError(error: unknown): error is Error {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('ERR_PARSE_ARGS');
}

/**
 * Runs one command and returns the process's exit code; never exits itself, so tests call it directly.
 * Whatever it opened (job system, mailer, database) is closed before it returns.
 */
export async function runCli(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  output: CliOutput,
  options: CliOptions = {},
): Promise<number> {
  const table = commandTable(options.modules ?? platformModules);
  const [name, ...args] = argv;
  if (name === undefined || name === help.name || name === '--help' || name === '-h') {
    printHelp(table, (line) => (name === undefined ? output.err(line) : output.out(line)));
    return name === undefined ? exitCode.usage : exitCode.ok;
  }
  const command = table.get(name);
  if (!command) {
    output.err(`Unknown command "${name}".`);
    printHelp(table, (line) => output.err(line));
    return exitCode.usage;
  }

  let values: Values = {};
  try {
    if (command.options) values = parseArgs({ args: [...args], options: command.options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    if (!isUsageError(error)) throw error;
    return usageFailure(command, error, output);
  }

  let config: Config;
  try {
    config = loadConfig(env, options.modules ?? platformModules);
  } catch (error) {
    output.err((error as Error).message);
    return exitCode.badConfig;
  }
  return withContext(config, options, output, async (ctx, migrated) => {
    try {
      return await command.run({ ctx, args, values, output, migrated });
    } catch (error) {
      if (isUsageError(error)) return usageFailure(command, error, output);
      throw error;
    }
  });
}

function usageFailure(command: Command, error: Error, output: CliOutput): number {
  output.err(error.message);
  output.err(`Usage: npm run cli -- ${command.name}${command.usage ? ` ${command.usage}` : ''}`);
  return exitCode.usage;
}

/** Opens (or takes) the database, migrates it, builds the kernel context, runs `task`, and closes it all. */
async function withContext(
  config: Config,
  options: CliOptions,
  output: CliOutput,
  task: (ctx: KernelContext, migrated: string[]) => Promise<number>,
): Promise<number> {
  const modules = options.modules ?? platformModules;
  const logger = pino({ level: config.LOG_LEVEL }, process.stderr);
  let database: Database | undefined;
  let ctx: KernelContext | undefined;
  try {
    database = options.database ?? (await openDatabase(databaseTargetFrom(config)));
    // Migrating here rather than inside createContext lets `migrate` say what it applied.
    const migrated = await migrateToLatest(database.db, migrationSets(modules));
    ctx = await createContext({ config, modules, database, logger, skipMigrations: true });
    return await task(ctx, migrated);
  } catch (error) {
    output.err(`Failed: ${error instanceof Error ? error.message : String(error)}`);
    return exitCode.failed;
  } finally {
    await ctx?.jobs.stop();
    ctx?.mailer.close();
    if (database && database !== options.database) await database.close();
  }
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const code = await runCli(process.argv.slice(2), process.env, {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
  process.exit(code);
}
