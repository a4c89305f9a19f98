import { defineFigure } from '#kernel/declarations/figures.ts';
import { catalogDb } from './repo.ts';
import { countPublishedServices } from './repo.stats.ts';

/* The catalogue's figures: how much of what citizens can apply for is offered online, as it stands now. */

export const servicesOnline = defineFigure({
  id: 'catalog.services-online',
  title: 'catalog:stats.servicesOnline.title',
  definition: 'catalog:stats.servicesOnline.definition',
  unit: 'count',
  period: 'now',
  values: async (db) => [{ value: (await countPublishedServices(catalogDb(db))).online }],
});

export const servicesPublished = defineFigure({
  id: 'catalog.services-published',
  title: 'catalog:stats.servicesPublished.title',
  definition: 'catalog:stats.servicesPublished.definition',
  unit: 'count',
  period: 'now',
  values: async (db) => [{ value: (await countPublishedServices(catalogDb(db))).all }],
});

export const servicesOnlineShare = defineFigure({
  id: 'catalog.services-online-share',
  title: 'catalog:stats.servicesOnlineShare.title',
  definition: 'catalog:stats.servicesOnlineShare.definition',
  unit: 'percent',
  period: 'now',
  values: async (db) => {
    const { all, online } = await countPublishedServices(catalogDb(db));
    return [{ value: all === 0 ? 0 : Math.round((online / all) * 1000) / 10 }];
  },
});
