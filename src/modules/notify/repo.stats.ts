import { sql } from 'kysely';
import type { NotifyDb } from './repo.templates.ts';

/** A month in Berlin as `YYYY-MM`, from a stored instant. */
const berlinMonth = (column: string) => sql<string>`to_char(${sql.ref(column)} at time zone 'Europe/Berlin', 'YYYY-MM')`;

/**
 * Deliveries the platform carried out, per month in which they were created and per channel: e-mails the
 * mail server accepted, letters printed (posted or returned later included), messages put in the inbox.
 */
export async function sentPerMonthAndChannel(db: NotifyDb, from: Date, to: Date): Promise<{ month: string; channel: string; value: string }[]> {
  return db
    .selectFrom('notify_deliveries')
    .select([berlinMonth('created_at').as('month'), 'channel', sql<string>`count(*)`.as('value')])
    .where('status', 'in', ['delivered', 'printed', 'posted', 'returned'])
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .groupBy(['month', 'channel'])
    .execute();
}

/** Letters in print batches, per month in which their batch was printed. */
export async function lettersPrintedPerMonth(db: NotifyDb, from: Date, to: Date): Promise<{ month: string; value: string }[]> {
  return db
    .selectFrom('notify_deliveries as d')
    .innerJoin('notify_print_batches as b', 'b.id', 'd.batch_id')
    .select([berlinMonth('b.printed_at').as('month'), sql<string>`count(*)`.as('value')])
    .where('d.channel', '=', 'letter')
    .where('d.status', 'in', ['printed', 'posted', 'returned'])
    .where('b.printed_at', '>=', from)
    .where('b.printed_at', '<', to)
    .groupBy('month')
    .execute();
}
