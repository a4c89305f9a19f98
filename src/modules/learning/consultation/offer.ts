import type { Language } from '#kernel/auth/actor.ts';
import { addDays, todayInBerlin } from '#kernel/calendar.ts';
import type { KernelContext } from '#kernel/context.ts';
import { publishedService } from '#modules/catalog/index.ts';

/*
 * The digital consultation hours as the self-assessment's result, the course pages and their own page show
 * them. What they are, who runs them and where is the catalogue's service and office, so an editor changes
 * them in one place; whether a time is free, and where to book it, is the appointments module's, read
 * through the routes it offers the catalogue's services (the same link and day the service page shows).
 */

/** The catalogue service of the consultation hours, whose appointments the digital pilots serve. */
export const consultationService = 'digitalsprechstunde';

export const consultationPath = '/kompetenzen/sprechstunde';

export interface ConsultationPlace {
  /** Who runs the consultation hours: the catalogue office. */
  office: string;
  /** "Johannismarkt 17, 41812 Erkelenz". */
  address: string;
  /** The office's note on its hours, where the consultation hours are named. */
  hoursNote: string;
  phone: string | null;
  email: string | null;
  stepFree: boolean | null;
  accessibilityNote: string;
}

export interface ConsultationBooking {
  href: string;
  /** The first day with a free time for one person (`YYYY-MM-DD`, Berlin); null when the window is full. */
  nextFreeDay: string | null;
  /** That day as people say it, so "today" is not read as a date to work out. */
  when: 'today' | 'tomorrow' | 'later' | null;
}

export interface ConsultationOffer {
  title: string;
  summary: string;
  /** The service's page in the catalogue, with every way to reach the consultation hours. */
  servicePath: string;
  place: ConsultationPlace | null;
  /** Null when no place takes bookings for the service: then the phone is the way in. */
  booking: ConsultationBooking | null;
}

/** The appointment route other modules offer for the service: its link and the earliest day its note names. */
async function appointmentRoute(ctx: KernelContext): Promise<{ href: string; day: string | null } | null> {
  const offered = await Promise.all(ctx.modules.flatMap((module) => (module.serviceRoutes ? [module.serviceRoutes.load(ctx)] : [])));
  const route = offered.flatMap((routes) => routes.get(consultationService) ?? []).find((candidate) => candidate.kind === 'appointment');
  if (!route) return null;
  const [day] = Object.values(route.note?.days ?? {}).sort();
  return { href: route.href, day: day ?? null };
}

function whenOf(day: string | null, now: Date): ConsultationBooking['when'] {
  if (day === null) return null;
  const today = todayInBerlin(now);
  if (day === today) return 'today';
  return day === addDays(today, 1) ? 'tomorrow' : 'later';
}

/** What the pages show about the consultation hours; null when the catalogue has not published them. */
export async function consultationOffer(ctx: KernelContext, now = new Date(), language: Language = 'de'): Promise<ConsultationOffer | null> {
  const service = await publishedService(ctx, consultationService);
  if (!service) return null;
  const english = language === 'en' ? service.content.en : undefined;
  const office = service.office;
  const officeEnglish = language === 'en' ? office?.en : undefined;
  const route = await appointmentRoute(ctx);
  return {
    title: english?.title || service.content.title,
    summary: english?.summary || service.content.summary,
    servicePath: `/leistungen/${consultationService}`,
    place: office
      ? {
          office: officeEnglish?.title || office.title,
          address: `${office.street}, ${office.postalCode} ${office.city}`,
          hoursNote: officeEnglish?.hoursNote || office.hoursNote,
          phone: office.phone || null,
          email: office.email || null,
          stepFree: office.stepFree,
          accessibilityNote: officeEnglish?.accessibilityNote || office.accessibilityNote,
        }
      : null,
    booking: route ? { href: route.href, nextFreeDay: route.day, when: whenOf(route.day, now) } : null,
  };
}
