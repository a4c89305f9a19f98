import { DataFactory, type Quad, type Quad_Object } from 'n3';
import { licenceUri } from '#kernel/declarations/datasets.ts';
import { absolute, ckanActionPath, datasetPath, downloadPath, organizationPath, portalPath, resourcePath } from '../addresses.ts';
import type { Dataset, Organization, Resource } from '../model.ts';
import {
  accessRightPublic,
  contributorOpenNrw,
  fileTypeOf,
  fileTypeUri,
  frequencyUri,
  geocodingLevelMunicipality,
  hvdCategoryUri,
  hvdLegislation,
  languageUri,
  mediaTypeUri,
  municipalityKeyUri,
  ns,
  spdxSha256,
  themeUri,
} from './vocabularies.ts';

/*
 * The DCAT-AP.de 3.0 record of the catalogue and its datasets, as quads. Nodes that hang off a dataset or a
 * distribution (contact point, period, checksum) get fragment IRIs of their owner instead of blank nodes:
 * a harvester then sees the same node on every harvest, and a record reads back as exactly the same triples.
 *
 * Classes of linked vocabulary terms (a licence is a dct:LicenseDocument, a format a dct:MediaTypeOrExtent)
 * are stated beside the link, as ckanext-dcat does, because the shapes check them and the vocabularies
 * that would say so are not all published as RDF.
 */

const namedNode = (value: string) => DataFactory.namedNode(value);
const literal = (value: string, languageOrDatatype?: string | ReturnType<typeof DataFactory.namedNode>) => DataFactory.literal(value, languageOrDatatype);
const quad = (subject: Term, predicate: Term, object: Quad_Object) => DataFactory.quad(subject, predicate, object);

export interface CatalogSite {
  publicUrl: string;
  /** The municipality that publishes: the catalogue's publisher and every dataset's. */
  cityName: string;
}

export interface CatalogText {
  title: { de: string; en: string };
  description: { de: string; en: string };
}

export interface CatalogPaging {
  page: number;
  perPage: number;
  total: number;
  /** The address of a page of the same listing (its serialisation and filters kept). */
  pageUrl: (page: number) => string;
}

type Term = ReturnType<typeof namedNode>;
const iri = (value: string) => namedNode(value);
const dateTime = (value: Date) => literal(value.toISOString(), iri(`${ns.xsd}dateTime`));
const prop = (prefix: keyof typeof ns, local: string) => iri(`${ns[prefix]}${local}`);
const a = prop('rdf', 'type');

/** Collects triples; empty values are skipped, so optional properties need no branch at each call. */
class Graph {
  readonly quads: Quad[] = [];
  add(subject: Term, predicate: Term, object: Quad_Object | null | undefined): void {
    if (object) this.quads.push(quad(subject, predicate, object));
  }
  text(subject: Term, predicate: Term, de: string | null, en: string | null = null): void {
    if (de !== null) this.add(subject, predicate, literal(de, 'de'));
    if (en) this.add(subject, predicate, literal(en, 'en'));
  }
  typed(subject: Term, predicate: Term, object: string | null, type: Term): void {
    if (!object) return;
    this.add(subject, predicate, iri(object));
    this.add(iri(object), a, type);
  }
}

export const catalogIri = (site: CatalogSite) => absolute(site.publicUrl, portalPath);
export const datasetIri = (site: CatalogSite, dataset: Dataset) => absolute(site.publicUrl, datasetPath(dataset.name));
const cityIri = (site: CatalogSite) => `${catalogIri(site)}#herausgeber`;

function city(graph: Graph, site: CatalogSite): Term {
  const node = iri(cityIri(site));
  graph.add(node, a, prop('foaf', 'Agent'));
  graph.add(node, prop('foaf', 'name'), literal(site.cityName, 'de'));
  return node;
}

function office(graph: Graph, site: CatalogSite, organization: Organization): Term {
  const node = iri(absolute(site.publicUrl, organizationPath(organization.name)));
  graph.add(node, a, prop('foaf', 'Agent'));
  graph.text(node, prop('foaf', 'name'), organization.title, organization.titleEn);
  if (organization.email) graph.add(node, prop('foaf', 'mbox'), iri(`mailto:${organization.email}`));
  if (organization.url) graph.add(node, prop('foaf', 'homepage'), iri(organization.url));
  return node;
}

