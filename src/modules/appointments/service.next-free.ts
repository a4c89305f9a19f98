import { addDays, berlinDay, isCalendarDay, todayInBerlin } from '#kernel/calendar.ts';
import type { KernelContext } from '#kernel/context.ts';
import { freeSlots, nextFreeDays, type Day, type FreeSlots, type NextFreeDays, type RequestedService, type Slot, type SlotProblem } from './calendar/index.ts';
import { activePlaces } from './repo.figures.ts';
import { appointmentsDb } from './repo.ts';
import { placeCalendar } from './service.calendar.ts';

/** The first free time of one service for one person at one place; null when its whole window is taken. */
export interface NextFree {
  placeId: string;
  placeName: string;
  officeSlug: string | null;
  service: string;
  next: { date: Day; first: Slot } | null;
}

/**
 * For every service of every active place, its next free day for one person: each place's calendar is read
 * once (its busy times over the longest window), then asked per service; `only` narrows the places.
 */
export async function nextFreeOfPlaces(ctx: KernelContext, now = new Date(), only?: ReadonlySet<string>): Promise<NextFree[]> {
  const places = (await activePlaces(appointmentsDb(ctx.db))).filter((place) => !only || only.has(place.id));
  const answers: NextFree[] = [];
  for (const place of places) {
    const calendar = await placeCalendar(ctx, place.id, now);
    if (!calendar) continue;
    for (const service of place.services) {
      const result = nextFreeDays(calendar.query([{ serviceId: service.slug, persons: 1 }]), { limit: 1 });
      const [day] = result.ok ? result.days : [];
      answers.push({ placeId: place.id, placeName: place.name, officeSlug: place.officeSlug, service: service.slug, next: day ? { date: day.date, first: day.first } : null });
    }
  }
  return answers;
}

/** Per service slug, the earliest next free day over the places offering it (null: none free at any). */
export function earliestByService(answers: readonly NextFree[]): Map<string, Day | null> {
  const earliest = new Map<string, Day | null>();
  for (const answer of answers) {
    const held = earliest.get(answer.service);
    const date = answer.next?.date ?? null;
    if (held === undefined || (date !== null && (held === null || date < held))) earliest.set(answer.service, date);
  }
  return earliest;
}

/** The longest range one question about free times may span: enough to plan, too short to copy a calendar. */
export const MAX_RANGE_DAYS = 90;

export type FreeTimesProblem =
  | { reason: 'unknown-place' }
  | { reason: 'persons-mismatch' }
  | { reason: 'range-reversed' }
  | { reason: 'range-too-long'; max: number }
  | { reason: 'request'; problem: SlotProblem };

export interface FreeTimesQuestion {
  placeId: string;
  services: readonly string[];
  /** Persons per service in the same order; absent: one each. */
  persons?: readonly number[];
}

function requestOf(question: FreeTimesQuestion): RequestedService[] | null {
  if (question.persons && question.persons.length !== question.services.length) return null;
  return question.services.map((serviceId, index) => ({ serviceId, persons: question.persons?.[index] ?? 1 }));
}

/**
 * The free times of a place for a request, per day from `from` to `to` (default: today and the 13 days after),
 * within the booking window; at most `MAX_RANGE_DAYS` days in one answer.
 */
export async function freeTimes(
  ctx: KernelContext,
  question: FreeTimesQuestion & { from?: Day; to?: Day },
  now = new Date(),
): Promise<({ ok: true } & FreeSlots) | ({ ok: false } & FreeTimesProblem)> {
  const request = requestOf(question);
  if (!request) return { ok: false, reason: 'persons-mismatch' };
  for (const day of [question.from, question.to]) if (day !== undefined && !isCalendarDay(day)) return { ok: false, reason: 'request', problem: { reason: 'invalid-day', day } };
  const from = question.from ?? todayInBerlin(now);
  const to = question.to ?? addDays(from, 13);
  if (to < from) return { ok: false, reason: 'range-reversed' };
  if (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`) >= MAX_RANGE_DAYS * 86_400_000) return { ok: false, reason: 'range-too-long', max: MAX_RANGE_DAYS };
  // Only the busy times of the days asked for matter, not those of the whole window.
  const calendar = await placeCalendar(ctx, question.placeId, now, { from: berlinDay(from).from, to: berlinDay(to).to });
  if (!calendar) return { ok: false, reason: 'unknown-place' };
  const result = freeSlots(calendar.query(request), { from, to });
  return result.ok ? result : { ok: false, reason: 'request', problem: result.problem };
}

/** The next days of a place with a free time for a request, each with its first free time. */
export async function nextFreeDaysAt(ctx: KernelContext, question: FreeTimesQuestion & { limit: number }, now = new Date()): Promise<({ ok: true } & NextFreeDays) | ({ ok: false } & FreeTimesProblem)> {
  const request = requestOf(question);
  if (!request) return { ok: false, reason: 'persons-mismatch' };
  const calendar = await placeCalendar(ctx, question.placeId, now);
  if (!calendar) return { ok: false, reason: 'unknown-place' };
  const result = nextFreeDays(calendar.query(request), { limit: question.limit });
  return result.ok ? result : { ok: false, reason: 'request', problem: result.problem };
}
