import type { Language } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { publishedOffice, publishedService } from '#modules/catalog/index.ts';
import type { BookedService, Location } from './repo.ts';

/*
 * What a booking is about, in words a person reads on a page, in a mail or in an SMS: the place and how to
 * find it, the day and time in Berlin, the services with their persons, and what to bring (from the
 * catalogue, so the booking never disagrees with the service page).
 */

const days = { de: 'de-DE', en: 'en-GB' } as const;

/** "Donnerstag, 3. Dezember 2026" in Berlin. */
export function dayText(instant: Date, language: Language): string {
  return new Intl.DateTimeFormat(days[language], { timeZone: 'Europe/Berlin', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(instant);
}

/** "09:30" in Berlin. */
export function timeText(instant: Date, language: Language): string {
  return new Intl.DateTimeFormat(days[language], { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' }).format(instant);
}

/** "Do., 3.12." in Berlin, for an SMS. */
export function shortDayText(instant: Date, language: Language): string {
  return new Intl.DateTimeFormat(days[language], { timeZone: 'Europe/Berlin', weekday: 'short', day: 'numeric', month: 'numeric' }).format(instant);
}

export interface ServiceLine {
  slug: string;
  title: string;
  persons: number;
  documents: string[];
  href: string | null;
}

/** The services' titles and documents in the language, the slug where the catalogue has no published entry. */
export async function serviceLines(ctx: KernelContext, services: readonly BookedService[], language: Language): Promise<ServiceLine[]> {
  return Promise.all(
    services.map(async ({ serviceId, persons }) => {
      const service = await publishedService(ctx, serviceId);
      const english = language === 'en' ? service?.content.en : undefined;
      return {
        slug: serviceId,
        title: english?.title || service?.content.title || serviceId,
        persons,
        documents: [...((english?.documents?.length ? english.documents : service?.content.documents) ?? [])],
        href: service ? `/leistungen/${serviceId}` : null,
      };
    }),
  );
}

export interface PlaceFacts {
  name: string;
  kind: Location['kind'];
  hint: string | null;
  /** "Johannismarkt 17, 41812 Erkelenz" for a counter office. */
  address: string | null;
  phone: string | null;
  email: string | null;
}

export async function placeFacts(ctx: KernelContext, location: Location): Promise<PlaceFacts> {
  const office = location.office_slug ? await publishedOffice(ctx, location.office_slug) : null;
  const content = office?.content;
  return {
    name: location.name,
    kind: location.kind,
    hint: location.hint,
    // A video or phone appointment happens where the person is; the office's address would mislead.
    address: location.kind === 'counter' && content?.street ? `${content.street}, ${content.postalCode} ${content.city}`.trim() : null,
    phone: content?.phone || null,
    email: content?.email || null,
  };
}
