import type { Kysely } from 'kysely';

/*
 * The messages of a course registration: the confirmation (a place, or a place in the waiting line), the
 * notice that a place has become free, and the notice that a session is called off. They reach people who
 * registered by phone too, on paper, so each names the course's phone number for cancelling and carries no
 * link that opens anything. The reminder the day before is a purpose of its own, `course-session-reminder`:
 * the first templates' `course-reminder` tells people to cancel in their account, which a guest registered
 * by phone does not have; it stays as it was, unused by the courses.
 */

type Placeholder = { name: string; type: 'text' | 'date' | 'datetime' | 'number' | 'money' | 'url'; example: string };

const signatureDe = 'Mit freundlichen Grüßen\nIhre Stadtverwaltung ((city))';
const signatureEn = 'Kind regards\nCity administration of ((city))';

const course: Placeholder[] = [
  { name: 'course', type: 'text', example: 'Smartphone-Grundlagen für Einsteiger' },
  { name: 'startsAt', type: 'datetime', example: '2027-02-02T09:00:00Z' },
  { name: 'location', type: 'text', example: 'Stadtbücherei Erkelenz, Gruppenraum' },
  { name: 'registrationReference', type: 'text', example: 'K-4HQZ-2M8K-7' },
  { name: 'contactPhone', type: 'text', example: '02431 85-0' },
];

