import type { KernelContext } from '#kernel/context.ts';
import type { CompetenceCode } from '#modules/learning/assessment/digcomp.ts';
import { competencesToLearn, type Answers } from '#modules/learning/assessment/scoring.ts';
import { catalogue, type CatalogueEntry } from './service.catalogue.ts';
import { courseLevels } from './vocabulary.ts';

/*
 * The courses the self-assessment recommends: those for citizens with a session still open that cover the
 * competences the person answered below "on my own". A course scores more the more of them it covers and
 * the weaker the answers are (the weakest competence counts most); ties go to the lower level, then to the
 * earlier session, then to the course's address, so the same answers always give the same courses.
 */

export const recommendedAtMost = 3;

export interface Recommendation extends CatalogueEntry {
  /** The person's competences to learn that the course covers, weakest first. */
  covers: CompetenceCode[];
}

export async function recommendCourses(ctx: KernelContext, answers: Answers, now = new Date()): Promise<Recommendation[]> {
  const toLearn = competencesToLearn(answers);
  if (toLearn.length === 0) return [];
  const weight = (code: CompetenceCode) => toLearn.length - toLearn.indexOf(code);
  const entries = (await catalogue(ctx, { audience: 'citizens', area: null, level: null }, now)).filter((entry) => entry.next);
  return entries
    .map((entry) => ({ ...entry, covers: toLearn.filter((code) => entry.course.competences.includes(code)) }))
    .filter((entry) => entry.covers.length > 0)
    .map((entry) => ({ entry, score: entry.covers.reduce((sum, code) => sum + weight(code), 0) }))
    .sort(
      (a, b) =>
        b.score - a.score ||
        courseLevels.indexOf(a.entry.course.level) - courseLevels.indexOf(b.entry.course.level) ||
        a.entry.next!.starts_at.getTime() - b.entry.next!.starts_at.getTime() ||
        a.entry.course.slug.localeCompare(b.entry.course.slug),
    )
    .slice(0, recommendedAtMost)
    .map(({ entry }) => entry);
}
