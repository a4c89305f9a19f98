import { DataFactory, type Quad } from 'n3';
import { describe, expect, it } from 'vitest';
import { datasetIri, datasetQuads } from '../dcat/graph.ts';
import { completeDataset, completeResource, minimalDataset, site } from '../dcat/fixtures.ts';
import { ns } from '../dcat/vocabularies.ts';
import type { Dataset } from '../model.ts';
import { extraChecks, freshness } from './checks.ts';
import { indicators, maxScore, ratingOf, type QualityFacts } from './indicators.ts';
import { portalScore, scoreRecord, toImprove } from './score.ts';

const allAlive: QualityFacts = { urlAlive: () => true, dcatCompliant: true };
const recordOf = (dataset: Dataset, edit: (quads: Quad[]) => Quad[] = (quads) => quads, facts: QualityFacts = allAlive) => ({
  quads: edit(datasetQuads(site, dataset)),
  iri: datasetIri(site, dataset),
  facts,
});
const weight = (id: string) => indicators.find((indicator) => indicator.id === id)!.weight;
const downloadUrl = `${site.publicUrl}/daten/ladestationen/ressourcen/${completeResource().id}/download`;
const accessUrl = `${site.publicUrl}/daten/ladestationen/ressourcen/${completeResource().id}`;

const without = (property: string) => (quads: Quad[]) => quads.filter((one) => one.predicate.value !== property);
const replacing = (property: string, iri: string) => (quads: Quad[]) =>
  quads.map((one) => (one.predicate.value === property ? DataFactory.quad(one.subject, one.predicate, DataFactory.namedNode(iri)) : one));
const onDataset = (property: string) => (quads: Quad[]) => quads.filter((one) => !(one.predicate.value === property && one.subject.value === datasetIri(site, completeDataset())));

