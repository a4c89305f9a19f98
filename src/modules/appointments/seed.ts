import type { KernelContext } from '#kernel/context.ts';
import type { Break, WeeklyPeriod } from './calendar/types.ts';
import { appointmentsDb, type AppointmentsDb } from './repo.ts';

/*
 * The demo places of Erkelenz: the Bürgerbüro and the Standesamt follow their catalogue offices' opening
 * hours, the Bauordnung's phone advice keeps its own week, and the volunteers' Digitalsprechstunde follows
 * the Team Digitalisierung's office hours narrowed at its desks to the hours the digital pilots give. Services
 * are the catalogue's slugs; minutes per person are demonstration values, and every place says so in its
 * hint, as the catalogue's demo offices do.
 */

const demoNote = '(Demonstrationswerte)';

interface DemoService {
  slug: string;
  minutes: number;
  maxPersons?: number;
}

interface DemoPlace {
  name: string;
  officeSlug: string | null;
  kind: 'counter' | 'phone';
  hint: string;
  slotMinutes: number;
  hours?: WeeklyPeriod[];
  breaks?: Break[];
  services: DemoService[];
  /**
   * Counters by name with the slugs they serve; `all` serves every service of the place. Hours narrow the
   * place's for that counter.
   */
  counters: { name: string; services: readonly string[] | 'all'; hours?: WeeklyPeriod[] }[];
}

/** The booking window every demo service shares: 60 days ahead, the last day released at 7, an hour's lead. */
const window = { horizon_days: 60, release_time: '07:00', lead_minutes: 60, start_in_days: 0 };

const registration = ['wohnsitz-anmelden', 'meldebescheinigung'];

/** The hours the digital pilots give: Tuesday morning and Thursday afternoon. */
const pilotHours: WeeklyPeriod[] = [
  { day: 2, opens: '10:00', closes: '12:00' },
  { day: 4, opens: '15:00', closes: '17:00' },
];

export const demoPlaces: readonly DemoPlace[] = [
  {
    name: 'Bürgerbüro Erkelenz',
    officeSlug: 'buergerbuero',
    kind: 'counter',
    hint: `Rathaus, Erdgeschoss: Bitte ziehen Sie keine Wartenummer, Sie werden mit Ihrer Buchungsnummer aufgerufen. ${demoNote}`,
    slotMinutes: 5,
    // The office's hours already leave out the lunch hour, so the place needs no break of its own.
    services: [
      { slug: 'personalausweis-beantragen', minutes: 15 },
      { slug: 'reisepass-beantragen', minutes: 15 },
      { slug: 'wohnsitz-anmelden', minutes: 10 },
      { slug: 'meldebescheinigung', minutes: 5 },
      { slug: 'fuehrungszeugnis-beantragen', minutes: 10 },
    ],
    counters: [
      { name: 'Schalter 1', services: 'all' },
      { name: 'Schalter 2', services: 'all' },
      { name: 'Schalter 3', services: 'all' },
      // The registration counter: quick matters only, so passports do not hold up a change of address.
      { name: 'Schalter 4', services: registration },
    ],
  },
  {
    name: 'Standesamt Erkelenz',
    officeSlug: 'standesamt',
    kind: 'counter',
    hint: `Rathaus, Standesamt: Bitte bringen Sie die Unterlagen im Original mit. ${demoNote}`,
    slotMinutes: 15,
    services: [
      { slug: 'eheschliessung-anmelden', minutes: 45, maxPersons: 2 },
      { slug: 'geburt-beurkunden', minutes: 30, maxPersons: 2 },
      { slug: 'vaterschaft-anerkennen', minutes: 30, maxPersons: 2 },
      { slug: 'namenserklaerung', minutes: 20, maxPersons: 2 },
    ],
    counters: [
      { name: 'Zimmer 1', services: 'all' },
      { name: 'Zimmer 2', services: 'all' },
    ],
  },
  {
    name: 'Telefonische Beratung Bauaufsicht',
    // Run by the building regulation office, whose clerks serve it; the calls keep their own week.
    officeSlug: 'bauordnung',
    kind: 'phone',
    hint: `Wir rufen Sie zur gebuchten Zeit unter der angegebenen Nummer an. Halten Sie Flurstück oder Anschrift bereit. ${demoNote}`,
    slotMinutes: 30,
    hours: [2, 4].map((day) => ({ day, opens: '09:00', closes: '15:00' })),
    breaks: [2, 4].map((day) => ({ day, from: '12:00', to: '13:00' })),
    services: [{ slug: 'baugenehmigung', minutes: 30, maxPersons: 2 }],
    counters: [{ name: 'Beratung Bauordnung', services: 'all' }],
  },
  {
    name: 'Digitalsprechstunde im Rathaus Erkelenz',
    // The Team Digitalisierung runs it, so its clerks serve the desks, and the town hall's holidays and
    // closing days (Rosenmontag, Weiberfastnacht from noon) close it too; the desks keep the volunteers' hours.
    officeSlug: 'team-digitalisierung',
    kind: 'counter',
    hint: `Rathaus, Erdgeschoss: Fragen Sie am Empfang nach der Digitalsprechstunde. Bringen Sie Ihr Smartphone oder Tablet aufgeladen mit. ${demoNote}`,
    slotMinutes: 30,
    services: [{ slug: 'digitalsprechstunde', minutes: 30, maxPersons: 2 }],
    counters: ['Lotsentisch 1', 'Lotsentisch 2'].map((name) => ({ name, services: 'all' as const, hours: pilotHours })),
  },
];

async function insertPlace(db: AppointmentsDb, place: DemoPlace): Promise<void> {
  const location = await db
    .insertInto('appointment_locations')
    .values({
      office_slug: place.officeSlug,
      kind: place.kind,
      name: place.name,
      hint: place.hint,
      hours: place.hours ? JSON.stringify(place.hours) : null,
      breaks: JSON.stringify(place.breaks ?? []),
      slot_minutes: place.slotMinutes,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const slugs = place.services.map((service) => service.slug);
  await db
    .insertInto('appointment_counters')
    .values(
      place.counters.map((counter) => ({
        location_id: location.id,
        name: counter.name,
        services: counter.services === 'all' ? slugs : [...counter.services],
        hours: counter.hours ? JSON.stringify(counter.hours) : null,
      })),
    )
    .execute();
  await db
    .insertInto('appointment_services')
    .values(place.services.map((service) => ({ location_id: location.id, service_slug: service.slug, minutes_per_person: service.minutes, max_persons: service.maxPersons ?? 6, ...window })))
    .execute();
}

/** Inserts the demo places; a place of the same name is left alone, so running it twice changes nothing. */
export async function seedAppointments(ctx: Pick<KernelContext, 'db'>): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const db = appointmentsDb(trx);
    const existing = new Set((await db.selectFrom('appointment_locations').select('name').execute()).map((row) => row.name));
    for (const place of demoPlaces) if (!existing.has(place.name)) await insertPlace(db, place);
  });
}
