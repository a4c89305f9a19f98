import { sql, type Kysely } from 'kysely';

/*
 * Two templates for booked appointments: the reminder the day before, with the documents to bring, and the
 * notice that an appointment is cancelled because the office is closed that day, with a link to book again.
 * Both must reach a guest without an account, so what matters is in the message itself; neither carries a
 * link that opens the booking.
 */

type Placeholder = { name: string; type: 'text' | 'date' | 'datetime' | 'number' | 'money' | 'url'; example: string };

const signatureDe = 'Mit freundlichen Grüßen\nIhre Stadtverwaltung ((city))';
const signatureEn = 'Kind regards\nCity administration of ((city))';

const booking: Placeholder[] = [
  { name: 'service', type: 'text', example: 'Personalausweis beantragen' },
  { name: 'startsAt', type: 'datetime', example: '2027-03-02T08:30:00Z' },
  { name: 'location', type: 'text', example: 'Bürgerbüro, Johannismarkt 17' },
  { name: 'bookingReference', type: 'text', example: 'T-4HQZ-2M8K-7' },
];

const seeds: { purpose: string; title: [string, string]; placeholders: Placeholder[]; de: [string, string]; en: [string, string] }[] = [
  {
    purpose: 'appointment-reminder',
    title: ['Erinnerung an einen Termin', 'Appointment reminder'],
    placeholders: [...booking, { name: 'documents', type: 'text', example: '- Personalausweis\n- biometrisches Passfoto' }],
    de: [
      'Erinnerung: Ihr Termin am ((startsAt))',
      `Guten Tag ((name)),\n\nwir erinnern Sie an Ihren Termin morgen:\n\n- Anliegen: ((service))\n- Zeit: ((startsAt))\n- Ort: ((location))\n- Terminnummer: ((bookingReference))\n\nBitte bringen Sie mit:\n((documents))\n\nWenn Sie nicht kommen können, sagen Sie den Termin bitte ab, damit andere ihn nutzen können.\n\n${signatureDe}`,
    ],
    en: [
      'Reminder: your appointment on ((startsAt))',
      `Hello ((name)),\n\nthis is a reminder of your appointment tomorrow:\n\n- Service: ((service))\n- Time: ((startsAt))\n- Place: ((location))\n- Booking number: ((bookingReference))\n\nPlease bring:\n((documents))\n\nIf you cannot come, please cancel the appointment so that someone else can use it.\n\n${signatureEn}`,
    ],
  },
  {
    purpose: 'appointment-office-closed',
    title: ['Termin fällt aus: Dienststelle geschlossen', 'Appointment cancelled: office closed'],
    placeholders: [...booking, { name: 'rebookLink', type: 'url', example: '/termine/buchen?leistung=personalausweis' }],
    de: [
      'Ihr Termin am ((startsAt)) fällt aus',
      `Guten Tag ((name)),\n\nleider müssen wir Ihren Termin absagen: Die Dienststelle ist an diesem Tag geschlossen.\n\n- Anliegen: ((service))\n- Zeit: ((startsAt))\n- Ort: ((location))\n- Terminnummer: ((bookingReference))\n\nBitte entschuldigen Sie. Einen neuen Termin können Sie hier buchen:\n((rebookLink))\n\n${signatureDe}`,
    ],
    en: [
      'Your appointment on ((startsAt)) is cancelled',
      `Hello ((name)),\n\nwe are sorry to cancel your appointment: the office is closed that day.\n\n- Service: ((service))\n- Time: ((startsAt))\n- Place: ((location))\n- Booking number: ((bookingReference))\n\nPlease excuse us. You can book a new appointment here:\n((rebookLink))\n\n${signatureEn}`,
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
  const purposes = seeds.map((seed) => seed.purpose);
  await db.deleteFrom('notify_template_versions').where('purpose', 'in', purposes).execute();
  await sql`delete from notify_templates where purpose = any(${purposes})`.execute(db);
}
