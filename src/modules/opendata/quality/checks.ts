import type { Frequency } from '#kernel/declarations/datasets.ts';
import { absolute, downloadPath } from '../addresses.ts';
import type { CatalogSite } from '../dcat/graph.ts';
import { datasetIri, datasetQuads } from '../dcat/graph.ts';
import type { Dataset } from '../model.ts';
import type { QualityFacts } from './indicators.ts';
import { scoreRecord, type Score } from './score.ts';

/*
 * What the MQA cannot see from metadata and a publisher still wants to know: whether every file can be
 * downloaded, whether the data matches its published schema, and whether it is as fresh as its update
 * frequency promises. `passed` is null where a check does not apply or has no answer yet.
 */

export type CheckId = 'downloadsAlive' | 'schemaMatch' | 'fresh';

export interface CheckResult {
  id: CheckId;
  passed: boolean | null;
  /** i18n key of what to do when the check fails. */
  improve: string;
}

const day = 24 * 60 * 60 * 1000;

/** Days between two updates a frequency promises; null where it promises none. */
export const frequencyDays: Readonly<Record<Frequency, number | null>> = {
  CONT: 1, UPDATE_CONT: 1, HOURLY: 1, BIHOURLY: 1, TRIHOURLY: 1, DAILY: 1, DAILY_2: 1,
  WEEKLY: 7, WEEKLY_2: 7, WEEKLY_3: 7, BIWEEKLY: 14,
  MONTHLY: 31, MONTHLY_2: 31, MONTHLY_3: 31, BIMONTHLY: 62, QUARTERLY: 92,
  ANNUAL: 366, ANNUAL_2: 183, ANNUAL_3: 122, BIENNIAL: 731, TRIENNIAL: 1096, QUADRENNIAL: 1461, QUINQUENNIAL: 1827,
  DECENNIAL: 3653, BIDECENNIAL: 7305, TRIDECENNIAL: 10958,
  IRREG: null, NEVER: null, OTHER: null, UNKNOWN: null,
};

/** A late update is not a broken promise at once: a tenth of the period, and two days at least. */
export const graceDays = (period: number) => Math.max(2, Math.ceil(period / 10));

/** When the data last changed: the newest file published, or the record's own date for data kept elsewhere. */
function dataChangedAt(dataset: Dataset): Date {
  const versions = dataset.resources.flatMap((resource) => (resource.current ? [resource.current.createdAt.getTime()] : []));
  return versions.length > 0 ? new Date(Math.max(...versions)) : dataset.modifiedAt;
}

export function freshness(dataset: Dataset, now: Date): boolean | null {
  const period = frequencyDays[dataset.frequency];
  if (period === null) return null;
  return now.getTime() - dataChangedAt(dataset).getTime() <= (period + graceDays(period)) * day;
}

function downloadsAlive(dataset: Dataset, site: CatalogSite, facts: QualityFacts): boolean | null {
  const answers = dataset.resources.filter((resource) => resource.current).map((resource) => facts.urlAlive(absolute(site.publicUrl, downloadPath(dataset.name, resource.id))));
  if (answers.includes(false)) return false;
  return answers.length === 0 || answers.includes(undefined) ? null : true;
}

/** Every resource with a published schema has a version that passed its checks against it. */
function schemaMatch(dataset: Dataset): boolean | null {
  const described = dataset.resources.filter((resource) => resource.tableSchema !== null && resource.externalUrl === null);
  if (described.length === 0) return null;
  return described.every((resource) => resource.current !== null && (resource.current.status === 'loaded' || resource.current.status === 'valid'));
}

export function extraChecks(dataset: Dataset, site: CatalogSite, facts: QualityFacts, now: Date): CheckResult[] {
  const result = (id: CheckId, passed: boolean | null): CheckResult => ({ id, passed, improve: `opendata:quality.check.${id}` });
  return [result('downloadsAlive', downloadsAlive(dataset, site, facts)), result('schemaMatch', schemaMatch(dataset)), result('fresh', freshness(dataset, now))];
}

export interface DatasetQuality {
  score: Score;
  checks: CheckResult[];
}

/** A dataset's MQA score on the record the catalogue publishes for it, and the checks beyond the MQA. */
export function assessDataset(dataset: Dataset, site: CatalogSite, facts: QualityFacts, now: Date): DatasetQuality {
  const score = scoreRecord({ quads: datasetQuads(site, dataset), iri: datasetIri(site, dataset), facts });
  return { score, checks: extraChecks(dataset, site, facts, now) };
}
