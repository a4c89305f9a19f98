import { Type } from 'typebox';
import type { KernelContext } from '#kernel/context.ts';
import { defineJob } from '#kernel/jobs.ts';
import { absolute, downloadPath, resourcePath } from './addresses.ts';
import { catalogSite } from './dcat/service.ts';
import type { Dataset } from './model.ts';
import { assessDataset, type DatasetQuality } from './quality/checks.ts';
import { checkUrl } from './quality/links.ts';
import { portalScore, type Score } from './quality/score.ts';
import { datasetIri, datasetQuads } from './dcat/graph.ts';
import { opendataDb } from './repo.ts';
import { datasetsPage } from './service.catalog.ts';

/*
 * The quality of a dataset as the MQA of data.europa.eu would score its published record, plus the checks
 * the MQA cannot make. Made when asked (it is a walk over a few dozen triples): the portal's own addresses
 * are checked against its catalogue and file store then; addresses on other servers are read from the
 * daily link check, so no page waits for another server.
 */

type Ctx = Pick<KernelContext, 'config' | 'db' | 'files'>;

/** The addresses the score asks about: each distribution's access and download address. */
function addressesOf(ctx: Ctx, dataset: Dataset): { own: string[]; remote: string[] } {
  const own: string[] = [];
  const remote: string[] = [];
  for (const resource of dataset.resources) {
    if (resource.externalUrl) remote.push(resource.externalUrl);
    else own.push(absolute(ctx.config.PUBLIC_URL, resourcePath(dataset.name, resource.id)));
    if (resource.current) own.push(absolute(ctx.config.PUBLIC_URL, downloadPath(dataset.name, resource.id)));
  }
  return { own, remote };
}

async function linkFacts(ctx: Ctx, datasets: readonly Dataset[]): Promise<(url: string) => boolean | undefined> {
  const own = new Set<string>();
  const remote = new Set<string>();
  for (const dataset of datasets) {
    const addresses = addressesOf(ctx, dataset);
    addresses.own.forEach((url) => own.add(url));
    addresses.remote.forEach((url) => remote.add(url));
  }
  const answers = new Map<string, boolean | undefined>();
  for (const url of own) answers.set(url, await checkUrl(ctx, url));
  if (remote.size > 0) {
    const stored = await opendataDb(ctx.db).selectFrom('opendata_link_checks').select(['url', 'alive']).where('url', 'in', [...remote]).execute();
    for (const row of stored) answers.set(row.url, row.alive);
  }
  return (url) => answers.get(url);
}

/** One dataset's score and checks. The record is the one the catalogue publishes, which its conformance test validates. */
export async function datasetQuality(ctx: Ctx, dataset: Dataset, now = new Date()): Promise<DatasetQuality> {
  const urlAlive = await linkFacts(ctx, [dataset]);
  return assessDataset(dataset, catalogSite(ctx), { urlAlive, dcatCompliant: true }, now);
}

/** Every published dataset's quality, weakest first, and the portal's score over all of them. */
export async function portalQuality(ctx: Ctx, options: { organizationIds?: readonly string[] } = {}, now = new Date()): Promise<{ portal: Score; datasets: { dataset: Dataset; quality: DatasetQuality }[] }> {
  const { datasets } = await datasetsPage(ctx, { limit: 10_000, order: 'name' });
  const urlAlive = await linkFacts(ctx, datasets);
  const site = catalogSite(ctx);
  const facts = { urlAlive, dcatCompliant: true };
  const portal = portalScore(datasets.map((dataset) => ({ quads: datasetQuads(site, dataset), iri: datasetIri(site, dataset), facts })));
  const mine = options.organizationIds ? datasets.filter((dataset) => options.organizationIds!.includes(dataset.organization.id)) : datasets;
  const rated = mine.map((dataset) => ({ dataset, quality: assessDataset(dataset, site, facts, now) }));
  rated.sort((one, other) => one.quality.score.points - other.quality.score.points || one.dataset.title.localeCompare(other.dataset.title, 'de'));
  return { portal, datasets: rated };
}

/** Asks the other servers the catalogue links to whether their addresses answer, and keeps what they said. */
export async function checkRemoteLinks(ctx: KernelContext, now = new Date()): Promise<number> {
  const { datasets } = await datasetsPage(ctx, { limit: 10_000, order: 'name' });
  const urls = [...new Set(datasets.flatMap((dataset) => addressesOf(ctx, dataset).remote))];
  const db = opendataDb(ctx.db);
  for (const url of urls) {
    const alive = (await checkUrl(ctx, url)) ?? false;
    await db
      .insertInto('opendata_link_checks')
      .values({ url, alive, checked_at: now })
      .onConflict((oc) => oc.column('url').doUpdateSet({ alive, checked_at: now }))
      .execute();
  }
  return urls.length;
}

export const checkLinksJob = defineJob({
  name: 'opendata.check-links',
  payload: Type.Object({}),
  // Once a night, a few at a time: other servers are asked, never flooded.
  cron: '35 3 * * *',
  handler: async (_payload, ctx) => {
    await checkRemoteLinks(ctx);
  },
});
