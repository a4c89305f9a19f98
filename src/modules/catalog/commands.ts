import fs from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { systemActor } from '#kernel/auth/actor.ts';
import type { CliCommand } from '#kernel/module.ts';
import { exportCatalog, importCatalog } from './service.transfer.ts';
import { importProblemMessages } from './transfer.words.ts';

export const exportCommand: CliCommand = {
  name: 'catalog-export',
  summary: 'Writes the service catalogue (services, offices, life situations; drafts and published) as JSON',
  usage: '[--out <file>]   (standard output without --out)',
  async run(ctx, args, output) {
    const { values } = parseArgs({ args, options: { out: { type: 'string' } }, strict: true });
    const data = await exportCatalog(ctx, systemActor('cli'));
    const json = `${JSON.stringify(data, null, 2)}\n`;
    if (values.out) {
      await fs.writeFile(values.out, json);
      output.out(`Exported ${data.services.length} services, ${data.offices.length} offices and ${data.lifeSituations.length} life situations to ${values.out}.`);
    } else {
      output.out(json.trimEnd());
    }
    return 0;
  },
};

export const importCommand: CliCommand = {
  name: 'catalog-import',
  summary: 'Reads a catalogue JSON file (as catalog-export writes it): updates entries with the same slug, creates the rest; all or nothing',
  usage: '<file>',
  async run(ctx, args, output) {
    const { positionals } = parseArgs({ args, options: {}, strict: true, allowPositionals: true });
    const [file] = positionals;
    if (!file || positionals.length > 1) {
      output.err('Usage: npm run cli -- catalog-import <file>');
      return 64;
    }
    let data: unknown;
    try {
      data = JSON.parse(await fs.readFile(file, 'utf8'));
    } catch (error) {
      output.err(`Cannot read ${file} as JSON: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
    const result = await importCatalog(ctx, systemActor('cli'), data);
    if (!result.ok) {
      output.err(`Nothing was imported; the file has ${result.problems.length} problem(s):`);
      for (const problem of importProblemMessages(ctx.i18n.getFixedT('en'), result.problems)) output.err(`  - ${problem}`);
      return 1;
    }
    output.out(`Imported: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged.`);
    return 0;
  },
};
