import type { KernelContext } from '#kernel/context.ts';
import { calendarFile, uidFor, type CalendarEvent } from '#kernel/ical/ical.ts';
import type { Language } from '#kernel/auth/actor.ts';
import { whereText } from './facts.ts';
import type { SessionFacts } from './service.notices.ts';

/*
 * A session's meetings as calendar entries, one per meeting, with a UID stable per meeting, so a calendar
 * that imported them once replaces them when they change or are called off.
 */

export function sessionEvents(ctx: KernelContext, facts: SessionFacts, language: Language): CalendarEvent[] {
  const called = facts.session.status === 'cancelled';
  return facts.meetings.map((meeting) => ({
    uid: uidFor(`kurs-${facts.session.id}-${meeting.starts_at.toISOString()}`, ctx.config.PUBLIC_URL),
    sequence: called ? 1 : 0,
    start: meeting.starts_at,
    end: meeting.ends_at,
    summary: facts.course.title,
    description: facts.course.summary,
    location: whereText(facts.session, language),
    url: `${ctx.config.PUBLIC_URL}/kurse/${facts.course.slug}`,
    status: called ? 'CANCELLED' : 'CONFIRMED',
    alarms: [60],
  }));
}

export function sessionCalendar(ctx: KernelContext, facts: SessionFacts, language: Language): string {
  return calendarFile({ cityName: ctx.config.CITY_NAME, name: facts.course.title, events: sessionEvents(ctx, facts, language) });
}
