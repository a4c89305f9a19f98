import { sql, type Kysely } from 'kysely';

/*
 * The first version of every message the platform's modules send. They are part of the product, not demo
 * data: a module that sends "case-received" relies on it existing. Editors change the texts later; each
 * change is a new version, and this migration stays as it was.
 */

type Placeholder = { name: string; type: 'text' | 'date' | 'datetime' | 'number' | 'money' | 'url'; example: string };

interface Seed {
  purpose: string;
  title: [string, string];
  requiredChannel?: 'letter';
  placeholders: Placeholder[];
  de: [string, string];
  en: [string, string];
}

const signatureDe = 'Mit freundlichen Grüßen\nIhre Stadtverwaltung ((city))';
const signatureEn = 'Kind regards\nCity administration of ((city))';

const seeds: Seed[] = [
  {
    purpose: 'case-received',
    title: ['Antrag eingegangen', 'Application received'],
    placeholders: [
      { name: 'service', type: 'text', example: 'Anwohnerparkausweis' },
      { name: 'caseReference', type: 'text', example: 'AN-2026-7K4M-Q9TX' },
      { name: 'receivedAt', type: 'datetime', example: '2026-11-27T09:30:00Z' },
    ],
    de: [
      'Ihr Antrag „((service))“ ist eingegangen',
      `Guten Tag ((name)),\n\nIhr Antrag „((service))“ ist am ((receivedAt)) bei uns eingegangen. Das Aktenzeichen lautet ((caseReference)).\n\nWir prüfen Ihre Angaben und melden uns, sobald es Neuigkeiten gibt. Den Stand können Sie jederzeit in Ihrem Konto sehen.\n\n${signatureDe}`,
    ],
    en: [
      'Your application “((service))” has been received',
      `Hello ((name)),\n\nwe received your application “((service))” on ((receivedAt)). Its case number is ((caseReference)).\n\nWe are checking your details and will be in touch as soon as there is news. You can see the status in your account at any time.\n\n${signatureEn}`,
    ],
  },
  {
    purpose: 'case-status-changed',
    title: ['Neuer Stand eines Antrags', 'Application status changed'],
    placeholders: [
      { name: 'service', type: 'text', example: 'Anwohnerparkausweis' },
      { name: 'caseReference', type: 'text', example: 'AN-2026-7K4M-Q9TX' },
      { name: 'status', type: 'text', example: 'in Bearbeitung' },
    ],
    de: [
      'Neuer Stand: ((service))',
      `Guten Tag ((name)),\n\nzu Ihrem Antrag „((service))“ (Aktenzeichen ((caseReference))) gibt es einen neuen Stand: ((status)).\n\nDie Einzelheiten finden Sie in Ihrem Konto.\n\n${signatureDe}`,
    ],
    en: [
      'New status: ((service))',
      `Hello ((name)),\n\nthere is news about your application “((service))” (case number ((caseReference))): ((status)).\n\nYou can find the details in your account.\n\n${signatureEn}`,
    ],
  },
  {
    purpose: 'decision-notice',
    title: ['Bescheid (per Brief vorgeschrieben)', 'Formal decision (letter required by law)'],
    requiredChannel: 'letter',
    placeholders: [
      { name: 'service', type: 'text', example: 'Anwohnerparkausweis' },
      { name: 'caseReference', type: 'text', example: 'AN-2026-7K4M-Q9TX' },
      { name: 'decision', type: 'text', example: 'Ihrem Antrag wird stattgegeben.' },
      { name: 'fee', type: 'money', example: '3050' },
    ],
    de: [
      'Bescheid zu Ihrem Antrag „((service))“',
      `Guten Tag ((name)),\n\nüber Ihren Antrag „((service))“ (Aktenzeichen ((caseReference))) haben wir entschieden:\n\n((decision))\n\nDie Gebühr beträgt ((fee)).\n\nGegen diesen Bescheid können Sie innerhalb eines Monats nach Bekanntgabe Klage beim Verwaltungsgericht Aachen erheben.\n\n${signatureDe}`,
    ],
    en: [
      'Decision on your application “((service))”',
      `Hello ((name)),\n\nwe have decided on your application “((service))” (case number ((caseReference))):\n\n((decision))\n\nThe fee is ((fee)).\n\nYou may challenge this decision before the Administrative Court of Aachen within one month of its notification.\n\n${signatureEn}`,
    ],
  },
  {
    purpose: 'appointment-confirmed',
    title: ['Termin bestätigt', 'Appointment confirmed'],
    placeholders: [
      { name: 'service', type: 'text', example: 'Personalausweis beantragen' },
      { name: 'startsAt', type: 'datetime', example: '2026-12-01T08:30:00Z' },
      { name: 'location', type: 'text', example: 'Bürgerbüro, Johannismarkt 17' },
      { name: 'bookingReference', type: 'text', example: 'TB-2026-4HQZ-2M8K' },
    ],
    de: [
      'Ihr Termin am ((startsAt))',
      `Guten Tag ((name)),\n\nIhr Termin ist gebucht:\n\n- Anliegen: ((service))\n- Zeit: ((startsAt))\n- Ort: ((location))\n- Buchungsnummer: ((bookingReference))\n\nWenn Sie den Termin nicht wahrnehmen können, sagen Sie ihn bitte in Ihrem Konto ab, damit andere ihn nutzen können.\n\n${signatureDe}`,
    ],
    en: [
      'Your appointment on ((startsAt))',
      `Hello ((name)),\n\nyour appointment is booked:\n\n- Service: ((service))\n- Time: ((startsAt))\n- Place: ((location))\n- Booking number: ((bookingReference))\n\nIf you cannot come, please cancel it in your account so that someone else can use it.\n\n${signatureEn}`,
    ],
  },
  {
    purpose: 'proactive-offer',
    title: ['Proaktives Angebot', 'Proactive offer'],
    placeholders: [
      { name: 'offer', type: 'text', example: 'Kinderbetreuung im Kita-Jahr 2027/28' },
      { name: 'reason', type: 'text', example: 'Ihr Kind wird im nächsten Sommer drei Jahre alt.' },
      { name: 'deadline', type: 'date', example: '2027-01-31' },
    ],
    de: [
      'Ein Angebot der Stadt für Sie: ((offer))',
      `Guten Tag ((name)),\n\nwir möchten Sie auf ein Angebot hinweisen: ((offer)).\n\nWarum Sie diese Nachricht erhalten: ((reason))\n\nWenn Sie das Angebot nutzen möchten, melden Sie sich bitte bis zum ((deadline)). Sie müssen nichts tun, wenn Sie es nicht nutzen möchten. Solche Hinweise können Sie in Ihrem Konto jederzeit abbestellen.\n\n${signatureDe}`,
    ],
    en: [
      'An offer from the city for you: ((offer))',
      `Hello ((name)),\n\nwe would like to point out an offer to you: ((offer)).\n\nWhy you are receiving this message: ((reason))\n\nIf you would like to take it up, please get in touch by ((deadline)). You need not do anything if you do not. You can turn off such notices in your account at any time.\n\n${signatureEn}`,
    ],
  },
  {
    purpose: 'course-reminder',
    title: ['Erinnerung an einen Kurs', 'Course reminder'],
    placeholders: [
      { name: 'course', type: 'text', example: 'Sicher im Internet – Grundlagen' },
      { name: 'startsAt', type: 'datetime', example: '2026-12-03T17:00:00Z' },
      { name: 'location', type: 'text', example: 'Stadtbücherei, Raum 2' },
    ],
    de: [
      'Erinnerung: ((course)) am ((startsAt))',
      `Guten Tag ((name)),\n\nwir erinnern Sie an Ihren Kurs „((course))“ am ((startsAt)) in ((location)).\n\nWenn Sie nicht teilnehmen können, melden Sie sich bitte in Ihrem Konto ab, damit jemand von der Warteliste nachrücken kann.\n\n${signatureDe}`,
    ],
    en: [
      'Reminder: ((course)) on ((startsAt))',
      `Hello ((name)),\n\nthis is a reminder of your course “((course))” on ((startsAt)) at ((location)).\n\nIf you cannot attend, please deregister in your account so that someone on the waiting list can take your place.\n\n${signatureEn}`,
    ],
  },
  {
    purpose: 'report-status-changed',
    title: ['Neuer Stand einer Meldung (Mängelmelder)', 'Report status changed'],
    placeholders: [
      { name: 'report', type: 'text', example: 'Defekte Straßenlaterne, Kölner Straße' },
      { name: 'status', type: 'text', example: 'erledigt' },
    ],
    de: ['Ihre Meldung: ((status))', `Guten Tag ((name)),\n\nIhre Meldung „((report))“ hat einen neuen Stand: ((status)).\n\nVielen Dank, dass Sie uns geholfen haben.\n\n${signatureDe}`],
    en: ['Your report: ((status))', `Hello ((name)),\n\nyour report “((report))” has a new status: ((status)).\n\nThank you for helping us.\n\n${signatureEn}`],
  },
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const seed of seeds) {
    await db
      .insertInto('notify_templates')
      .values({
        purpose: seed.purpose,
        title_de: seed.title[0],
        title_en: seed.title[1],
        required_channel: seed.requiredChannel ?? null,
        placeholders: JSON.stringify(seed.placeholders),
      })
      .execute();
    await db
      .insertInto('notify_template_versions')
      .values({
        purpose: seed.purpose,
        version: 1,
        subject_de: seed.de[0],
        body_de: seed.de[1],
        subject_en: seed.en[0],
        body_en: seed.en[1],
        created_by: 'system:migration',
      })
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const purposes = seeds.map((seed) => seed.purpose);
  await db.deleteFrom('notify_template_versions').where('purpose', 'in', purposes).execute();
  await sql`delete from notify_templates where purpose = any(${purposes})`.execute(db);
}
