import type { Dataset, Organization, Resource } from '../model.ts';
import type { CatalogSite, CatalogText } from './graph.ts';

/*
 * Datasets for the tests of the catalogue and the quality score, built in memory in the shape readers get:
 * one with every property (a high-value dataset served by the DataStore), one with only what is required.
 */

export const site: CatalogSite = { publicUrl: 'https://daten.example.org', cityName: 'Stadt Erkelenz' };
export const catalogText: CatalogText = {
  title: { de: 'Offene Daten Erkelenz', en: 'Open data Erkelenz' },
  description: { de: 'Die offenen Daten der Stadt.', en: 'The city’s open data.' },
};

const at = (iso: string) => new Date(iso);

export const office: Organization = {
  id: '6a1f3c1e-0000-4000-8000-000000000001',
  name: 'vermessung',
  title: 'Amt für Vermessung',
  titleEn: 'Surveying office',
  description: 'Karten und Geodaten',
  email: 'vermessung@erkelenz.example',
  url: 'https://www.erkelenz.example/vermessung',
  createdAt: at('2026-01-01T08:00:00Z'),
};

export function completeResource(overrides: Partial<Resource> = {}): Resource {
  return {
    id: '6a1f3c1e-0000-4000-8000-000000000101',
    datasetId: '6a1f3c1e-0000-4000-8000-000000000011',
    position: 0,
    title: 'Ladestationen (CSV)',
    titleEn: 'Charging stations (CSV)',
    description: 'Eine Zeile je Ladepunkt',
    format: 'CSV',
    mediaType: 'text/csv',
    externalUrl: null,
    tableSchema: { fields: [{ name: 'name', type: 'string', title: 'Name' }] },
    datastoreActive: true,
    createdAt: at('2026-02-01T09:00:00Z'),
    modifiedAt: at('2026-03-01T09:00:00Z'),
    current: {
      id: '6a1f3c1e-0000-4000-8000-000000001001',
      resourceId: '6a1f3c1e-0000-4000-8000-000000000101',
      version: 3,
      fileId: 'a'.repeat(64),
      filename: 'ladestationen.csv',
      byteSize: 12_345,
      mediaType: 'text/csv',
      status: 'loaded',
      rowCount: 42,
      createdAt: at('2026-03-01T09:00:00Z'),
    },
    ...overrides,
  };
}

export function completeDataset(overrides: Partial<Dataset> = {}): Dataset {
  return {
    id: '6a1f3c1e-0000-4000-8000-000000000011',
    name: 'ladestationen',
    state: 'active',
    organization: office,
    title: 'Ladestationen für Elektrofahrzeuge',
    titleEn: 'Charging stations for electric vehicles',
    description: 'Öffentlich zugängliche Ladepunkte im Stadtgebiet mit Leistung und Steckertyp.',
    descriptionEn: 'Publicly accessible charging points in the city with power and plug type.',
    keywords: ['Elektromobilität', 'Laden'],
    themes: ['TRAN', 'ENER'],
    licence: 'cc-by/4.0',
    attribution: 'Stadt Erkelenz, Amt für Vermessung',
    contact: { name: 'Geodaten-Team', email: 'geodaten@erkelenz.example', url: 'https://www.erkelenz.example/geodaten' },
    temporal: { start: '2020-01-01', end: '2026-12-31' },
    spatial: ['05370004', 'Holzweiler'],
    frequency: 'MONTHLY',
    conformsTo: 'https://specs.frictionlessdata.io/table-schema/',
    hvdCategory: 'c_b79e35eb',
    declarationId: null,
    demo: true,
    issuedAt: at('2026-02-01T09:00:00Z'),
    modifiedAt: at('2026-03-01T09:00:00Z'),
    createdAt: at('2026-02-01T08:00:00Z'),
    resources: [completeResource()],
    ...overrides,
  };
}

/** Only what DCAT-AP.de requires: no English, no coverage, no keywords, a link to data kept elsewhere. */
export function minimalDataset(): Dataset {
  return completeDataset({
    id: '6a1f3c1e-0000-4000-8000-000000000012',
    name: 'haushalt',
    organization: { ...office, id: '6a1f3c1e-0000-4000-8000-000000000002', name: 'kaemmerei', title: 'Kämmerei', titleEn: null, email: null, url: null },
    title: 'Haushaltsplan',
    titleEn: null,
    description: 'Der Haushaltsplan der Stadt.',
    descriptionEn: null,
    keywords: [],
    themes: [],
    attribution: null,
    contact: { name: null, email: 'kaemmerei@erkelenz.example', url: null },
    temporal: null,
    spatial: [],
    frequency: 'ANNUAL',
    conformsTo: null,
    hvdCategory: null,
    issuedAt: null,
    resources: [
      completeResource({
        id: '6a1f3c1e-0000-4000-8000-000000000102',
        datasetId: '6a1f3c1e-0000-4000-8000-000000000012',
        title: 'Haushaltsplan (PDF)',
        titleEn: null,
        description: '',
        format: 'PDF',
        mediaType: 'application/pdf',
        externalUrl: 'https://www.erkelenz.example/haushalt.pdf',
        tableSchema: null,
        datastoreActive: false,
        current: null,
      }),
    ],
  });
}

/** A draft and a deleted dataset: neither may appear in the catalogue. */
export function hiddenDatasets(): Dataset[] {
  return [
    completeDataset({ id: '6a1f3c1e-0000-4000-8000-000000000013', name: 'entwurf', state: 'draft', resources: [] }),
    completeDataset({ id: '6a1f3c1e-0000-4000-8000-000000000014', name: 'geloescht', state: 'deleted', resources: [] }),
  ];
}