/** A publishable dataset: drafts are their publishers' business and deleted ones leave the catalogue. */
export const inCatalog = (dataset: Dataset) => dataset.state === 'active';

/** The catalogue page: the catalogue itself, its paging, and the full record of each dataset on the page. */
export function catalogQuads(site: CatalogSite, text: CatalogText, modified: Date, paging: CatalogPaging, datasets: readonly Dataset[]): Quad[] {
  const graph = new Graph();
  const catalog = iri(catalogIri(site));
  graph.add(catalog, a, prop('dcat', 'Catalog'));
  graph.text(catalog, prop('dct', 'title'), text.title.de, text.title.en);
  graph.text(catalog, prop('dct', 'description'), text.description.de, text.description.en);
  graph.add(catalog, prop('dct', 'publisher'), city(graph, site));
  graph.typed(catalog, prop('foaf', 'homepage'), catalogIri(site), prop('foaf', 'Document'));
  graph.typed(catalog, prop('dct', 'language'), languageUri('DEU'), prop('dct', 'LinguisticSystem'));
  graph.add(catalog, prop('dct', 'modified'), dateTime(modified));
  pagingQuads(graph, paging);
  const published = datasets.filter(inCatalog);
  for (const dataset of published) graph.add(catalog, prop('dcat', 'dataset'), iri(datasetIri(site, dataset)));
  return [...graph.quads, ...published.flatMap((dataset) => datasetQuads(site, dataset))];
}

/** Hydra paging as ckanext-dcat writes it, so its RDF harvester (and GovData's) walks the pages. */
function pagingQuads(graph: Graph, paging: CatalogPaging): void {
  const last = Math.max(1, Math.ceil(paging.total / paging.perPage));
  const node = iri(paging.pageUrl(paging.page));
  graph.add(node, a, prop('hydra', 'PagedCollection'));
  graph.add(node, prop('hydra', 'totalItems'), literal(String(paging.total), iri(`${ns.xsd}integer`)));
  graph.add(node, prop('hydra', 'itemsPerPage'), literal(String(paging.perPage), iri(`${ns.xsd}integer`)));
  graph.add(node, prop('hydra', 'firstPage'), iri(paging.pageUrl(1)));
  graph.add(node, prop('hydra', 'lastPage'), iri(paging.pageUrl(last)));
  if (paging.page < last) graph.add(node, prop('hydra', 'nextPage'), iri(paging.pageUrl(paging.page + 1)));
  if (paging.page > 1) graph.add(node, prop('hydra', 'previousPage'), iri(paging.pageUrl(Math.min(paging.page - 1, last))));
}

