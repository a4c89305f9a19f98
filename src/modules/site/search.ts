import type { Language } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { SearchHit } from '#kernel/module.ts';

/** Asks every module that offers a search source and merges the hits by score. */
export async function searchEverywhere(ctx: KernelContext, query: string, language: Language, limit = 50): Promise<SearchHit[]> {
  const sources = ctx.modules.flatMap((module) => (module.search ? [module.search] : []));
  const results = await Promise.all(sources.map((source) => source.search(ctx.db, query, language, limit)));
  return results
    .flat()
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
}
