import type { Quad } from 'n3';
import { ns } from '../dcat/vocabularies.ts';
import { improveKey, indicators, maxScore, ratingOf, RdfRecord, type Dimension, type Indicator, type QualityFacts, type Rating } from './indicators.ts';

/*
 * The MQA score of one dataset and of the whole portal. A dataset earns an indicator's weight once (dataset
 * level), in the share of its distributions that pass (distribution level), or on its best distribution
 * (interoperability: several distributions usually carry the same content in different formats). The
 * portal earns each weight in the share of all datasets or all distributions that pass, as data.europa.eu
 * aggregates a catalogue.
 */

export interface IndicatorResult {
  id: string;
  dimension: Dimension;
  points: number;
  max: number;
  /** How many datasets or distributions pass, of how many. */
  passing: number;
  of: number;
  /** i18n key: what to do to earn the missing points. */
  improve: string;
}

export interface Score {
  points: number;
  max: number;
  rating: Rating;
  indicators: IndicatorResult[];
}

/** A dataset's record as the catalogue publishes it. */
export interface ScoredRecord {
  quads: readonly Quad[];
  /** The dataset's IRI in the record. */
  iri: string;
  facts: QualityFacts;
}

type Counts = Map<string, { passing: number; of: number }>;

/** The distribution whose interoperability indicators weigh most. */
function bestDistribution(record: RdfRecord, distributions: readonly string[], facts: QualityFacts): string | undefined {
  const interoperable = indicators.filter((indicator) => indicator.level === 'best-distribution');
  const weightOf = (iri: string) => interoperable.reduce((sum, indicator) => sum + (indicator.passes({ record, iri, facts }) ? indicator.weight : 0), 0);
  return [...distributions].sort((one, other) => weightOf(other) - weightOf(one))[0];
}

function count(scored: ScoredRecord): Counts {
  const record = new RdfRecord(scored.quads);
  const distributions = record.values(scored.iri, `${ns.dcat}distribution`);
  const best = bestDistribution(record, distributions, scored.facts);
  const passes = (indicator: Indicator, iri: string) => indicator.passes({ record, iri, facts: scored.facts });
  const counts: Counts = new Map();
  for (const indicator of indicators) {
    switch (indicator.level) {
      case 'dataset':
        counts.set(indicator.id, { passing: passes(indicator, scored.iri) ? 1 : 0, of: 1 });
        break;
      case 'distribution':
        counts.set(indicator.id, { passing: distributions.filter((iri) => passes(indicator, iri)).length, of: distributions.length });
        break;
      case 'best-distribution':
        counts.set(indicator.id, { passing: best !== undefined && passes(indicator, best) ? 1 : 0, of: 1 });
        break;
    }
  }
  return counts;
}

function scoreOf(counts: Counts): Score {
  const results = indicators.map((indicator): IndicatorResult => {
    const { passing, of } = counts.get(indicator.id) ?? { passing: 0, of: 0 };
    const points = of === 0 ? 0 : (indicator.weight * passing) / of;
    return { id: indicator.id, dimension: indicator.dimension, points, max: indicator.weight, passing, of, improve: improveKey(indicator.id) };
  });
  const points = Math.round(results.reduce((sum, result) => sum + result.points, 0) * 100) / 100;
  return { points, max: maxScore, rating: ratingOf(points), indicators: results };
}

export function scoreRecord(scored: ScoredRecord): Score {
  return scoreOf(count(scored));
}

/** The portal's score: each indicator's weight times the share of datasets (or distributions) that pass. */
export function portalScore(records: readonly ScoredRecord[]): Score {
  const totals: Counts = new Map();
  for (const scored of records) {
    for (const [id, { passing, of }] of count(scored)) {
      const total = totals.get(id) ?? { passing: 0, of: 0 };
      totals.set(id, { passing: total.passing + passing, of: total.of + of });
    }
  }
  return scoreOf(totals);
}

/** The indicators still short of their points, most points to gain first: a publisher's to-do list. */
export function toImprove(score: Score): IndicatorResult[] {
  return score.indicators.filter((result) => result.points < result.max).sort((one, other) => other.max - other.points - (one.max - one.points));
}
