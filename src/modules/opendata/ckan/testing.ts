import { systemActor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { opendataDb } from '../repo.ts';
import { createDataset, setDatasetState, type DatasetInput } from '../service.datasets.ts';
import type { DatasetState } from '../tables.ts';

/*
 * A small catalogue for the search and CKAN tests, written through the module's own services: two offices,
 * published datasets with resources, a deleted one (harvesters see it go) and a draft (nobody outside sees it).
 */

const system = systemActor('test');
const mediaTypes: Record<string, string> = { CSV: 'text/csv', GEOJSON: 'application/geo+json', XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };

export const testOrganizations = { mobility: 'amt-mobilitaet', statistics: 'amt-statistik' } as const;

function input(overrides: Partial<DatasetInput> & Pick<DatasetInput, 'name' | 'organization' | 'title'>): DatasetInput {
  return {
    description: 'Daten der Stadt Erkelenz.',
    keywords: [],
    themes: ['GOVE'],
    licence: 'dl-by-de/2.0',
    contactEmail: 'daten@erkelenz.de',
    spatial: ['05370004'],
    frequency: 'ANNUAL',
    ...overrides,
  };
}

async function dataset(ctx: KernelContext, values: Parameters<typeof input>[0], state: DatasetState, formats: string[] = []): Promise<string> {
  const made = await createDataset(ctx, system, input(values), { state: state === 'draft' ? 'draft' : 'active' });
  if (!made.ok) throw new Error(`test dataset ${values.name}: ${JSON.stringify(made)}`);
  // Resources are inserted as rows: links to data kept elsewhere, so no file or DataStore load is involved.
  for (const [position, format] of formats.entries()) {
    await opendataDb(ctx.db)
      .insertInto('opendata_resources')
      .values({ dataset_id: made.id, position, title: `${values.title} (${format})`, format, media_type: mediaTypes[format] ?? 'application/octet-stream', external_url: `https://geodaten.erkelenz.de/${values.name}.${format.toLowerCase()}` })
      .execute();
  }
  if (state === 'deleted') await setDatasetState(ctx, system, made.id, 'deleted');
  return made.id;
}

export async function buildTestCatalog(ctx: KernelContext): Promise<{ ids: Record<string, string> }> {
  await opendataDb(ctx.db)
    .insertInto('opendata_organizations')
    .values([
      { name: testOrganizations.mobility, title: 'Amt für Mobilität', description: 'Verkehr und Straßen.', email: 'mobilitaet@erkelenz.de' },
      { name: testOrganizations.statistics, title: 'Statistikstelle', description: 'Zahlen der Stadt.', email: 'statistik@erkelenz.de' },
    ])
    .execute();
  const ids: Record<string, string> = {};
  ids.charging = await dataset(
    ctx,
    {
      name: 'ladesaeulen',
      organization: testOrganizations.mobility,
      title: 'Ladesäulen für Elektroautos',
      description: 'Standorte der öffentlichen Ladepunkte im Stadtgebiet.',
      keywords: ['E-Mobilität', 'Verkehr'],
      themes: ['TRAN', 'ENER'],
      licence: 'dl-zero-de/2.0',
    },
    'active',
    ['CSV', 'GEOJSON'],
  );
  ids.population = await dataset(
    ctx,
    {
      name: 'bevoelkerung-stadtteile',
      organization: testOrganizations.statistics,
      title: 'Bevölkerung nach Stadtteilen',
      description: 'Einwohnerinnen und Einwohner je Stadtteil, auch Ladesäulen-nahe Wohnlagen.',
      keywords: ['Bevölkerung', 'Verkehr'],
      themes: ['SOCI'],
      licence: 'cc-by/4.0',
    },
    'active',
    ['CSV'],
  );
  ids.parking = await dataset(
    ctx,
    { name: 'parkplaetze', organization: testOrganizations.mobility, title: 'Parkplätze', keywords: ['Verkehr'], themes: ['TRAN'] },
    'active',
    ['XLSX'],
  );
  ids.waste = await dataset(ctx, { name: 'abfallkalender-2020', organization: testOrganizations.mobility, title: 'Abfallkalender 2020', themes: ['ENVI'] }, 'deleted', ['CSV']);
  ids.draft = await dataset(ctx, { name: 'haushalt-entwurf', organization: testOrganizations.statistics, title: 'Haushalt im Entwurf', themes: ['ECON'] }, 'draft');
  return { ids };
}
