import type { Quad } from 'n3';
import type { KernelContext } from '#kernel/context.ts';
import { absolute, catalogPath } from '../addresses.ts';
import { datasetByName, datasetsPage } from '../service.catalog.ts';
import { catalogQuads, datasetQuads, inCatalog, type CatalogSite, type CatalogText } from './graph.ts';
import type { RdfFormat } from './serialise.ts';

/** As many datasets per page as ckanext-dcat gives, which harvesters are used to. */
export const catalogPageSize = 100;

export interface CatalogQuery {
  format: RdfFormat;
  page: number;
  modifiedSince?: Date;
}

export const catalogSite = (ctx: Pick<KernelContext, 'config'>): CatalogSite => ({ publicUrl: ctx.config.PUBLIC_URL, cityName: ctx.config.CITY_NAME });

function catalogText(ctx: Pick<KernelContext, 'config' | 'i18n'>): CatalogText {
  const text = (language: 'de' | 'en', key: string) => ctx.i18n.getFixedT(language)(`opendata:dcat.${key}`, { city: ctx.config.CITY_NAME });
  return {
    title: { de: text('de', 'catalogTitle'), en: text('en', 'catalogTitle') },
    description: { de: text('de', 'catalogDescription'), en: text('en', 'catalogDescription') },
  };
}

/** A page of the catalogue; `page-out-of-range` past the last page (the first page always exists). */
export async function catalogRecord(ctx: KernelContext, query: CatalogQuery): Promise<{ ok: true; quads: Quad[] } | { ok: false; reason: 'page-out-of-range' }> {
  const { total, datasets } = await datasetsPage(ctx, { modifiedSince: query.modifiedSince, offset: (query.page - 1) * catalogPageSize, limit: catalogPageSize, order: 'modified' });
  if (query.page > 1 && datasets.length === 0) return { ok: false, reason: 'page-out-of-range' };
  // Ordered by the newest change first, so the first dataset of the first page dates the catalogue.
  const newest = query.page === 1 ? datasets[0] : (await datasetsPage(ctx, { limit: 1, order: 'modified' })).datasets[0];
  const pageUrl = (page: number) => {
    const parameters = new URLSearchParams({ page: String(page) });
    if (query.modifiedSince) parameters.set('modified_since', query.modifiedSince.toISOString());
    return `${absolute(ctx.config.PUBLIC_URL, catalogPath(query.format))}?${parameters.toString()}`;
  };
  const modified = newest?.modifiedAt ?? new Date(0);
  return { ok: true, quads: catalogQuads(catalogSite(ctx), catalogText(ctx), modified, { page: query.page, perPage: catalogPageSize, total, pageUrl }, datasets) };
}

/** One published dataset's record; drafts and deleted datasets have none. */
export async function datasetRecord(ctx: KernelContext, name: string): Promise<Quad[] | null> {
  const dataset = await datasetByName(ctx, name);
  return dataset && inCatalog(dataset) ? datasetQuads(catalogSite(ctx), dataset) : null;
}
