import { addDays, todayInBerlin, weekdayOf } from '#kernel/calendar.ts';
import type { KernelContext } from '#kernel/context.ts';
import { berlinInstant } from '#modules/catalog/index.ts';
import { coursesDb } from './repo.ts';
import type { CoursesTables } from './tables.ts';
import type { Insertable } from 'kysely';

/*
 * The demo courses of Erkelenz: five for citizens as the digital strategy names them (smartphone basics,
 * online banking safely, the city's online services, video calls with the family, spotting fake news), two
 * more so every DigComp area has one, and four for the staff, each fulfilling a required training. Sessions
 * are placed from the day the demo is seeded, on weekdays, so the catalogue always shows dates to come.
 * Every course is marked as demo; places, people and prices are examples.
 */

type DemoCourse = Omit<Insertable<CoursesTables['learning_courses']>, 'demo'> & {
  sessions: { inDays: number; time: string; hours: number; meetings: number; capacity: number; minimum: number; place: string; address: string; online?: string }[];
};

const library = { place: 'Stadtbücherei Erkelenz, Gruppenraum (Demonstrationswerte)', address: 'Johannismarkt 17, 41812 Erkelenz' };
const cityHall = { place: 'Rathaus Erkelenz, Sitzungsraum 2 (Demonstrationswerte)', address: 'Johannismarkt 17, 41812 Erkelenz' };
const phone = '02431 85-0';
const citizens = { audience: 'citizens' as const, contact_phone: phone, training_key: null };

