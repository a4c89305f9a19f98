import Type from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProbeTable, noteDown, probeNoted, probePublisher } from '#test/events/probe.ts';
import { defineJob } from '#kernel/jobs.ts';
import { defineModule } from '#kernel/module.ts';
import { buildStaff } from '#modules/accounts/test/builders.ts';
import { bothWays, follow, logInStaff, startSite, submit, visit, type Site } from './harness.ts';

/*
 * The operations page with something on it: a failed event delivery and a failed job, each replayed by an
 * administrator from the back office. Every page is checked (axe, valid HTML, no console or CSP errors).
 */
let partnerDown = true;
const listener = defineModule({
  id: 'listener',
  on: [noteDown('listener.flaky', { retry: { limit: 0, delaySeconds: 0, backoff: false }, failing: () => partnerDown })],
  jobs: [
    defineJob({
      name: 'listener.sync',
      payload: Type.Object({}),
      retry: { limit: 0, delaySeconds: 0, backoff: false },
      handler: async () => {
        if (partnerDown) throw new Error('sync partner refused the connection');
      },
    }),
  ],
});

let site: Site;
beforeAll(async () => {
  site = await startSite({}, [probePublisher, listener]);
  await createProbeTable(site.platform.ctx.db);
});
afterAll(async () => {
  await site?.close();
});

describe.each(bothWays)('operations $how', ({ javaScript }) => {
  it('an administrator finds a failed delivery and a failed job and starts each again', async () => {
    const { ctx } = site.platform;
    partnerDown = true;
    await ctx.db.transaction().execute((trx) => ctx.events.publish(trx, probeNoted, { note: 'Partner nicht erreichbar', count: 1 }));
    await ctx.jobs.enqueue(ctx.db, listener.jobs![0]!, {});
    expect(await ctx.jobs.drain(ctx, ['listener.flaky', 'listener.sync'])).toBe(2);

    const admin = await buildStaff(ctx, [{ role: 'administrator' }]);
    const page = await site.open({ javaScript });
    await logInStaff(page, admin);
    expect(await follow(page, 'Betrieb: fehlgeschlagene Aufträge')).toBe(200);
    expect(await page.getByText('listener.flaky cannot reach its partner system').count()).toBe(1);
    expect(await page.getByText('sync partner refused the connection').count()).toBe(1);

    partnerDown = false;
    expect(await submit(page, 'Wiederholen – probe.noted v1 → listener.flaky')).toBe(200);
    expect(await page.getByText('Der Auftrag ist wieder eingereiht und läuft in Kürze erneut.').count()).toBe(1);
    expect(await page.getByText('Keine fehlgeschlagenen Zustellungen.').count()).toBe(1);
    expect(await submit(page, 'Wiederholen – listener.sync')).toBe(200);
    expect(await page.getByText('Keine fehlgeschlagenen Aufträge.').count()).toBe(1);
    expect(await ctx.jobs.drain(ctx, ['listener.flaky', 'listener.sync'])).toBe(2);

    expect(await visit(page, '/verwaltung/betrieb?lang=en')).toBe(200);
    expect(await page.getByRole('heading', { name: 'Operations: failed jobs' }).count()).toBe(1);
  });
});
