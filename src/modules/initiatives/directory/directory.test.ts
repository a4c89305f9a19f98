import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { initiativesDb } from '../repo.ts';
import { buildEvent, buildInitiative } from '../test/builders.ts';
import { calendarEntries, countsByDomain, publishedInitiatives } from './repo.ts';
import { demoInitiatives } from './seed-data.ts';
import { seedDirectory } from './seed.ts';
import { domains } from '../vocabulary.ts';
import { reindexInitiative } from '../search.ts';
import { searchDocuments } from '#kernel/search/index.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

describe('the directory', () => {
  it('is seeded once with at least two demo entries per domain, each with a meeting in the weeks ahead', async () => {
    const now = new Date();
    await seedDirectory(platform.ctx, now);
    await seedDirectory(platform.ctx, now);
    const db = initiativesDb(platform.ctx.db);
    const demo = await db.selectFrom('initiatives').select(['slug', 'demo']).where('demo', '=', true).execute();
    expect(demo.map((row) => row.slug).sort()).toEqual(demoInitiatives.map((entry) => entry.slug).sort());
    const counts = await countsByDomain(db);
    for (const domain of domains) expect(counts.get(domain) ?? 0, domain).toBeGreaterThanOrEqual(2);
    const ahead = await calendarEntries(db, { from: now, to: new Date(now.getTime() + 35 * 86_400_000), limit: 1000 });
    expect(new Set(ahead.map((entry) => entry.initiative.slug))).toEqual(new Set(demoInitiatives.map((entry) => entry.slug)));
  });

  it('filters by domain, by district (the whole town counts everywhere) and by accessibility', async () => {
    const db = initiativesDb(platform.ctx.db);
    const mobile = await buildInitiative(platform.ctx, { name: 'Filter Mobil Gerderath', domains: ['mobilitaet'], districts: ['gerderath'], accessibility: ['stufenlos', 'hoeranlage'] });
    const town = await buildInitiative(platform.ctx, { name: 'Filter Ganze Stadt', domains: ['mobilitaet'], districts: [] });
    const elsewhere = await buildInitiative(platform.ctx, { name: 'Filter Mobil Lövenich', domains: ['mobilitaet'], districts: ['loevenich'] });
    const hidden = await buildInitiative(platform.ctx, { name: 'Filter Eingereicht', domains: ['mobilitaet'], status: 'submitted' });
    const inGerderath = (await publishedInitiatives(db, { domains: ['mobilitaet'], district: 'gerderath' })).map((row) => row.id);
    expect(inGerderath).toEqual(expect.arrayContaining([mobile.id, town.id]));
    expect(inGerderath).not.toContain(elsewhere.id);
    expect(inGerderath).not.toContain(hidden.id);
    expect((await publishedInitiatives(db, { accessibility: ['stufenlos', 'hoeranlage'], text: 'Filter' })).map((row) => row.id)).toEqual([mobile.id]);
    expect((await publishedInitiatives(db, { text: '100%_Filter' }))).toEqual([]);
  });

  it('lists events by time, with the initiative’s features when the event has none, and nothing of unpublished entries', async () => {
    const db = initiativesDb(platform.ctx.db);
    const open = await buildInitiative(platform.ctx, { name: 'Kalender Offen', domains: ['umwelt'], districts: ['holzweiler'], accessibility: ['stufenlos'] });
    const rejected = await buildInitiative(platform.ctx, { name: 'Kalender Abgelehnt', domains: ['umwelt'], status: 'rejected' });
    const day = 86_400_000;
    const start = new Date(Date.now() + 200 * day);
    await buildEvent(platform.ctx, open.id, { title: 'Später', starts_at: new Date(start.getTime() + day), ends_at: new Date(start.getTime() + day + 3_600_000) });
    await buildEvent(platform.ctx, open.id, { title: 'Früher', starts_at: start, ends_at: new Date(start.getTime() + 3_600_000), accessibility: ['hoeranlage'] });
    await buildEvent(platform.ctx, rejected.id, { title: 'Versteckt', starts_at: start, ends_at: new Date(start.getTime() + 3_600_000) });
    const window = { from: new Date(start.getTime() - day), to: new Date(start.getTime() + 3 * day), limit: 50 };
    const found = await calendarEntries(db, { ...window, domains: ['umwelt'], district: 'holzweiler' });
    expect(found.map((entry) => entry.title)).toEqual(['Früher', 'Später']);
    expect(found.map((entry) => entry.accessibility)).toEqual([['hoeranlage'], ['stufenlos']]);
    expect((await calendarEntries(db, { ...window, accessibility: ['stufenlos'], initiativeId: open.id })).map((entry) => entry.title)).toEqual(['Später']);
    expect(await calendarEntries(db, { ...window, district: 'gerderath', initiativeId: open.id })).toEqual([]);
  });
});

describe('the platform-wide search', () => {
  it('finds a published initiative and its event, and forgets them once withdrawn', async () => {
    const initiative = await buildInitiative(platform.ctx, { name: 'Schraubertreff Venrath', summary: 'Gemeinsam Mopeds reparieren.', domains: ['mobilitaet'] });
    await buildEvent(platform.ctx, initiative.id, { title: 'Zweitaktfrühling in Venrath' });
    await platform.ctx.db.transaction().execute((trx) => reindexInitiative(trx, initiative.id));
    const found = await searchDocuments(platform.ctx, 'Schraubertreff', 'de');
    expect(found.hits.map((hit) => hit.url)).toContain(`/initiativen/${initiative.slug}`);
    expect((await searchDocuments(platform.ctx, 'Zweitaktfrühling', 'de')).hits.map((hit) => hit.type)).toEqual(['initiative-event']);
    await initiativesDb(platform.ctx.db).updateTable('initiatives').set({ status: 'withdrawn' }).where('id', '=', initiative.id).execute();
    await platform.ctx.db.transaction().execute((trx) => reindexInitiative(trx, initiative.id));
    expect((await searchDocuments(platform.ctx, 'Schraubertreff', 'de')).hits).toEqual([]);
    expect((await searchDocuments(platform.ctx, 'Zweitaktfrühling', 'de')).hits).toEqual([]);
  });
});