const seeds: { purpose: string; title: [string, string]; placeholders: Placeholder[]; de: [string, string]; en: [string, string] }[] = [
  {
    purpose: 'course-registered',
    title: ['Anmeldung zu einem Kurs', 'Course registration'],
    placeholders: [...course, { name: 'meetings', type: 'text', example: '- Dienstag, 2. Februar 2027, 10:00 bis 12:00 Uhr' }, { name: 'fee', type: 'text', example: 'kostenlos' }],
    de: [
      'Sie sind angemeldet: ((course))',
      `Guten Tag ((name)),\n\nSie haben einen Platz im Kurs „((course))“.\n\nTermine:\n((meetings))\n\n- Ort: ((location))\n- Kosten: ((fee))\n- Anmeldenummer: ((registrationReference))\n\nWenn Sie nicht teilnehmen können, sagen Sie bitte ab, damit jemand von der Warteliste nachrücken kann: telefonisch unter ((contactPhone)) mit Ihrer Anmeldenummer.\n\n${signatureDe}`,
    ],
    en: [
      'You are registered: ((course))',
      `Hello ((name)),\n\nyou have a place in the course "((course))".\n\nMeetings:\n((meetings))\n\n- Place: ((location))\n- Fee: ((fee))\n- Registration number: ((registrationReference))\n\nIf you cannot come, please cancel so that someone on the waiting list can take your place: call ((contactPhone)) and give your registration number.\n\n${signatureEn}`,
    ],
  },
  {
    purpose: 'course-waitlisted',
    title: ['Auf der Warteliste eines Kurses', 'On a course waiting list'],
    placeholders: [...course, { name: 'position', type: 'number', example: '2' }],
    de: [
      'Warteliste: ((course))',
      `Guten Tag ((name)),\n\nder Kurs „((course))“ am ((startsAt)) ist ausgebucht. Wir haben Sie auf die Warteliste gesetzt, auf Platz ((position)).\n\nWird ein Platz frei, rücken Sie in der Reihenfolge der Anmeldung automatisch nach, und wir sagen Ihnen Bescheid.\n\n- Ort: ((location))\n- Anmeldenummer: ((registrationReference))\n\nWenn Sie nicht mehr warten möchten, rufen Sie uns bitte an: ((contactPhone)).\n\n${signatureDe}`,
    ],
    en: [
      'Waiting list: ((course))',
      `Hello ((name)),\n\nthe course "((course))" on ((startsAt)) is fully booked. We have put you on the waiting list, in place ((position)).\n\nIf a place becomes free, you move up automatically in the order of registration, and we will tell you.\n\n- Place: ((location))\n- Registration number: ((registrationReference))\n\nIf you no longer wish to wait, please call us: ((contactPhone)).\n\n${signatureEn}`,
    ],
  },
  {
    purpose: 'course-place-freed',
    title: ['Platz in einem Kurs frei geworden', 'A course place has become free'],
    placeholders: course,
    de: [
      'Ein Platz ist frei: ((course))',
      `Guten Tag ((name)),\n\nim Kurs „((course))“ ist ein Platz frei geworden. Sie standen auf der Warteliste und sind jetzt angemeldet.\n\n- Beginn: ((startsAt))\n- Ort: ((location))\n- Anmeldenummer: ((registrationReference))\n\nWenn Sie nicht mehr teilnehmen können, sagen Sie bitte ab: telefonisch unter ((contactPhone)).\n\n${signatureDe}`,
    ],
    en: [
      'A place is free: ((course))',
      `Hello ((name)),\n\na place has become free in the course "((course))". You were on the waiting list and are now registered.\n\n- Starts: ((startsAt))\n- Place: ((location))\n- Registration number: ((registrationReference))\n\nIf you can no longer come, please cancel by calling ((contactPhone)).\n\n${signatureEn}`,
    ],
  },
  {
    purpose: 'course-called-off',
    title: ['Kurs fällt aus', 'Course called off'],
    placeholders: [...course, { name: 'reason', type: 'text', example: 'Es haben sich zu wenige Menschen angemeldet.' }],
    de: [
      'Der Kurs „((course))“ fällt aus',
      `Guten Tag ((name)),\n\nleider fällt der Kurs „((course))“ am ((startsAt)) aus.\n\n((reason))\n\nIhre Anmeldung (((registrationReference))) ist damit erledigt; Sie müssen nichts tun. Andere Kurse und Termine finden Sie auf der Internetseite der Stadt unter „Kurse“ oder telefonisch unter ((contactPhone)).\n\n${signatureDe}`,
    ],
    en: [
      'The course "((course))" is called off',
      `Hello ((name)),\n\nwe are sorry: the course "((course))" on ((startsAt)) is called off.\n\n((reason))\n\nYour registration (((registrationReference))) has ended; you need not do anything. Other courses and dates are on the city's website under "Courses", or call ((contactPhone)).\n\n${signatureEn}`,
    ],
  },
  {
    purpose: 'course-session-reminder',
    title: ['Erinnerung an einen Kurstermin', 'Reminder of a course date'],
    placeholders: course,
    de: [
      'Erinnerung: ((course)) am ((startsAt))',
      `Guten Tag ((name)),\n\nwir erinnern Sie an Ihren Kurs „((course))“ am ((startsAt)).\n\n- Ort: ((location))\n- Anmeldenummer: ((registrationReference))\n\nWenn Sie nicht teilnehmen können, sagen Sie bitte ab, damit jemand von der Warteliste nachrücken kann: telefonisch unter ((contactPhone)).\n\n${signatureDe}`,
    ],
    en: [
      'Reminder: ((course)) on ((startsAt))',
      `Hello ((name)),\n\nthis is a reminder of your course "((course))" on ((startsAt)).\n\n- Place: ((location))\n- Registration number: ((registrationReference))\n\nIf you cannot come, please cancel so that someone on the waiting list can take your place: call ((contactPhone)).\n\n${signatureEn}`,
    ],
  },
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const seed of seeds) {
    await db.insertInto('notify_templates').values({ purpose: seed.purpose, title_de: seed.title[0], title_en: seed.title[1], required_channel: null, placeholders: JSON.stringify(seed.placeholders) }).execute();
    await db
      .insertInto('notify_template_versions')
      .values({ purpose: seed.purpose, version: 1, subject_de: seed.de[0], body_de: seed.de[1], subject_en: seed.en[0], body_en: seed.en[1], created_by: 'system:migration' })
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('notify_template_versions').where('purpose', 'in', seeds.map((seed) => seed.purpose)).execute();
  await db.deleteFrom('notify_templates').where('purpose', 'in', seeds.map((seed) => seed.purpose)).execute();
}