/** Each case takes one indicator away; the indicators an indicator builds on (a URL that is alive must be given) go with it. */
const cases: { lost: string[]; dataset?: Dataset; edit?: (quads: Quad[]) => Quad[]; facts?: QualityFacts }[] = [
  { lost: ['keywords'], dataset: completeDataset({ keywords: [] }) },
  { lost: ['themes'], dataset: completeDataset({ themes: [] }) },
  { lost: ['spatial'], dataset: completeDataset({ spatial: [] }) },
  { lost: ['temporal'], dataset: completeDataset({ temporal: null }) },
  { lost: ['accessUrlAlive'], facts: { ...allAlive, urlAlive: (url) => url !== accessUrl } },
  { lost: ['downloadUrl', 'downloadUrlAlive'], edit: without(`${ns.dcat}downloadURL`) },
  { lost: ['downloadUrlAlive'], facts: { ...allAlive, urlAlive: (url) => url !== downloadUrl } },
  { lost: ['format'], edit: without(`${ns.dct}format`) },
  { lost: ['mediaType'], edit: without(`${ns.dcat}mediaType`) },
  { lost: ['formatVocabulary'], edit: replacing(`${ns.dcat}mediaType`, 'https://daten.example.org/medientypen/csv') },
  { lost: ['nonProprietary'], dataset: completeDataset({ resources: [completeResource({ format: 'XLSX', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', current: { ...completeResource().current!, mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } })] }) },
  { lost: ['machineReadable'], dataset: completeDataset({ resources: [completeResource({ format: 'PDF', mediaType: 'application/pdf', current: { ...completeResource().current!, mediaType: 'application/pdf' } })] }) },
  { lost: ['dcatCompliance'], facts: { ...allAlive, dcatCompliant: false } },
  { lost: ['licence', 'licenceVocabulary'], edit: without(`${ns.dct}license`) },
  { lost: ['licenceVocabulary'], edit: replacing(`${ns.dct}license`, 'https://daten.example.org/eigene-lizenz') },
  { lost: ['accessRights', 'accessRightsVocabulary'], edit: onDataset(`${ns.dct}accessRights`) },
  { lost: ['accessRightsVocabulary'], edit: (quads) => replacing(`${ns.dct}accessRights`, 'https://daten.example.org/zugang/offen')(quads) },
  { lost: ['contactPoint'], edit: without(`${ns.dcat}contactPoint`) },
  { lost: ['publisher'], edit: onDataset(`${ns.dct}publisher`) },
  { lost: ['rights'], edit: without(`${ns.dct}rights`) },
  { lost: ['byteSize'], edit: without(`${ns.dcat}byteSize`) },
  { lost: ['issued'], dataset: completeDataset({ issuedAt: null }) },
  { lost: ['modified'], edit: onDataset(`${ns.dct}modified`) },
];

describe('MQA score of a dataset', () => {
  it('gives a complete record all 405 points, rated excellent', () => {
    const score = scoreRecord(recordOf(completeDataset()));
    expect(maxScore).toBe(405);
    expect(score.points).toBe(405);
    expect(score.rating).toBe('excellent');
    expect(toImprove(score)).toEqual([]);
  });

  it('covers every indicator of the methodology with one case', () => {
    expect(new Set(cases.flatMap((one) => one.lost))).toEqual(new Set(indicators.map((indicator) => indicator.id)));
  });

  it.each(cases.map((one) => [one.lost.join(' + '), one] as const))('loses exactly the points of %s', (_name, one) => {
    const score = scoreRecord(recordOf(one.dataset ?? completeDataset(), one.edit, one.facts));
    expect(score.points).toBe(405 - one.lost.reduce((sum, id) => sum + weight(id), 0));
    expect(toImprove(score).map((result) => result.id).sort()).toEqual([...one.lost].sort());
    expect(toImprove(score).map((result) => result.improve)).toEqual(toImprove(score).map((result) => `opendata:quality.improve.${result.id}`));
  });

  it('scores distributions by their share and interoperability by the best one', () => {
    const pdf = completeResource({ id: '6a1f3c1e-0000-4000-8000-000000000109', format: 'PDF', mediaType: 'application/pdf', current: null, datastoreActive: false });
    const score = scoreRecord(recordOf(completeDataset({ resources: [completeResource(), pdf] })));
    const result = (id: string) => score.indicators.find((one) => one.id === id)!;
    expect(result('downloadUrl')).toMatchObject({ points: 10, passing: 1, of: 2 });
    expect(result('byteSize')).toMatchObject({ points: 2.5, passing: 1, of: 2 });
    expect(result('machineReadable').points).toBe(20);
    expect(score.points).toBe(405 - 10 - 15 - 2.5);
  });

  it('rates a record with only the required properties good, not excellent', () => {
    const score = scoreRecord(recordOf(minimalDataset()));
    expect(score.points).toBe(405 - 30 - 30 - 20 - 20 - 20 - 30 - 20 - 5 - 5);
    expect(score.rating).toBe('good');
  });

  it('draws the rating lines where the MQA does', () => {
    expect([405, 351, 350, 221, 220, 121, 120, 0].map(ratingOf)).toEqual(['excellent', 'excellent', 'good', 'good', 'sufficient', 'sufficient', 'bad', 'bad']);
  });
});

describe('MQA score of the portal', () => {
  it('weighs each indicator by the share of datasets or distributions that pass', () => {
    const score = portalScore([recordOf(completeDataset()), recordOf(completeDataset({ id: '6a1f3c1e-0000-4000-8000-000000000019', name: 'zweite', spatial: [], keywords: [] }))]);
    const result = (id: string) => score.indicators.find((one) => one.id === id)!;
    expect(result('spatial')).toMatchObject({ points: 10, passing: 1, of: 2 });
    expect(result('keywords')).toMatchObject({ points: 15, passing: 1, of: 2 });
    expect(result('licence')).toMatchObject({ points: 20, passing: 2, of: 2 });
    expect(score.points).toBe(405 - 10 - 15);
  });

  it('is zero with nothing to score', () => {
    expect(portalScore([]).points).toBe(0);
  });
});

describe('checks beyond the MQA', () => {
  const now = new Date('2026-04-10T12:00:00Z');

  it('finds monthly data stale once a month and the grace have passed', () => {
    const updated = (iso: string) => completeDataset({ resources: [completeResource({ current: { ...completeResource().current!, createdAt: new Date(iso) } })] });
    expect(freshness(updated('2026-03-10T12:00:00Z'), now)).toBe(true);
    expect(freshness(updated('2026-03-01T12:00:00Z'), now)).toBe(false);
    expect(freshness(completeDataset({ frequency: 'IRREG' }), now)).toBeNull();
  });

  it('reports a dead download and a schema no version passed', () => {
    const checks = extraChecks(completeDataset({ resources: [completeResource({ current: null })] }), site, allAlive, now);
    expect(checks.find((check) => check.id === 'schemaMatch')).toEqual({ id: 'schemaMatch', passed: false, improve: 'opendata:quality.check.schemaMatch' });
    const dead = extraChecks(completeDataset(), site, { ...allAlive, urlAlive: (url) => url !== downloadUrl }, now);
    expect(dead.find((check) => check.id === 'downloadsAlive')?.passed).toBe(false);
    const unknown = extraChecks(completeDataset(), site, { ...allAlive, urlAlive: () => undefined }, now);
    expect(unknown.find((check) => check.id === 'downloadsAlive')?.passed).toBeNull();
    expect(extraChecks(completeDataset(), site, allAlive, new Date('2026-03-20T00:00:00Z')).map((check) => check.passed)).toEqual([true, true, true]);
  });
});