/** One dataset's record: the dataset, its agents, contact point, coverage and distributions. */
export function datasetQuads(site: CatalogSite, dataset: Dataset): Quad[] {
  const graph = new Graph();
  const base = datasetIri(site, dataset);
  const node = iri(base);
  graph.add(node, a, prop('dcat', 'Dataset'));
  graph.add(node, prop('dct', 'identifier'), literal(dataset.id));
  graph.text(node, prop('dct', 'title'), dataset.title, dataset.titleEn);
  graph.text(node, prop('dct', 'description'), dataset.description, dataset.descriptionEn);
  for (const keyword of dataset.keywords) graph.add(node, prop('dcat', 'keyword'), literal(keyword, 'de'));
  for (const theme of dataset.themes) graph.add(node, prop('dcat', 'theme'), iri(themeUri(theme)));
  graph.add(node, prop('dct', 'publisher'), city(graph, site));
  graph.add(node, prop('dct', 'creator'), office(graph, site, dataset.organization));
  graph.add(node, prop('dcatde', 'contributorID'), iri(contributorOpenNrw));
  graph.typed(node, prop('dcat', 'landingPage'), base, prop('foaf', 'Document'));
  graph.typed(node, prop('dct', 'language'), languageUri('DEU'), prop('dct', 'LinguisticSystem'));
  if (dataset.titleEn || dataset.descriptionEn) graph.typed(node, prop('dct', 'language'), languageUri('ENG'), prop('dct', 'LinguisticSystem'));
  graph.typed(node, prop('dct', 'accrualPeriodicity'), frequencyUri(dataset.frequency), prop('dct', 'Frequency'));
  graph.typed(node, prop('dct', 'accessRights'), accessRightPublic, prop('dct', 'RightsStatement'));
  if (dataset.issuedAt) graph.add(node, prop('dct', 'issued'), dateTime(dataset.issuedAt));
  graph.add(node, prop('dct', 'modified'), dateTime(dataset.modifiedAt));
  if (dataset.conformsTo && /^https?:\/\//.test(dataset.conformsTo)) graph.typed(node, prop('dct', 'conformsTo'), dataset.conformsTo, prop('dct', 'Standard'));
  contactQuads(graph, node, base, dataset);
  coverageQuads(graph, node, base, dataset);
  if (dataset.hvdCategory) hvdQuads(graph, node, dataset.hvdCategory);
  for (const resource of dataset.resources) distributionQuads(graph, site, dataset, node, resource);
  return graph.quads;
}

function contactQuads(graph: Graph, dataset: Term, base: string, record: Dataset): void {
  const email = record.contact.email ?? record.organization.email;
  const url = record.contact.url ?? record.organization.url;
  const contact = iri(`${base}#kontakt`);
  graph.add(dataset, prop('dcat', 'contactPoint'), contact);
  // vcard:Organization is a vcard:Kind only through the vCard ontology, which a validator may not load.
  graph.add(contact, a, prop('vcard', 'Organization'));
  graph.add(contact, a, prop('vcard', 'Kind'));
  graph.add(contact, prop('vcard', 'fn'), literal(record.contact.name ?? record.organization.title));
  if (email) graph.add(contact, prop('vcard', 'hasEmail'), iri(`mailto:${email}`));
  if (url) graph.add(contact, prop('vcard', 'hasURL'), iri(url));
}

function coverageQuads(graph: Graph, dataset: Term, base: string, record: Dataset): void {
  if (record.temporal && (record.temporal.start || record.temporal.end)) {
    const period = iri(`${base}#zeitraum`);
    graph.add(dataset, prop('dct', 'temporal'), period);
    graph.add(period, a, prop('dct', 'PeriodOfTime'));
    const day = (value: string | null) => (value ? literal(value, iri(`${ns.xsd}date`)) : null);
    graph.add(period, prop('dcat', 'startDate'), day(record.temporal.start));
    graph.add(period, prop('dcat', 'endDate'), day(record.temporal.end));
  }
  let geocoded = false;
  for (const [index, place] of record.spatial.entries()) {
    const key = municipalityKeyUri(place);
    if (key) {
      graph.typed(dataset, prop('dct', 'spatial'), key, prop('dct', 'Location'));
      graph.add(dataset, prop('dcatde', 'politicalGeocodingURI'), iri(key));
      geocoded = true;
      continue;
    }
    // A district has no key of its own in the geocoding lists: a named place.
    const location = iri(`${base}#ort-${index + 1}`);
    graph.add(dataset, prop('dct', 'spatial'), location);
    graph.add(location, a, prop('dct', 'Location'));
    graph.add(location, prop('skos', 'prefLabel'), literal(place, 'de'));
  }
  if (geocoded) graph.add(dataset, prop('dcatde', 'politicalGeocodingLevelURI'), iri(geocodingLevelMunicipality));
}

function hvdQuads(graph: Graph, subject: Term, category: string): void {
  graph.typed(subject, prop('dcatap', 'applicableLegislation'), hvdLegislation, prop('eli', 'LegalResource'));
  graph.add(subject, prop('dcatap', 'hvdCategory'), iri(hvdCategoryUri(category)));
}

function distributionQuads(graph: Graph, site: CatalogSite, dataset: Dataset, datasetNode: Term, resource: Resource): void {
  const base = absolute(site.publicUrl, resourcePath(dataset.name, resource.id));
  const node = iri(base);
  graph.add(datasetNode, prop('dcat', 'distribution'), node);
  graph.add(node, a, prop('dcat', 'Distribution'));
  graph.text(node, prop('dct', 'title'), resource.title, resource.titleEn);
  if (resource.description) graph.text(node, prop('dct', 'description'), resource.description);
  graph.add(node, prop('dcat', 'accessURL'), iri(resource.externalUrl ?? base));
  if (resource.current) graph.add(node, prop('dcat', 'downloadURL'), iri(absolute(site.publicUrl, downloadPath(dataset.name, resource.id))));
  const fileType = fileTypeOf(resource.format);
  graph.typed(node, prop('dct', 'format'), fileType && fileTypeUri(fileType), prop('dct', 'MediaTypeOrExtent'));
  graph.typed(node, prop('dcat', 'mediaType'), mediaTypeUri(resource.current?.mediaType ?? resource.mediaType), prop('dct', 'MediaType'));
  graph.typed(node, prop('dct', 'license'), licenceUri(dataset.licence), prop('dct', 'LicenseDocument'));
  if (dataset.attribution) graph.add(node, prop('dcatde', 'licenseAttributionByText'), literal(dataset.attribution, 'de'));
  const rights = iri(`${base}#rechte`);
  graph.add(node, prop('dct', 'rights'), rights);
  graph.add(rights, a, prop('dct', 'RightsStatement'));
  graph.add(rights, prop('rdfs', 'seeAlso'), iri(licenceUri(dataset.licence)));
  graph.add(node, prop('dct', 'issued'), dateTime(resource.createdAt));
  graph.add(node, prop('dct', 'modified'), dateTime(resource.current?.createdAt ?? resource.modifiedAt));
  if (resource.current) {
    graph.add(node, prop('dcat', 'byteSize'), literal(String(resource.current.byteSize), iri(`${ns.xsd}nonNegativeInteger`)));
    const checksum = iri(`${base}#pruefsumme`);
    graph.add(node, prop('spdx', 'checksum'), checksum);
    graph.add(checksum, a, prop('spdx', 'Checksum'));
    graph.add(checksum, prop('spdx', 'algorithm'), iri(spdxSha256));
    graph.add(checksum, prop('spdx', 'checksumValue'), literal(resource.current.fileId, iri(`${ns.xsd}hexBinary`)));
  }
  if (dataset.hvdCategory) hvdQuads(graph, node, dataset.hvdCategory);
  if (resource.datastoreActive) serviceQuads(graph, site, dataset, datasetNode, node, base, resource);
}

/** The DataStore API that serves a loaded resource's table: what the HVD rules ask of a high-value dataset. */
function serviceQuads(graph: Graph, site: CatalogSite, dataset: Dataset, datasetNode: Term, distribution: Term, base: string, resource: Resource): void {
  const service = iri(`${base}#api`);
  graph.add(distribution, prop('dcat', 'accessService'), service);
  graph.add(service, a, prop('dcat', 'DataService'));
  graph.text(service, prop('dct', 'title'), `DataStore API: ${resource.title}`, resource.titleEn ? `DataStore API: ${resource.titleEn}` : null);
  graph.add(service, prop('dcat', 'endpointURL'), iri(absolute(site.publicUrl, ckanActionPath('datastore_search'))));
  graph.add(service, prop('dcat', 'endpointDescription'), iri(`${absolute(site.publicUrl, ckanActionPath('datastore_search'))}?resource_id=${resource.id}&limit=0`));
  graph.add(service, prop('dcat', 'servesDataset'), datasetNode);
  graph.add(service, prop('dct', 'publisher'), city(graph, site));
  graph.typed(service, prop('dct', 'license'), licenceUri(dataset.licence), prop('dct', 'LicenseDocument'));
  graph.typed(service, prop('dct', 'accessRights'), accessRightPublic, prop('dct', 'RightsStatement'));
  if (dataset.hvdCategory) hvdQuads(graph, service, dataset.hvdCategory);
}
