/*
 * The EU's Digital Competence Framework for Citizens, DigComp 2.2 (Vuorikari, R., Kluzer, S. and Punie, Y.,
 * DigComp 2.2, EUR 31006 EN, European Commission, Joint Research Centre, 2022; CC BY 4.0): five areas, 21
 * competences, eight proficiency levels in four bands. Codes are the framework's; the words people read
 * are in the module's texts (`learning:digcomp.*`), German first.
 */

export const areaCodes = ['1', '2', '3', '4', '5'] as const;
export type AreaCode = (typeof areaCodes)[number];

export const competencesByArea = {
  '1': ['1.1', '1.2', '1.3'],
  '2': ['2.1', '2.2', '2.3', '2.4', '2.5', '2.6'],
  '3': ['3.1', '3.2', '3.3', '3.4'],
  '4': ['4.1', '4.2', '4.3', '4.4'],
  '5': ['5.1', '5.2', '5.3', '5.4'],
} as const satisfies Record<AreaCode, readonly string[]>;

export type CompetenceCode = (typeof competencesByArea)[AreaCode][number];
export const competenceCodes: readonly CompetenceCode[] = areaCodes.flatMap((area) => competencesByArea[area]);

export const isCompetenceCode = (value: string): value is CompetenceCode => (competenceCodes as readonly string[]).includes(value);
export const areaOf = (competence: CompetenceCode): AreaCode => competence.split('.')[0] as AreaCode;

/**
 * The four bands of the eight proficiency levels (1–2 foundation, 3–4 intermediate, 5–6 advanced, 7–8 highly
 * specialised), and before them the start, for someone who has not yet done what a competence describes.
 */
export const bands = ['start', 'foundation', 'intermediate', 'advanced', 'highly-specialised'] as const;
export type Band = (typeof bands)[number];

/** The proficiency levels a band spans, for the figures and for a course's target. */
export const levelsOfBand: Record<Band, readonly number[]> = {
  start: [],
  foundation: [1, 2],
  intermediate: [3, 4],
  advanced: [5, 6],
  'highly-specialised': [7, 8],
};
