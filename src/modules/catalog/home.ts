import type { HomeContribution } from '#kernel/module.ts';
import { catalogDb, publishedOfKind } from './repo.ts';
import type { SituationContent } from './schemas.content.ts';

/** The life situations marked for the home page, as its entry points into the catalogue. */
export const catalogHome: HomeContribution = {
  order: 10,
  async load(db) {
    const situations = (await publishedOfKind(catalogDb(db), 'situation'))
      .map((entry) => entry.published as SituationContent)
      .filter((situation) => situation.showOnHome)
      .sort((a, b) => a.position - b.position || a.title.localeCompare(b.title, 'de'));
    if (situations.length === 0) return null;
    return {
      heading: 'catalog:home.heading',
      intro: 'catalog:home.intro',
      lang: 'de',
      links: situations.map((situation) => ({ href: `/lebenslagen/${situation.slug}`, label: situation.title, description: situation.summary })),
      more: { href: '/lebenslagen', label: 'catalog:home.more' },
    };
  },
};
