import fs from 'node:fs';
import path from 'node:path';
import rdf from '@zazuko/env-node';
import { DataFactory, type Quad } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataThemes, frequencies } from '#kernel/declarations/datasets.ts';
import { catalogText, completeDataset, hiddenDatasets, minimalDataset, site } from '#modules/opendata/dcat/fixtures.ts';
import { catalogQuads } from '#modules/opendata/dcat/graph.ts';
import { authorityConcepts, frequencyUri, ns, schemes, themeUri } from '#modules/opendata/dcat/vocabularies.ts';

/*
 * The catalogue against the DCAT-AP.de 3.0 profile: the SEMIC DCAT-AP 3.0.0 shapes with GovData's German
 * shapes on top, as GovData's validator combines them. Nothing is fetched: the vocabularies the profile
 * imports are stood in for by the DCAT-AP.de licence and contributor lists beside the shapes and, for the
 * EU authority tables, by what those tables say about each code the platform emits (that it is a
 * skos:Concept in its scheme). Any violation fails, named by focus node, path and message.
 */

const dataDir = process.env.DCAT_AP_DE_DATA;
const shapesDir = (...parts: string[]) => path.join(dataDir ?? '', 'dcat-ap-de-shapes', ...parts);
const listsDir = (...parts: string[]) => path.join(dataDir ?? '', 'dcat-ap-de', ...parts);
const shapeFiles = () => [
  shapesDir('semic-DCAT-AP-3.0.0-base', 'shacl', 'dcat-ap-SHACL.ttl'),
  ...['dcat-ap-SHACL-DE.ttl', 'dcat-ap-de-deprecated.ttl', 'dcat-ap-spec-german-additions.ttl', 'dcat-ap-de-controlledvocabularies.ttl'].map((file) =>
    shapesDir('validator', 'resources', 'v3.0', 'shapes', file),
  ),
];

async function load(files: readonly string[]) {
  const dataset = rdf.dataset();
  for (const file of files) await dataset.import(rdf.fromFile(file));
  return dataset;
}

/** Rows of a small CSV with a header; the lists' CSVs quote only where a comma occurs. */
function csvColumn(file: string, column: string): string[] {
  const [header, ...rows] = fs.readFileSync(file, 'utf8').trim().split('\n');
  const index = header!.split(',').indexOf(column);
  return rows.map((row) => row.match(/("[^"]*"|[^,]*)(,|$)/g)![index]!.replace(/,$/, '').replace(/^"|"$/g, ''));
}

const namedNode = (value: string) => DataFactory.namedNode(value);
const quad = (subject: Quad['subject'], predicate: Quad['predicate'], object: Quad['object']) => DataFactory.quad(subject, predicate, object);
const inScheme = (iri: string, scheme: string): Quad[] => [
  quad(namedNode(iri), namedNode(`${ns.rdf}type`), namedNode(`${ns.skos}Concept`)),
  quad(namedNode(iri), namedNode(`${ns.skos}inScheme`), namedNode(scheme)),
];

/** What the profile's imports would add for the IRIs the platform emits, from the project's list and the local lists. */
async function vocabularyGraph() {
  const vocabularies = await load([listsDir('dcat-ap-de-licenses-open_20200715.rdf'), listsDir('dcat-ap-de-contributors_20251021.rdf')]);
  for (const concept of authorityConcepts()) for (const one of inScheme(concept.iri, concept.scheme)) vocabularies.add(one);
  for (const level of csvColumn(listsDir('political-geocoding-levels.csv'), 'uri')) for (const one of inScheme(level, schemes.geocodingLevel)) vocabularies.add(one);
  return vocabularies;
}

describe('DCAT-AP.de 3.0 conformance of the catalogue', () => {
  beforeAll(() => {
    if (!dataDir) throw new Error('DCAT_AP_DE_DATA is not set: it names the directory holding dcat-ap-de-shapes/ and dcat-ap-de/ (.ci/run sets it).');
    for (const file of shapeFiles()) if (!fs.existsSync(file)) throw new Error(`Missing shape file ${file} under DCAT_AP_DE_DATA`);
  });

  it('the project list of EU codes holds exactly the data themes and frequencies the tables have', () => {
    const themes = csvColumn(listsDir('eu-data-theme_de.csv'), 'uri');
    expect(dataThemes.map(themeUri).sort()).toEqual([...themes].sort());
    const nal = fs.readFileSync(listsDir('eu-nal-lists_v1.0.2.ttl'), 'utf8');
    // OP_DATPRO is the table's technical code for provisional data, not a frequency a dataset can have.
    const tableFrequencies = [...new Set(nal.match(/http:\/\/publications\.europa\.eu\/resource\/authority\/frequency\/[A-Z][A-Z_0-9]*(?=>)/g))]
      .filter((iri) => !iri.endsWith('/OP_DATPRO'))
      .sort();
    expect(frequencies.map(frequencyUri).sort()).toEqual(tableFrequencies);
    const listed = new Map(authorityConcepts().map((concept) => [concept.iri, concept.scheme]));
    for (const iri of [...themes, ...tableFrequencies]) expect(listed.get(iri)).toBe(iri.includes('/data-theme/') ? schemes.dataTheme : schemes.frequency);
  });

  const datasets = () => [
    completeDataset(),
    completeDataset({ id: 'c0ffee00-0000-4000-8000-000000000021', name: 'ohne-hvd', hvdCategory: null, licence: 'cc-by/4.0', frequency: 'IRREG', themes: ['SOCI'] }),
    minimalDataset(),
    ...hiddenDatasets(),
  ];
  const paging = { page: 1, perPage: 100, total: 3, pageUrl: (page: number) => `${site.publicUrl}/catalog.ttl?page=${page}` };
  const catalogue = () => catalogQuads(site, catalogText, new Date('2026-03-01T09:00:00Z'), paging, datasets());

  /** The violations as `focus node path: message`; warnings and infos do not fail a harvest and are left out. */
  async function violationsOf(quads: readonly Quad[]): Promise<string[]> {
    const data = await vocabularyGraph();
    for (const one of quads) data.add(one);
    // No owl:imports are followed: what they would bring is in the vocabulary graph above.
    const validator = new SHACLValidator(await load(shapeFiles()), { factory: rdf, importGraph: () => rdf.dataset() });
    const report = await validator.validate(data);
    return report.results
      .filter((result) => result.severity?.value === 'http://www.w3.org/ns/shacl#Violation')
      .map((result) => `${result.focusNode?.value} ${result.path?.value ?? ''}: ${result.message.map((message) => message.value).join(' / ')}`);
  }

  it('a catalogue with a high-value, a complete and a minimal dataset has no violation', async () => {
    const quads = catalogue();
    expect(await violationsOf(quads)).toEqual([]);
    expect(quads.some((one) => one.predicate.value === `${ns.dcatde}contributorID`)).toBe(true);
  });

  it('the same shapes find a byte size given as text and a theme outside the EU table', async () => {
    const byteSize = `${ns.dcat}byteSize`;
    const theme = `${ns.dcat}theme`;
    const broken = catalogue().map((one) =>
      one.predicate.value === byteSize
        ? quad(one.subject, one.predicate, DataFactory.literal(one.object.value))
        : one.predicate.value === theme
          ? quad(one.subject, one.predicate, namedNode('https://daten.example.org/themen/verkehr'))
          : one,
    );
    const violations = await violationsOf(broken);
    expect(violations.some((line) => line.includes(byteSize))).toBe(true);
    expect(violations.some((line) => line.startsWith('https://daten.example.org/themen/verkehr ') && line.includes('dcat:theme'))).toBe(true);
  });
});
