import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '#kernel/auth/actor.ts';
import { todayInBerlin } from '#kernel/calendar.ts';
import { buildCitizen } from '#modules/accounts/test/builders.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { createPrintBatch, setPrintBatchStatus } from './service.print.ts';
import { lettersPrinted, messagesSent } from './stats.ts';
import { buildMessage } from './test/builders.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const thisMonth = todayInBerlin().slice(0, 7);
const [year, month] = thisMonth.split('-').map(Number) as [number, number];
const twoMonthsBack = new Date(Date.UTC(year, month - 3, 1)).toISOString().slice(0, 7);
const range = { from: twoMonthsBack, to: thisMonth };
const address = { street: 'Johannismarkt', house_number: '17', postal_code: '41812', city: 'Erkelenz' };

/** The figure's values as `month channel value` lines, the months before this one only where not zero. */
const lines = (values: { month?: string; dimensions?: Record<string, string>; value: number }[]) =>
  values.filter((value) => value.month === thisMonth || value.value !== 0).map((value) => [value.month, value.dimensions?.channel, value.value].filter((part) => part !== undefined).join(' '));

describe('notify’s figures', () => {
  it('count each channel’s deliveries once carried out, and letters in the month their batch was printed', async () => {
    const digital = await buildCitizen(platform.ctx, { preferred_channel: 'digital' });
    const letter = await buildCitizen(platform.ctx, { preferred_channel: 'letter', ...address });
    const both = await buildCitizen(platform.ctx, { preferred_channel: 'both', ...address });
    for (const citizen of [digital, letter, both]) await buildMessage(platform.ctx, { recipient: { userId: citizen.user.id } });

    // Before the mail job ran and the letters were printed, only the inbox has delivered.
    expect(lines(await messagesSent.values(platform.ctx.db, range))).toEqual([`${thisMonth} email 0`, `${thisMonth} letter 0`, `${thisMonth} inbox 3`]);
    expect(lines(await lettersPrinted.values(platform.ctx.db, range))).toEqual([`${thisMonth} 0`]);

    await platform.runJobs();
    const batch = await createPrintBatch(platform.ctx, systemActor('test'));
    if (!batch.ok) throw new Error(`no print batch: ${batch.reason}`);
    // Put into a batch is not printed yet.
    expect(lines(await lettersPrinted.values(platform.ctx.db, range))).toEqual([`${thisMonth} 0`]);
    expect(await setPrintBatchStatus(platform.ctx, systemActor('test'), batch.batchId, 'printed')).toEqual({ ok: true });

    const sent = await messagesSent.values(platform.ctx.db, range);
    expect(lines(sent)).toEqual([`${thisMonth} email 2`, `${thisMonth} letter 2`, `${thisMonth} inbox 3`]);
    // Every month of the range and every channel has its value, the earlier months zero.
    expect(sent).toHaveLength(9);
    expect(lines(await lettersPrinted.values(platform.ctx.db, range))).toEqual([`${thisMonth} 2`]);
    expect(await lettersPrinted.values(platform.ctx.db, { from: twoMonthsBack, to: twoMonthsBack })).toEqual([{ month: twoMonthsBack, value: 0 }]);
  });
});
