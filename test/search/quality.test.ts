import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalog } from '#modules/catalog/seed/index.ts';
import { searchEverywhere } from '#modules/site/index.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { citizenQueries, type CitizenQuery } from './queries.ts';

/*
 * The search's quality as a figure that may not drop: the share of citizen queries whose wanted entry is
 * among the first three hits, over the demo catalogue. A query that finds nothing and offers "Meinten Sie"
 * counts through the hits of that suggestion, one click away, as the citizen meets them. `baseline.json` holds the ten first hits of every
 * query and the share as recorded (`npm run search:baseline`, after a change that is meant to move them),
 * so a change to ranking, synonyms or the search's tables shows what it moved.
 */

interface Recorded extends CitizenQuery {
  top10: string[];
  /** Set when the query found nothing: the suggestion offered, and its first ten hits are `top10`. */
  didYouMean?: string;
}
interface Baseline {
  top3HitRate: number;
  queries: Recorded[];
}

const baselineFile = path.join(import.meta.dirname, 'baseline.json');
const recording = process.env.RECORD_SEARCH_BASELINE === '1';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
  await seedCatalog(platform.ctx);
});
afterAll(async () => {
  await platform.close();
});

const inTop3 = (entry: Recorded) => entry.top10.slice(0, 3).includes(entry.wanted);
const rate = (entries: readonly Recorded[]) => Math.round((entries.filter(inTop3).length / entries.length) * 1000) / 1000;

describe('search quality over citizen queries', () => {
  it('finds the wanted entry among the first three at least as often as the recorded baseline', async () => {
    expect(citizenQueries.length).toBeGreaterThanOrEqual(50);
    const now: Recorded[] = [];
    for (const entry of citizenQueries) {
      const results = await searchEverywhere(platform.ctx, entry.query, entry.language, { perPage: 10 });
      if (results.hits.length === 0 && results.didYouMean) {
        const suggested = await searchEverywhere(platform.ctx, results.didYouMean, entry.language, { perPage: 10, snippets: false });
        now.push({ ...entry, didYouMean: results.didYouMean, top10: suggested.hits.map((hit) => hit.title) });
      } else {
        now.push({ ...entry, top10: results.hits.map((hit) => hit.title) });
      }
    }
    if (recording) {
      const baseline: Baseline = { top3HitRate: rate(now), queries: now };
      fs.writeFileSync(baselineFile, `${JSON.stringify(baseline, null, 2)}\n`);
    }
    const baseline = JSON.parse(fs.readFileSync(baselineFile, 'utf8')) as Baseline;
    // The baseline belongs to this set of queries: a query added or changed is recorded before it counts.
    expect(now.map(({ query, language, wanted }) => ({ query, language, wanted }))).toEqual(baseline.queries.map(({ query, language, wanted }) => ({ query, language, wanted })));
    const lost = now.filter((entry, index) => !inTop3(entry) && inTop3(baseline.queries[index]!)).map((entry) => `${entry.language} "${entry.query}": ${entry.top10.slice(0, 3).join(' | ')}`);
    expect(rate(now), `no longer among the first three:\n${lost.join('\n')}`).toBeGreaterThanOrEqual(baseline.top3HitRate);
  });
});
