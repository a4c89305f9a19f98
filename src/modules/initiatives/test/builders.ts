import type { KernelContext } from '#kernel/context.ts';
import { FormClient } from '#test/http-client.ts';
import type { TestPlatform } from '#test/platform.ts';
import type { Insertable } from 'kysely';
import { insertEvent } from '../events/repo.ts';
import { initiativesDb } from '../repo.ts';
import type { InitiativesTables } from '../tables.ts';

let made = 0;

/** A published initiative with unique name and slug; overrides set any column. */
export async function buildInitiative(ctx: Pick<KernelContext, 'db'>, overrides: Partial<Insertable<InitiativesTables['initiatives']>> = {}) {
  made += 1;
  const suffix = `${process.pid}-${made}-${Math.random().toString(36).slice(2, 7)}`;
  return initiativesDb(ctx.db)
    .insertInto('initiatives')
    .values({
      slug: `initiative-${suffix}`,
      name: `Initiative ${suffix}`,
      summary: 'Eine Initiative zum Ausprobieren.',
      provider_kind: 'verein',
      domains: ['klimaschutz'],
      status: 'published',
      published_at: new Date(),
      confirmed_current_at: new Date(),
      contact_email: `kontakt-${suffix}@example.org`,
      ...overrides,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** An active maintainer of the initiative. */
export async function buildMaintainer(ctx: Pick<KernelContext, 'db'>, initiativeId: string, overrides: Partial<Insertable<InitiativesTables['initiative_maintainers']>> = {}) {
  made += 1;
  return initiativesDb(ctx.db)
    .insertInto('initiative_maintainers')
    .values({ initiative_id: initiativeId, name: 'Mia Muster', email: `pflege-${process.pid}-${made}@example.org`, status: 'active', email_confirmed_at: new Date(), approved_at: new Date(), ...overrides })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A published event of the initiative, a week from now for two hours unless told otherwise; with its occurrences. */
export async function buildEvent(ctx: Pick<KernelContext, 'db'>, initiativeId: string, overrides: Partial<Insertable<InitiativesTables['initiative_events']>> = {}) {
  const startsAt = new Date(Date.now() + 7 * 86_400_000);
  return insertEvent(initiativesDb(ctx.db), { initiative_id: initiativeId, title: 'Offenes Treffen', starts_at: startsAt, ends_at: new Date(startsAt.getTime() + 2 * 3_600_000), ...overrides }, new Date());
}

/** The path of the maintenance link in a mail's text. */
export const maintenanceLinkIn = (text: string | undefined) => /http:\/\/[^\s]+(\/initiativen\/pflegen\/link\/[\w-]+)/.exec(text ?? '')?.[1];

/** A maintainer's browser with a new entry opened through a mailed link, as a partner opens it. */
export async function maintainerBrowser(platform: TestPlatform, email: string, overrides: Parameters<typeof buildInitiative>[1] = {}) {
  const initiative = await buildInitiative(platform.ctx, overrides);
  const maintainer = await buildMaintainer(platform.ctx, initiative.id, { email });
  const client = new FormClient(platform.app);
  await client.get('/initiativen/pflegen');
  await client.post('/initiativen/pflegen', { email });
  await platform.runJobs();
  const link = maintenanceLinkIn(platform.smtp.lastTo(email)?.text);
  if (!link) throw new Error(`No maintenance link was mailed to ${email}`);
  await client.get(link);
  const opened = await client.post(link, {});
  if (opened.status !== 303) throw new Error(`The maintenance link answered ${opened.status}`);
  return { initiative, maintainer, client, base: `/initiativen/pflegen/${initiative.id}` };
}
