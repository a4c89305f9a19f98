import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '#kernel/platform.ts';
import { defineModule, type SearchDocument } from '#kernel/module.ts';
import { putSearchDocuments, searchDocuments } from '#kernel/search/index.ts';
import { buildCitizen } from '#modules/accounts/test/builders.ts';
import { seedCatalog } from '#modules/catalog/seed/index.ts';
import { modules } from '#modules/index.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';

/*
 * The kernel's table of search documents: filled from each module's declaration at start, rebuilt when a
 * module's version changes (or its documents are missing, as on a database from before the table), and
 * holding public text only.
 */

const doc = (id: string, title: string): SearchDocument => ({ type: 'probe', id, language: 'de', url: `/probe/${id}`, title, summary: `${title}, zum Ausprobieren.`, body: '' });
const probe = (version: number, docs: SearchDocument[]) =>
  defineModule({ id: 'probe', search: { version, types: [{ type: 'probe', label: 'catalog:kinds.office', weight: 1 }], documents: async () => docs } });

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform({}, [probe(1, [doc('a', 'Gartenzwerg aus Ton')])]);
  await seedCatalog(platform.ctx);
});
afterAll(async () => {
  await platform.close();
});

/** Starts the platform's context again on the same database, as a new release of the code would. */
async function restartWith(extra: ReturnType<typeof probe>) {
  const ctx = await createContext({ config: platform.ctx.config, modules: [...modules, extra], database: platform.ctx.database, skipMigrations: true });
  await ctx.jobs.stop();
  return ctx;
}

const titles = async (ctx: Parameters<typeof searchDocuments>[0], query: string) => (await searchDocuments(ctx, query, 'de')).hits.map((hit) => hit.title);

describe('the kernel table of search documents', () => {
  it('fills a module\'s documents at start and rebuilds them only when the module\'s version changes', async () => {
    expect(await titles(platform.ctx, 'Gartenzwerg')).toEqual(['Gartenzwerg aus Ton']);

    const sameVersion = await restartWith(probe(1, [doc('b', 'Blumenkübel aus Beton')]));
    expect(await titles(sameVersion, 'Blumenkübel')).toEqual([]);
    expect(await titles(sameVersion, 'Gartenzwerg')).toEqual(['Gartenzwerg aus Ton']);

    const newVersion = await restartWith(probe(2, [doc('b', 'Blumenkübel aus Beton')]));
    expect(await titles(newVersion, 'Blumenkübel')).toEqual(['Blumenkübel aus Beton']);
    expect(await titles(newVersion, 'Gartenzwerg')).toEqual([]);
    const { rows } = await sql<{ version: number }>`select version from search_sources where source = 'probe'`.execute(platform.ctx.db);
    expect(rows).toEqual([{ version: 2 }]);
    // The vocabulary follows: the new word is offered for a typo, the old one no longer.
    expect((await searchDocuments(newVersion, 'Blumenkübl', 'de')).didYouMean).toBe('Blumenkübel');
    expect((await searchDocuments(newVersion, 'Gartenzwrg', 'de')).didYouMean).toBeNull();
  });

  it('gives a database whose catalogue documents are not in the table yet its documents at start', async () => {
    // As on a database from before the kernel's table: entries published, no documents, no version recorded.
    await sql`delete from search_documents where source = 'catalog'`.execute(platform.ctx.db);
    await sql`delete from search_sources where source = 'catalog'`.execute(platform.ctx.db);
    expect(await titles(platform.ctx, 'Personalausweis')).toEqual([]);

    const upgraded = await restartWith(probe(2, [doc('b', 'Blumenkübel aus Beton')]));
    expect((await titles(upgraded, 'Personalausweis'))[0]).toBe('Personalausweis beantragen');
    const typo = await searchDocuments(upgraded, 'Persnalausweis', 'de');
    expect(typo.hits[0]?.title).toBe('Personalausweis beantragen');
    expect(typo.didYouMean).toBe('Personalausweis');
  });

  it('holds public text only: no account\'s name or address, no e-mail address of anyone', async () => {
    await buildCitizen(platform.ctx, { display_name: 'Annegret Suchprobe', email: 'annegret.suchprobe@example.org' });
    expect(await titles(platform.ctx, 'Suchprobe')).toEqual([]);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from search_documents
      where concat_ws(' ', title, summary, body, terms) ~ '[[:alnum:]._%+-]+@[[:alnum:].-]+\\.[[:alpha:]]{2,}'`.execute(platform.ctx.db);
    expect(rows[0]!.n).toBe(0);
    // The offices' documents are there, and their e-mail addresses are what was left out.
    expect(await titles(platform.ctx, 'Bürgerbüro')).toContain('Bürgerbüro');
  });
  it('lets a cached search page go as soon as a module puts a document, though its own tables announce nothing', async () => {
    const client = new FormClient(platform.app);
    const cacheOf = (response: { headers: Record<string, unknown> }) => /cache;desc="(\w+)"/.exec(String(response.headers['server-timing']))?.[1];
    await client.get('/suche?q=Zierkürbis');
    const cached = await client.get('/suche?q=Zierkürbis');
    expect(cacheOf(cached)).toBe('hit');
    expect(cached.body).not.toContain('Zierkürbis vom Feld');
    const module = platform.ctx.modules.find((candidate) => candidate.id === 'probe')!;
    await platform.ctx.db.transaction().execute((trx) => putSearchDocuments(trx, module, [doc('kuerbis', 'Zierkürbis vom Feld')]));
    const fresh = await client.get('/suche?q=Zierkürbis');
    expect(fresh.body).toContain('Zierkürbis vom Feld');
  });
});
