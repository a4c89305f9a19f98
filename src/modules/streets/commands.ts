import fs from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { systemActor } from '#kernel/auth/actor.ts';
import type { CliCommand } from '#kernel/module.ts';
import { importProblemMessages } from './import.words.ts';
import { importStreets } from './service.import.ts';

/** More lines than an operator reads; the count of the rest follows. */
const problemsListed = 200;

export const importCommand: CliCommand = {
  name: 'streets-import',
  summary: 'Replaces the street register (demo streets included) with a CSV file: name;postcode;district;parking_zone;latitude;longitude; all or nothing',
  usage: '--file <csv>   (UTF-8 or Windows-1252, separated by ; or ,)',
  async run(ctx, args, output) {
    let file: string | undefined;
    try {
      ({ file } = parseArgs({ args, options: { file: { type: 'string' } }, strict: true }).values);
    } catch (error) {
      output.err(error instanceof Error ? error.message : String(error));
    }
    if (!file) {
      output.err('Usage: npm run cli -- streets-import --file <csv>');
      return 64;
    }
    let bytes: Uint8Array;
    try {
      bytes = await fs.readFile(file);
    } catch (error) {
      output.err(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
    const result = await importStreets(ctx, systemActor('cli'), bytes);
    if (!result.ok) {
      output.err(`Nothing was imported; the file has ${result.problems.length} problem(s):`);
      const messages = importProblemMessages(ctx.i18n.getFixedT('en'), result.problems);
      for (const message of messages.slice(0, problemsListed)) output.err(`  - ${message}`);
      if (messages.length > problemsListed) output.err(`  … and ${messages.length - problemsListed} more.`);
      return 1;
    }
    output.out(`Imported ${result.total} streets: ${result.created} new, ${result.updated} updated, ${result.removed} removed.`);
    return 0;
  },
};
