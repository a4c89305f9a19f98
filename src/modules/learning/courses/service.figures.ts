import type { KernelContext } from '#kernel/context.ts';
import { areaCodes, type AreaCode } from '#modules/learning/assessment/digcomp.ts';
import { participationDataset } from '#modules/learning/opendata.ts';

/*
 * Participation for the coordinator: per course and per DigComp area, summed from the same rows the open
 * data publishes, so the page and the dataset never disagree. A course counts towards every area it covers.
 */

export interface Tally {
  sessions: number;
  held: number;
  cancelled: number;
  places: number;
  registered: number;
  waiting: number;
  attended: number;
}

const empty = (): Tally => ({ sessions: 0, held: 0, cancelled: 0, places: 0, registered: 0, waiting: 0, attended: 0 });

export interface Figures {
  courses: { slug: string; title: string; tally: Tally }[];
  areas: { area: AreaCode; tally: Tally }[];
}

export async function participationFigures(ctx: KernelContext): Promise<Figures> {
  const rows = await participationDataset.rows(ctx.db, ctx.config);
  const courses = new Map<string, { slug: string; title: string; tally: Tally }>();
  const areas = new Map<AreaCode, Tally>(areaCodes.map((area) => [area, empty()]));
  for (const row of rows) {
    const slug = String(row['course']);
    const course = courses.get(slug) ?? { slug, title: String(row['title']), tally: empty() };
    courses.set(slug, course);
    const touched = [course.tally, ...String(row['areas'] ?? '').split('|').flatMap((area) => (areas.has(area as AreaCode) ? [areas.get(area as AreaCode)!] : []))];
    for (const tally of touched) {
      tally.sessions += 1;
      if (row['status'] === 'held') tally.held += 1;
      if (row['status'] === 'cancelled') tally.cancelled += 1;
      tally.places += Number(row['capacity']);
      tally.registered += Number(row['registered']);
      tally.waiting += Number(row['waiting']);
      tally.attended += Number(row['attended'] ?? 0);
    }
  }
  return { courses: [...courses.values()].sort((a, b) => a.title.localeCompare(b.title, 'de')), areas: [...areas].map(([area, tally]) => ({ area, tally })) };
}
