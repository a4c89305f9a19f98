import { defineFigure } from '#kernel/declarations/figures.ts';
import { accountsDb } from './repo.ts';
import { countCitizenAccounts } from './repo.stats.ts';

/* Accounts' figures, as things stand: how many people use an account, and how many of them want paper. */

export const citizenAccounts = defineFigure({
  id: 'accounts.citizen-accounts',
  title: 'accounts:stats.citizenAccounts.title',
  definition: 'accounts:stats.citizenAccounts.definition',
  unit: 'count',
  period: 'now',
  values: async (db) => [{ value: (await countCitizenAccounts(accountsDb(db))).accounts }],
});

export const letterPreferenceShare = defineFigure({
  id: 'accounts.letter-preference-share',
  title: 'accounts:stats.letterPreferenceShare.title',
  definition: 'accounts:stats.letterPreferenceShare.definition',
  unit: 'percent',
  period: 'now',
  values: async (db) => {
    const { accounts, letterOnly } = await countCitizenAccounts(accountsDb(db));
    return [{ value: accounts === 0 ? 0 : Math.round((letterOnly / accounts) * 1000) / 10 }];
  },
});
