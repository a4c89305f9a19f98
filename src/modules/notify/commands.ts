import type { CliCommand } from '#kernel/module.ts';
import { moveStoredFiles } from './service.move.ts';

/** The move the job `notify.move-stored-files` makes every quarter of an hour, at once and with a report. */
export const moveFilesCommand: CliCommand = {
  name: 'notify-move-files',
  summary: 'Moves message attachments and print batches kept in the database before the file store into it, and says how many',
  usage: '',
  async run(ctx, args, output) {
    if (args.length > 0) {
      output.err('Usage: npm run cli -- notify-move-files');
      return 64;
    }
    const report = await moveStoredFiles(ctx);
    output.out(`Moved ${report.attachments} attachment(s) and ${report.batches} print batch(es) into the file store.`);
    for (const refused of report.refused) output.err(`Not moved: ${refused.kind} ${refused.id} (the file store refused it: ${refused.reason}); its content stays in the database.`);
    return report.refused.length > 0 ? 1 : 0;
  },
};
