import type { Language } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { HomeSection, ModuleAbout } from '#kernel/module.ts';
import { everything } from '#kernel/page-cache/index.ts';

/**
 * What the installed modules offer, in their declared order. The home page and the Leichte Sprache page
 * list only these, so neither promises a feature that is not there.
 */
export function moduleOffers(ctx: KernelContext): ModuleAbout[] {
  return ctx.modules.flatMap((module) => (module.about ? [module.about] : [])).sort((a, b) => a.order - b.order);
}

/**
 * The sections modules contribute to the home page, in their declared order; read again only after
 * something was published, as they come from published content alone.
 */
export function homeSections(ctx: KernelContext, language: Language): Promise<HomeSection[]> {
  return ctx.content.remember([everything], `site:home:${language}`, async () => {
    const contributions = ctx.modules.flatMap((module) => (module.home ? [module.home] : [])).sort((a, b) => a.order - b.order);
    const sections = await Promise.all(contributions.map((contribution) => contribution.load(ctx.db, language)));
    return sections.filter((section): section is HomeSection => section !== null);
  });
}