export const demoCourses: readonly DemoCourse[] = [
  {
    ...citizens,
    slug: 'smartphone-grundlagen',
    title: 'Smartphone-Grundlagen für Einsteigerinnen und Einsteiger',
    summary: 'Das eigene Smartphone sicher bedienen: anrufen, Nachrichten schreiben, Fotos ansehen, Apps finden – in Ruhe und mit viel Zeit zum Üben.',
    description: 'Vier Vormittage in einer kleinen Gruppe. Bringen Sie Ihr Smartphone mit; wer keines hat, bekommt ein Leihgerät. Unterlagen gibt es auch in Großdruck.',
    level: 'foundation',
    target_group: 'Seniorinnen und Senioren und alle ohne Vorkenntnisse',
    competences: ['1.1', '2.1', '4.1', '5.1'],
    accessibility: ['stufenlos', 'hoeranlage', 'grossdruck', 'leihgeraete'],
    provider: 'Stadtbücherei Erkelenz mit den Digitallotsen',
    sessions: [
      { inDays: 10, time: '10:00', hours: 2, meetings: 4, capacity: 8, minimum: 4, ...library },
      { inDays: 45, time: '10:00', hours: 2, meetings: 4, capacity: 8, minimum: 4, ...library },
    ],
  },
  {
    ...citizens,
    slug: 'online-banking-sicher',
    title: 'Online-Banking sicher nutzen',
    summary: 'Überweisungen am Computer und Smartphone erledigen und Betrugsversuche wie falsche Bank-E-Mails erkennen.',
    description: 'Zwei Abende mit einer Übungsumgebung: Niemand gibt echte Zugangsdaten ein. Kosten für die Unterlagen: 10 Euro, zu zahlen vor Ort.',
    level: 'foundation',
    target_group: 'Erwachsene, die ihr Bankkonto online führen möchten',
    competences: ['2.1', '4.1', '4.2'],
    accessibility: ['stufenlos', 'grossdruck'],
    price_cents: 1000,
    provider: 'Volkshochschule (Demonstrationswerte)',
    sessions: [{ inDays: 17, time: '18:00', hours: 2, meetings: 2, capacity: 12, minimum: 5, ...cityHall }],
  },
  {
    ...citizens,
    slug: 'online-dienste-der-stadt',
    title: 'Die Online-Dienste der Stadt nutzen',
    summary: 'Termine buchen, Anträge online stellen, Nachrichten im Konto lesen: Wir gehen die Online-Dienste der Stadt Erkelenz gemeinsam Schritt für Schritt durch.',
    description: 'Ein Nachmittag im Rathaus. Sie üben an Leihgeräten oder an Ihrem eigenen. Auch der Weg ohne Internet wird gezeigt: Telefon, Termin und Papierformular.',
    level: 'foundation',
    target_group: 'Alle, die Behördengänge online erledigen möchten',
    competences: ['1.1', '2.1', '2.3'],
    accessibility: ['stufenlos', 'hoeranlage', 'leihgeraete', 'leichte-sprache'],
    provider: 'Stadt Erkelenz, Team Digitalisierung',
    sessions: [
      { inDays: 8, time: '15:00', hours: 2, meetings: 1, capacity: 10, minimum: 3, ...cityHall },
      { inDays: 36, time: '15:00', hours: 2, meetings: 1, capacity: 10, minimum: 3, ...cityHall },
    ],
  },
  {
    ...citizens,
    slug: 'videoanrufe-mit-der-familie',
    title: 'Videoanrufe mit der Familie',
    summary: 'Enkel, Kinder und Freunde sehen und hören: Videoanrufe einrichten, annehmen und selbst starten.',
    description: 'Zwei Vormittage. Wir üben Videoanrufe untereinander, damit es zu Hause sofort klappt.',
    level: 'foundation',
    target_group: 'Seniorinnen und Senioren',
    competences: ['2.1', '2.2'],
    accessibility: ['stufenlos', 'hoeranlage', 'leihgeraete'],
    provider: 'Stadtbücherei Erkelenz mit den Digitallotsen',
    sessions: [{ inDays: 24, time: '10:00', hours: 2, meetings: 2, capacity: 8, minimum: 3, ...library }],
  },
  {
    ...citizens,
    slug: 'falschmeldungen-erkennen',
    title: 'Falschmeldungen erkennen',
    summary: 'Woran man Falschmeldungen und gefälschte Bilder erkennt, wie man Quellen prüft und was man tun kann, wenn sie geteilt werden.',
    description: 'Ein Abend mit vielen Beispielen aus sozialen Netzwerken, auch online zu verfolgen.',
    level: 'intermediate',
    target_group: 'Jugendliche ab 14 und Erwachsene',
    competences: ['1.2', '2.2', '2.5'],
    accessibility: ['stufenlos', 'hoeranlage'],
    provider: 'Stadtbücherei Erkelenz',
    sessions: [{ inDays: 19, time: '18:30', hours: 2, meetings: 1, capacity: 20, minimum: 6, ...library, online: 'https://konferenz.erkelenz.example/falschmeldungen' }],
  },
  {
    ...citizens,
    slug: 'fotos-bearbeiten-und-teilen',
    title: 'Fotos am Smartphone bearbeiten und teilen',
    summary: 'Fotos zuschneiden, aufhellen, zu einem Album zusammenstellen und sicher mit anderen teilen – mit Blick auf die Rechte der Abgebildeten.',
    level: 'intermediate',
    target_group: 'Alle, die schon sicher mit dem Smartphone umgehen',
    competences: ['3.1', '3.3', '2.2'],
    accessibility: ['stufenlos'],
    provider: 'Stadtbücherei Erkelenz',
    sessions: [{ inDays: 31, time: '17:00', hours: 2, meetings: 2, capacity: 10, minimum: 4, ...library }],
  },
  {
    ...citizens,
    slug: 'hilfe-zur-selbsthilfe',
    title: 'Hilfe zur Selbsthilfe: Wenn das Gerät nicht will',
    summary: 'Updates, voller Speicher, vergessene Passwörter: typische Probleme selbst lösen und wissen, wo es Hilfe gibt.',
    level: 'foundation',
    target_group: 'Alle mit Smartphone, Tablet oder Laptop',
    competences: ['5.1', '5.2', '4.1'],
    accessibility: ['stufenlos', 'leihgeraete'],
    provider: 'Stadt Erkelenz mit den Digitallotsen',
    sessions: [{ inDays: 13, time: '15:00', hours: 2, meetings: 1, capacity: 10, minimum: 3, ...cityHall }],
  },
  ...(
    [
      ['datenschutz-grundschulung', 'Datenschutz im Verwaltungsalltag', 'Die DSGVO in der Sachbearbeitung: was wir erheben dürfen, wie lange wir es aufbewahren und was bei einer Datenpanne zu tun ist.', 'datenschutz', ['4.2', '2.6'], 6],
      ['e-akte-einfuehrung', 'Einführung in die E-Akte', 'Vorgänge in der E-Akte anlegen, Dokumente ablegen und zeichnen, Vertretungen und Fristen einrichten.', 'e-akte', ['1.3', '2.4'], 12],
      ['barrierefreie-dokumente', 'Barrierefreie Dokumente erstellen', 'Briefe, Formulare und PDF so gestalten, dass alle sie lesen können: Überschriften, Alternativtexte, Kontraste, getaggte PDF.', 'barrierefreie-dokumente', ['3.1', '3.2'], 20],
      ['informationssicherheit-basis', 'Informationssicherheit: Phishing und sichere Passwörter', 'Angriffe per E-Mail erkennen, sichere Passwörter und den zweiten Faktor nutzen, Vorfälle melden.', 'informationssicherheit', ['4.1', '4.2'], 27],
    ] as const
  ).map(([slug, title, summary, key, competences, inDays]) => ({
    slug,
    title,
    summary,
    audience: 'staff' as const,
    level: 'intermediate' as const,
    target_group: 'Beschäftigte der Stadtverwaltung',
    competences: [...competences],
    accessibility: ['stufenlos' as const, 'hoeranlage' as const],
    provider: 'Stadt Erkelenz, Personal und Organisation',
    contact_phone: phone,
    training_key: key,
    sessions: [{ inDays, time: '09:00', hours: 3, meetings: 1, capacity: 16, minimum: 6, ...cityHall }],
  })),
];

