import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '#kernel/auth/actor.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { catalogDb, findEntry, historyOf } from './repo.ts';
import { publishEntry, unpublishEntry } from './service.publishing.ts';
import { buildService } from './test/builders.ts';
import { staffClient } from './test/staff.ts';
import { entryWorkflow } from './workflow.entry.ts';

let platform: TestPlatform;
let editor: Awaited<ReturnType<typeof staffClient>>;

beforeAll(async () => {
  platform = await createTestPlatform();
  editor = await staffClient(platform, 'editor');
});
afterAll(async () => {
  await platform.close();
});

/** The workflow's buttons in the editing page's panel, by their action. */
function steps(body: string): string[] {
  return [...body.matchAll(/action="\/verwaltung\/katalog\/leistungen\/[0-9a-f-]{36}\/(veroeffentlichen|zurueckziehen)"/g)].map((match) => match[1]!);
}

describe('publishing through the workflow', () => {
  it('offers only the steps the entry can take: publish a draft, publish changes or withdraw a published entry, publish a withdrawn one again', async () => {
    const service = await buildService(platform.ctx, {}, { publish: false });
    const page = `/verwaltung/katalog/leistungen/${service.id}`;
    const draft = await editor.client.get(page);
    expect(steps(draft.body)).toEqual(['veroeffentlichen']);
    expect(draft.body).toContain('>Veröffentlichen<');

    expect((await editor.client.post(`${page}/veroeffentlichen`, {})).location).toBe(`${page}?notice=published`);
    const published = await editor.client.get(page);
    expect(steps(published.body)).toEqual(['veroeffentlichen', 'zurueckziehen']);
    expect(published.body).toContain('Änderungen veröffentlichen');

    expect((await editor.client.post(`${page}/zurueckziehen`, {})).location).toBe(`${page}?notice=unpublished`);
    const withdrawn = await editor.client.get(page);
    expect(steps(withdrawn.body)).toEqual(['veroeffentlichen']);

    // A page left open from before: withdrawing again is a step that no longer fits, said so, nothing recorded.
    const again = await editor.client.post(`${page}/zurueckziehen`, {});
    expect(again.status).toBe(409);
    expect(again.body).toContain('Dieser Schritt passt nicht mehr zum Stand des Eintrags');

    const history = await entryWorkflow.history(platform.ctx.db, service.id);
    expect(history.map((row) => [row.transition, row.from_state, row.to_state, row.actor_id])).toEqual([
      ['unpublish', 'published', 'withdrawn', editor.user.id],
      ['publish', 'draft', 'published', editor.user.id],
    ]);
    expect(history[0]!.actor_name).toBe(editor.user.display_name);
    // The entry's own history (versions and who changed what) goes on beside it.
    expect((await historyOf(catalogDb(platform.ctx.db), service.id)).map((row) => row.action)).toEqual(['unpublished', 'published']);
    const audit = await platform.ctx.db.selectFrom('audit_log').select(['action', 'meta']).where('subject_id', '=', service.id).orderBy('id').execute();
    expect(audit).toEqual([
      { action: 'catalog.entry-published', meta: { revision: 1, changed: expect.arrayContaining(['title', 'slug']), from: 'draft', to: 'published' } },
      { action: 'catalog.entry-unpublished', meta: { revision: 1, changed: [], from: 'published', to: 'withdrawn' } },
    ]);
  });

  it('leaves the entry, its history and the search untouched when publishing is refused', async () => {
    const service = await buildService(platform.ctx, { summary: '' }, { publish: false });
    const result = await publishEntry(platform.ctx, systemActor('test'), service.id);
    expect(result).toMatchObject({ ok: false, errors: { summary: expect.anything() } });
    expect((await findEntry(catalogDb(platform.ctx.db), service.id))?.published).toBeNull();
    expect(await entryWorkflow.history(platform.ctx.db, service.id)).toEqual([]);
    expect(await historyOf(catalogDb(platform.ctx.db), service.id)).toEqual([]);
  });

  it('lets one of two editors withdrawing the same entry at once do it', async () => {
    const service = await buildService(platform.ctx);
    // On PostgreSQL, open connections first, so that both steps really run side by side.
    await Promise.all([1, 2, 3].map(() => sql`select pg_sleep(0.05)`.execute(platform.ctx.db)));
    const results = await Promise.all([unpublishEntry(platform.ctx, systemActor('a'), service.id), unpublishEntry(platform.ctx, systemActor('b'), service.id)]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toEqual([{ ok: false, reason: 'invalid-transition' }]);
    expect(await entryWorkflow.history(platform.ctx.db, service.id)).toHaveLength(1);
    expect((await historyOf(catalogDb(platform.ctx.db), service.id)).map((row) => row.action)).toEqual(['unpublished']);
  });

  it('publishes and withdraws entries that share their words side by side, each counted once in the search vocabulary', async () => {
    const words = 'Gemeinsamwort Nachbarwort Querwort Zwischenwort';
    const services = await Promise.all([1, 2, 3, 4].map((n) => buildService(platform.ctx, { title: `Teilt Wörter ${n}`, summary: `${words} ${n}.` }, { publish: false })));
    await Promise.all([1, 2, 3].map(() => sql`select pg_sleep(0.05)`.execute(platform.ctx.db)));
    const published = await Promise.all(services.map((service) => publishEntry(platform.ctx, systemActor('test'), service.id)));
    expect(published.map((result) => result.ok)).toEqual([true, true, true, true]);
    const counted = async () =>
      (await sql<{ documents: number }>`select documents from search_words where word = 'gemeinsamwort'`.execute(platform.ctx.db)).rows.map((row) => Number(row.documents));
    expect(await counted()).toEqual([4]);
    const withdrawn = await Promise.all(services.slice(0, 3).map((service) => unpublishEntry(platform.ctx, systemActor('test'), service.id)));
    expect(withdrawn.map((result) => result.ok)).toEqual([true, true, true]);
    expect(await counted()).toEqual([1]);
  });
});
