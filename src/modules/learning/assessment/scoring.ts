import { areaCodes, bands, competenceCodes, competencesByArea, type AreaCode, type Band, type CompetenceCode } from './digcomp.ts';

/*
 * Scoring the self-assessment. One question per competence, answered on a five-step scale that names the
 * bands in everyday words: 0 "not yet", 1 "with help" (foundation), 2 "on my own" (intermediate), 3 "also
 * with harder tasks, and I help others" (advanced), 4 "I develop solutions for others" (highly
 * specialised). An area's profile is the mean of its answers, rounded to the nearest band; a question
 * skipped ("I would rather not say") does not count, and an area with none answered has no profile.
 */

export const answerSteps = [0, 1, 2, 3, 4] as const;
export type Answer = (typeof answerSteps)[number];
export type Answers = Partial<Record<CompetenceCode, Answer>>;

export interface AreaProfile {
  area: AreaCode;
  /** Mean of the answered questions, 0 to 4; null when none was answered. */
  score: number | null;
  band: Band | null;
  answered: number;
  questions: number;
}

export function areaProfile(answers: Answers, area: AreaCode): AreaProfile {
  const given = competencesByArea[area].flatMap((code) => (answers[code] === undefined ? [] : [answers[code]]));
  const questions = competencesByArea[area].length;
  if (given.length === 0) return { area, score: null, band: null, answered: 0, questions };
  const score = given.reduce<number>((sum, step) => sum + step, 0) / given.length;
  // Halves round up: someone between two bands is shown the higher and its courses still fit.
  return { area, score, band: bands[Math.min(bands.length - 1, Math.floor(score + 0.5))]!, answered: given.length, questions };
}

export function profile(answers: Answers): AreaProfile[] {
  return areaCodes.map((area) => areaProfile(answers, area));
}

/**
 * The competences to work on, weakest first (by answer, then by the framework's order): every answered
 * competence below "on my own". These are what courses and consultation hours are matched against.
 */
export function competencesToLearn(answers: Answers): CompetenceCode[] {
  return competenceCodes
    .filter((code) => answers[code] !== undefined && answers[code] < 2)
    .sort((a, b) => answers[a]! - answers[b]! || competenceCodes.indexOf(a) - competenceCodes.indexOf(b));
}
