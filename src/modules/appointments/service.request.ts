import type { Language } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { publishedService } from '#modules/catalog/index.ts';
import type { RequestedService } from './calendar/index.ts';
import { appointmentsDb } from './repo.ts';

/*
 * What a person asks for before any time is shown: which place, and how many persons come for which of its
 * services. It travels in the query of the booking pages (`anzahl-<service>=2`), so every step can be
 * bookmarked, shared or opened again with the back button, and nothing is stored before a time is held.
 */

export interface OfferedService {
  slug: string;
  title: string;
  summary: string;
  maxPersons: number;
  minutesPerPerson: number;
}

export interface PlaceOffer {
  id: string;
  name: string;
  kind: 'counter' | 'video' | 'phone';
  hint: string | null;
  services: OfferedService[];
}

/** Active places that offer at least one service, with the services' titles in the language. */
export async function placeOffers(ctx: KernelContext, language: Language): Promise<PlaceOffer[]> {
  const db = appointmentsDb(ctx.db);
  const rows = await db
    .selectFrom('appointment_locations as l')
    .innerJoin('appointment_services as s', 's.location_id', 'l.id')
    .select(['l.id', 'l.name', 'l.kind', 'l.hint', 's.service_slug', 's.max_persons', 's.minutes_per_person'])
    .where('l.active', '=', true)
    .orderBy('l.name')
    .orderBy('s.service_slug')
    .execute();
  const places = new Map<string, PlaceOffer>();
  for (const row of rows) {
    const service = await publishedService(ctx, row.service_slug);
    // A service the catalogue does not publish (withdrawn, not yet public) cannot be booked either.
    if (!service) continue;
    const english = language === 'en' ? service.content.en : undefined;
    const place = places.get(row.id) ?? { id: row.id, name: row.name, kind: row.kind, hint: row.hint, services: [] };
    place.services.push({ slug: row.service_slug, title: english?.title || service.content.title, summary: english?.summary || service.content.summary, maxPersons: row.max_persons, minutesPerPerson: row.minutes_per_person });
    places.set(row.id, place);
  }
  for (const place of places.values()) place.services.sort((a, b) => a.title.localeCompare(b.title, 'de'));
  return [...places.values()];
}

export const countField = (slug: string) => `anzahl-${slug}`;

export type RequestRead =
  | { ok: true; request: RequestedService[] }
  | { ok: false; reason: 'none' }
  | { ok: false; reason: 'persons'; service: OfferedService; max: number };

/** The persons per service from a query or form body; a count that is no whole number in range is refused with the service named. */
export function readRequest(input: Record<string, unknown>, place: PlaceOffer): RequestRead {
  const request: RequestedService[] = [];
  for (const service of place.services) {
    const raw = input[countField(service.slug)];
    if (raw === undefined || raw === '') continue;
    const text = typeof raw === 'string' ? raw.trim() : '';
    const persons = /^\d{1,2}$/.test(text) ? Number(text) : NaN;
    if (!Number.isInteger(persons) || persons < 0 || persons > service.maxPersons) return { ok: false, reason: 'persons', service, max: service.maxPersons };
    if (persons > 0) request.push({ serviceId: service.slug, persons });
  }
  return request.length > 0 ? { ok: true, request } : { ok: false, reason: 'none' };
}

/** The query that asks for the request again (links between days, back from the details). */
export function requestQuery(placeId: string, request: readonly RequestedService[]): string {
  const params = new URLSearchParams({ ort: placeId });
  for (const line of request) params.set(countField(line.serviceId), String(line.persons));
  return params.toString();
}
