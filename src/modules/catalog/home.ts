import type { HomeContribution } from '#kernel/module.ts';
import { catalogDb, publishedOfKind } from './repo.ts';
import type { SituationContent } from './schemas.content.ts';

/** The life situations marked for the home page, as its entry points into the catalogue. */
export const catalogHome: HomeContribution = {
  order: 10,
  async load(db, language) {
    const situations = (await publishedOfKind(catalogDb(db), 'situation'))
      .map((entry) => entry.published as SituationContent)
      .filter((situation) => situation.showOnHome)
      .sort((a, b) => a.position - b.position || a.title.localeCompare(b.title, 'de'));
    if (situations.length === 0) return null;
    // The section carries one language: English only when every life situation on it has its title and summary in English.
    const english = language === 'en' && situations.every((situation) => situation.en?.title && situation.en.summary);
    return {
      heading: 'catalog:home.heading',
      intro: 'catalog:home.intro',
      lang: english ? 'en' : 'de',
      links: situations.map((situation) => ({
        href: `/lebenslagen/${situation.slug}`,
        label: english ? situation.en!.title! : situation.title,
        description: english ? situation.en!.summary! : situation.summary,
      })),
      more: { href: '/lebenslagen', label: 'catalog:home.more' },
    };
  },
};
