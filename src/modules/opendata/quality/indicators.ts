import type { Quad } from 'n3';
import { licenceUri, licences, type LicenceId } from '#kernel/declarations/datasets.ts';
import { accessRights, fileTypeOfMediaTypeUri, fileTypeOfUri, machineReadableFileTypes, nonProprietaryFileTypes, ns, type FileType } from '../dcat/vocabularies.ts';

/*
 * The indicators of the data.europa.eu Metadata Quality Assessment with their weights (405 points in all),
 * checked on the DCAT-AP record exactly as a harvester receives it, so that the score says what
 * data.europa.eu will say. What the record cannot show (whether an address answers, whether the record
 * passed the SHACL shapes) comes in as facts.
 */

export type Dimension = 'findability' | 'accessibility' | 'interoperability' | 'reusability' | 'contextuality';
/** Where MQA checks an indicator: once per dataset, per distribution, or on the dataset's best distribution. */
export type Level = 'dataset' | 'distribution' | 'best-distribution';

export interface QualityFacts {
  /** Whether an address answered with 2xx/3xx; undefined while it has not been checked. */
  urlAlive: (url: string) => boolean | undefined;
  /** Whether the record passed the DCAT-AP.de shapes. */
  dcatCompliant: boolean;
}

/** The record's triples by subject and property. */
export class RdfRecord {
  private readonly bySubject = new Map<string, Map<string, Quad['object'][]>>();
  constructor(quads: readonly Quad[]) {
    for (const { subject, predicate, object } of quads) {
      const properties = this.bySubject.get(subject.value) ?? new Map<string, Quad['object'][]>();
      properties.set(predicate.value, [...(properties.get(predicate.value) ?? []), object]);
      this.bySubject.set(subject.value, properties);
    }
  }
  values(subject: string, property: string): string[] {
    return (this.bySubject.get(subject)?.get(property) ?? []).map((object) => object.value);
  }
  has(subject: string, property: string): boolean {
    return this.values(subject, property).length > 0;
  }
}

export interface Subject {
  record: RdfRecord;
  /** The dataset's or the distribution's IRI. */
  iri: string;
  facts: QualityFacts;
}

export interface Indicator {
  id: string;
  dimension: Dimension;
  level: Level;
  weight: number;
  passes: (subject: Subject) => boolean;
}

const dcat = (local: string) => `${ns.dcat}${local}`;
const dct = (local: string) => `${ns.dct}${local}`;
const present = (property: string) => ({ record, iri }: Subject) => record.has(iri, property);
/** An address passes unless a check found it dead: MQA counts what it has not checked again as it was. */
const alive = (property: string) => ({ record, iri, facts }: Subject) => {
  const urls = record.values(iri, property);
  return urls.length > 0 && urls.every((url) => facts.urlAlive(url) !== false);
};
const fileTypesOf = ({ record, iri }: Subject): FileType[] => [
  ...record.values(iri, dct('format')).map(fileTypeOfUri),
  ...record.values(iri, dcat('mediaType')).map(fileTypeOfMediaTypeUri),
].filter((code): code is FileType => code !== null);
const vocabularyLicenceUris = new Set(Object.keys(licences).map((id) => licenceUri(id as LicenceId)));

export const indicators: readonly Indicator[] = [
  { id: 'keywords', dimension: 'findability', level: 'dataset', weight: 30, passes: present(dcat('keyword')) },
  { id: 'themes', dimension: 'findability', level: 'dataset', weight: 30, passes: present(dcat('theme')) },
  { id: 'spatial', dimension: 'findability', level: 'dataset', weight: 20, passes: present(dct('spatial')) },
  { id: 'temporal', dimension: 'findability', level: 'dataset', weight: 20, passes: present(dct('temporal')) },
  { id: 'accessUrlAlive', dimension: 'accessibility', level: 'distribution', weight: 50, passes: alive(dcat('accessURL')) },
  { id: 'downloadUrl', dimension: 'accessibility', level: 'distribution', weight: 20, passes: present(dcat('downloadURL')) },
  { id: 'downloadUrlAlive', dimension: 'accessibility', level: 'distribution', weight: 30, passes: alive(dcat('downloadURL')) },
  { id: 'format', dimension: 'interoperability', level: 'best-distribution', weight: 20, passes: present(dct('format')) },
  { id: 'mediaType', dimension: 'interoperability', level: 'best-distribution', weight: 10, passes: present(dcat('mediaType')) },
  {
    id: 'formatVocabulary',
    dimension: 'interoperability',
    level: 'best-distribution',
    weight: 10,
    // Every format and media type given comes from its vocabulary, and at least one is given.
    passes: ({ record, iri }) => {
      const formats = record.values(iri, dct('format'));
      const media = record.values(iri, dcat('mediaType'));
      return formats.length + media.length > 0 && formats.every((uri) => fileTypeOfUri(uri) !== null) && media.every((uri) => fileTypeOfMediaTypeUri(uri) !== null);
    },
  },
  { id: 'nonProprietary', dimension: 'interoperability', level: 'best-distribution', weight: 20, passes: (subject) => fileTypesOf(subject).some((code) => nonProprietaryFileTypes.has(code)) },
  { id: 'machineReadable', dimension: 'interoperability', level: 'best-distribution', weight: 20, passes: (subject) => fileTypesOf(subject).some((code) => machineReadableFileTypes.has(code)) },
  { id: 'dcatCompliance', dimension: 'interoperability', level: 'dataset', weight: 30, passes: ({ facts }) => facts.dcatCompliant },
  { id: 'licence', dimension: 'reusability', level: 'distribution', weight: 20, passes: present(dct('license')) },
  {
    id: 'licenceVocabulary',
    dimension: 'reusability',
    level: 'distribution',
    weight: 10,
    passes: ({ record, iri }) => record.values(iri, dct('license')).some((uri) => vocabularyLicenceUris.has(uri)),
  },
  { id: 'accessRights', dimension: 'reusability', level: 'dataset', weight: 10, passes: present(dct('accessRights')) },
  {
    id: 'accessRightsVocabulary',
    dimension: 'reusability',
    level: 'dataset',
    weight: 5,
    passes: ({ record, iri }) => record.values(iri, dct('accessRights')).some((uri) => accessRights.includes(uri)),
  },
  { id: 'contactPoint', dimension: 'reusability', level: 'dataset', weight: 20, passes: present(dcat('contactPoint')) },
  { id: 'publisher', dimension: 'reusability', level: 'dataset', weight: 10, passes: present(dct('publisher')) },
  { id: 'rights', dimension: 'contextuality', level: 'distribution', weight: 5, passes: present(dct('rights')) },
  { id: 'byteSize', dimension: 'contextuality', level: 'distribution', weight: 5, passes: present(dcat('byteSize')) },
  { id: 'issued', dimension: 'contextuality', level: 'dataset', weight: 5, passes: present(dct('issued')) },
  { id: 'modified', dimension: 'contextuality', level: 'dataset', weight: 5, passes: present(dct('modified')) },
];

export const maxScore = indicators.reduce((sum, indicator) => sum + indicator.weight, 0);

export type Rating = 'excellent' | 'good' | 'sufficient' | 'bad';
/** MQA's categories: only these are shown publicly at data.europa.eu. */
export function ratingOf(points: number): Rating {
  if (points >= 351) return 'excellent';
  if (points >= 221) return 'good';
  if (points >= 121) return 'sufficient';
  return 'bad';
}

/** The i18n key of what a publisher does to earn an indicator's points. */
export const improveKey = (id: string) => `opendata:quality.improve.${id}`;
