import type { KernelContext } from '#kernel/context.ts';
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
