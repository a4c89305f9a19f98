import type { KernelContext } from '#kernel/context.ts';
import { loadCsvText } from './datastore/load-csv.ts';
import { NotUtf8, type Encoding } from './ingest/csv.ts';
import { csvHead } from './ingest/head.ts';
import { StopReading } from './ingest/report.ts';
import type { OpenFile, ValidationReport } from './ingest/types.ts';
import type { PublishedTableSchema } from './tables.ts';

/*
 * A CSV upload the fast way first: the head read in JavaScript, the whole file copied, checked and typed
 * by PostgreSQL (`datastore/load-csv.ts`). Undefined means the file needs the usual reading, which explains
 * every problem; a file found not to be UTF-8 halfway is tried again as Windows-1252, as the usual reader does.
 */

const encodings: Encoding[] = ['utf-8', 'windows-1252'];

export interface FastLoad {
  schema: PublishedTableSchema;
  report: ValidationReport;
  rowCount: number;
}

export async function loadCsvFast(
  ctx: KernelContext,
  resourceId: string,
  open: OpenFile,
  publish: (inferred: PublishedTableSchema) => PublishedTableSchema,
  onProgress: (rowsCopied: number) => void,
): Promise<FastLoad | undefined> {
  for (const encoding of encodings) {
    try {
      const head = await csvHead(open, encoding);
      if (!head) return undefined;
      const schema = publish(head.schema);
      const outcome = await loadCsvText(ctx, { resourceId, schema, conventions: head.conventions, delimiter: head.delimiter, text: head.text(), onProgress });
      if (!outcome.ok) {
        ctx.log.info({ resourceId, reason: outcome.reason }, 'CSV read the usual way');
        return undefined;
      }
      return { schema, report: head.report(outcome.rowCount), rowCount: outcome.rowCount };
    } catch (error) {
      if (error instanceof NotUtf8) continue;
      // Bytes that are no text at all: the usual reading says where.
      if (error instanceof StopReading) return undefined;
      throw error;
    }
  }
  return undefined;
}
