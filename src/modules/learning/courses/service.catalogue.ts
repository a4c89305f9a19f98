import type { KernelContext } from '#kernel/context.ts';
import { areaOf, type AreaCode, type CompetenceCode } from '../assessment/digcomp.ts';
import { coursesDb, findCourseBySlug, meetingsOf, publishedCourses, upcomingSessions, type SessionWithCounts } from './repo.ts';
import type { Course, Meeting } from './tables.ts';
import type { Audience, CourseLevel } from './vocabulary.ts';

/*
 * What the public pages show: the published courses of an audience with their next session, filtered by a
 * DigComp area and a level; one course with its sessions still to come, each with its meetings and how many
 * places are free.
 */

export interface CatalogueFilter {
  audience: Audience;
  area: AreaCode | null;
  level: CourseLevel | null;
}

export interface SessionView extends SessionWithCounts {
  meetings: Meeting[];
  free: number;
}

export interface CatalogueEntry {
  course: Course;
  next: SessionView | null;
}

const withMeetings = (sessions: SessionWithCounts[], meetings: Meeting[]): SessionView[] =>
  sessions.map((session) => ({ ...session, meetings: meetings.filter((meeting) => meeting.session_id === session.id), free: Math.max(0, session.capacity - session.placed) }));

export const coversArea = (course: Pick<Course, 'competences'>, area: AreaCode) => course.competences.some((code) => areaOf(code as CompetenceCode) === area);

export async function catalogue(ctx: KernelContext, filter: CatalogueFilter, now = new Date()): Promise<CatalogueEntry[]> {
  const db = coursesDb(ctx.db);
  const courses = (await publishedCourses(db, filter.audience, now)).filter((course) => (!filter.area || coversArea(course, filter.area)) && (!filter.level || course.level === filter.level));
  const entries: CatalogueEntry[] = [];
  for (const course of courses) {
    const sessions = (await upcomingSessions(db, course.id, now)).filter((session) => session.status === 'open' && session.starts_at > now);
    const first = sessions[0];
    entries.push({ course, next: first ? withMeetings([first], await meetingsOf(db, [first.id]))[0]! : null });
  }
  return entries;
}

export async function coursePage(ctx: KernelContext, slug: string, now = new Date()): Promise<{ course: Course; sessions: SessionView[] } | undefined> {
  const db = coursesDb(ctx.db);
  const course = await findCourseBySlug(db, slug);
  if (!course?.published) return undefined;
  const sessions = await upcomingSessions(db, course.id, now);
  return { course, sessions: withMeetings(sessions, await meetingsOf(db, sessions.map((session) => session.id))) };
}