/** The first weekday (Monday to Friday) on or after the day. */
function weekday(day: string): string {
  let next = day;
  while (weekdayOf(next) > 5) next = addDays(next, 1);
  return next;
}

/** Inserts the demo courses and their sessions once; a course already there (by slug) is left as it is. */
export async function seedCourses(ctx: Pick<KernelContext, 'db'>, now = new Date()): Promise<void> {
  const db = coursesDb(ctx.db);
  const today = todayInBerlin(now);
  for (const { sessions, ...course } of demoCourses) {
    const inserted = await db.insertInto('learning_courses').values({ ...course, demo: true }).onConflict((oc) => oc.column('slug').doNothing()).returning('id').executeTakeFirst();
    if (!inserted) continue;
    for (const session of sessions) {
      const first = weekday(addDays(today, session.inDays));
      const meetings = Array.from({ length: session.meetings }, (_, index) => {
        const starts = berlinInstant(addDays(first, index * 7), session.time);
        return { starts_at: starts, ends_at: new Date(starts.getTime() + session.hours * 3_600_000) };
      });
      const created = await db
        .insertInto('learning_sessions')
        .values({
          course_id: inserted.id,
          place: session.place,
          address: session.address,
          online_url: session.online ?? null,
          capacity: session.capacity,
          min_participants: session.minimum,
          // The minimum is decided five days before the start: time enough for a letter to say it is off.
          decide_by: new Date(meetings[0]!.starts_at.getTime() - 5 * 86_400_000),
          trainer_user_id: null,
          starts_at: meetings[0]!.starts_at,
          ends_at: meetings.at(-1)!.ends_at,
          cancel_reason: null,
          confirmed_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db.insertInto('learning_meetings').values(meetings.map((meeting) => ({ session_id: created.id, ...meeting }))).execute();
    }
  }
}
