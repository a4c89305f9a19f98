import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { accountsDb, linkIdentity } from './repo.ts';
import { citizenAccounts, letterPreferenceShare } from './stats.ts';
import { buildCitizen } from './test/builders.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const range = { from: '2026-12', to: '2026-12' };

describe('accounts’ figures', () => {
  it('are zero without accounts, not a division by zero', async () => {
    expect(await citizenAccounts.values(platform.ctx.db, range)).toEqual([{ value: 0 }]);
    expect(await letterPreferenceShare.values(platform.ctx.db, range)).toEqual([{ value: 0 }]);
  });

  it('count citizen accounts in use, and the share of them that chose letters only', async () => {
    await buildCitizen(platform.ctx, { preferred_channel: 'digital' });
    await buildCitizen(platform.ctx, { preferred_channel: 'letter' });
    await buildCitizen(platform.ctx, { preferred_channel: 'both' });
    // Signed in through BundID without an e-mail address: an account in use, though nothing was confirmed.
    const external = await buildCitizen(platform.ctx, { preferred_channel: 'letter', email: null, email_verified_at: null, password_hash: null });
    await linkIdentity(accountsDb(platform.ctx.db), { issuer: 'https://bundid.example', subject: 'abc', userId: external.user.id });
    // Not counted: a registration never confirmed, a disabled account, a staff account.
    await buildCitizen(platform.ctx, { preferred_channel: 'letter', email_verified_at: null });
    await buildCitizen(platform.ctx, { preferred_channel: 'letter', disabled_at: new Date() });
    await buildCitizen(platform.ctx, { kind: 'staff', preferred_channel: 'letter' });

    expect(await citizenAccounts.values(platform.ctx.db, range)).toEqual([{ value: 4 }]);
    expect(await letterPreferenceShare.values(platform.ctx.db, range)).toEqual([{ value: 50 }]);
  });
});
