import jsonld from 'jsonld';
import { Parser, type Quad } from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import { describe, expect, it } from 'vitest';
import { catalogQuads, datasetQuads } from './graph.ts';
import { catalogText, completeDataset, hiddenDatasets, minimalDataset, site } from './fixtures.ts';
import { toJsonLd, toRdfXml, toTurtle } from './serialise.ts';
import { ns } from './vocabularies.ts';

/** A triple as one comparable string; the record has no blank nodes, so sets compare directly. */
const key = (one: { subject: { value: string }; predicate: { value: string }; object: { termType: string; value: string; language?: string; datatype?: { value: string } } }) =>
  [one.subject.value, one.predicate.value, one.object.termType, one.object.value, one.object.language ?? '', one.object.termType === 'Literal' ? (one.object.datatype?.value ?? '') : ''].join(' | ');
const keys = (quads: readonly Parameters<typeof key>[0][]) => [...new Set(quads.map(key))].sort();

function parseRdfXml(text: string): Promise<Quad[]> {
  return new Promise((resolve, reject) => {
    const quads: Quad[] = [];
    const parser = new RdfXmlParser();
    parser.on('data', (one: Quad) => quads.push(one));
    parser.on('error', reject);
    parser.on('end', () => resolve(quads));
    parser.write(text);
    parser.end();
  });
}

const modified = new Date('2026-03-01T09:00:00Z');
const paging = { page: 1, perPage: 2, total: 3, pageUrl: (page: number) => `${site.publicUrl}/catalog.ttl?page=${page}` };
const catalogue = () => catalogQuads(site, catalogText, modified, paging, [completeDataset(), minimalDataset(), ...hiddenDatasets()]);

describe('DCAT-AP.de serialisations', () => {
  it('Turtle, RDF/XML and JSON-LD each read back as exactly the triples written', async () => {
    const quads = catalogue();
    const written = keys(quads);
    expect(written.length).toBeGreaterThan(100);
    expect(keys(new Parser().parse(await toTurtle(quads)))).toEqual(written);
    expect(keys(await parseRdfXml(toRdfXml(quads)))).toEqual(written);
    const fromJsonLd = (await jsonld.toRDF(JSON.parse(await toJsonLd(quads)) as object)) as unknown as Parameters<typeof key>[0][];
    expect(keys(fromJsonLd)).toEqual(written);
  });

  it('keeps text with markup, quotes and line breaks intact in RDF/XML', async () => {
    const dataset = completeDataset({ description: 'Tags <b>&</b> "Zitat"\r\nzweite Zeile' });
    const quads = datasetQuads(site, dataset);
    expect(keys(await parseRdfXml(toRdfXml(quads)))).toEqual(keys(quads));
  });

  it('leaves drafts and deleted datasets out of the catalogue', () => {
    const subjects = new Set(catalogue().map((one) => one.subject.value));
    expect(subjects).toContain(`${site.publicUrl}/daten/ladestationen`);
    expect(subjects).toContain(`${site.publicUrl}/daten/haushalt`);
    expect(subjects).not.toContain(`${site.publicUrl}/daten/entwurf`);
    expect(subjects).not.toContain(`${site.publicUrl}/daten/geloescht`);
  });

  it('pages like ckanext-dcat: total, first, next and last page', () => {
    const about = catalogue().filter((one) => one.subject.value === paging.pageUrl(1));
    const value = (local: string) => about.find((one) => one.predicate.value === `${ns.hydra}${local}`)?.object.value;
    expect(value('totalItems')).toBe('3');
    expect(value('nextPage')).toBe(paging.pageUrl(2));
    expect(value('lastPage')).toBe(paging.pageUrl(2));
    expect(value('previousPage')).toBeUndefined();
  });

  it('marks a high-value dataset, its distributions and its API with the regulation and the category', () => {
    const quads = datasetQuads(site, completeDataset());
    const legislated = quads.filter((one) => one.predicate.value === `${ns.dcatap}applicableLegislation`).map((one) => one.subject.value);
    expect(legislated.sort()).toEqual([
      `${site.publicUrl}/daten/ladestationen`,
      `${site.publicUrl}/daten/ladestationen/ressourcen/6a1f3c1e-0000-4000-8000-000000000101`,
      `${site.publicUrl}/daten/ladestationen/ressourcen/6a1f3c1e-0000-4000-8000-000000000101#api`,
    ]);
    expect(datasetQuads(site, minimalDataset()).some((one) => one.predicate.value === `${ns.dcatap}hvdCategory`)).toBe(false);
  });
});
