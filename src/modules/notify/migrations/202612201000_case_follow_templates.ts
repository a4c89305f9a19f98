import { sql, type Kysely } from 'kysely';

/*
 * Two templates for what follows a sent application: the confirmation that the applicant withdrew it, and
 * the reminder a few days before the day they were asked to answer a request for information by. Both must
 * reach a guest without an account, so what matters is in the message itself.
 */

type Placeholder = { name: string; type: 'text' | 'date' | 'datetime' | 'number' | 'money' | 'url'; example: string };

const signatureDe = 'Mit freundlichen Grüßen\nIhre Stadtverwaltung ((city))';
const signatureEn = 'Kind regards\nCity administration of ((city))';

const seeds: { purpose: string; title: [string, string]; placeholders: Placeholder[]; de: [string, string]; en: [string, string] }[] = [
  {
    purpose: 'case-withdrawn',
    title: ['Antrag zurückgezogen', 'Application withdrawn'],
    placeholders: [
      { name: 'service', type: 'text', example: 'Bewohnerparkausweis' },
      { name: 'caseReference', type: 'text', example: 'A-7K3M-Q9TX-4' },
    ],
    de: [
      'Ihr Antrag „((service))“ ist zurückgezogen',
      `Guten Tag ((name)),\n\nSie haben Ihren Antrag „((service))“ (Aktenzeichen ((caseReference))) zurückgezogen. Wir bearbeiten ihn nicht weiter.\n\nWenn Sie das nicht waren oder es sich anders überlegen, stellen Sie bitte einen neuen Antrag oder rufen Sie uns an und nennen Sie das Aktenzeichen.\n\n${signatureDe}`,
    ],
    en: [
      'Your application “((service))” is withdrawn',
      `Hello ((name)),\n\nyou have withdrawn your application “((service))” (reference ((caseReference))). We will not process it any further.\n\nIf this was not you, or you change your mind, please apply again or call us and give the reference.\n\n${signatureEn}`,
    ],
  },
  {
    purpose: 'case-information-reminder',
    title: ['Erinnerung: Angaben zu einem Antrag', 'Reminder: information for an application'],
    placeholders: [
      { name: 'service', type: 'text', example: 'Hundesteuer-Anmeldung' },
      { name: 'caseReference', type: 'text', example: 'A-7K3M-Q9TX-4' },
      { name: 'replyBy', type: 'date', example: '2026-12-20' },
    ],
    de: [
      'Erinnerung: Wir brauchen noch etwas von Ihnen: ((service))',
      `Guten Tag ((name)),\n\nfür Ihren Antrag „((service))“ (Aktenzeichen ((caseReference))) haben wir Sie um weitere Angaben gebeten. Bitte antworten Sie bis zum ((replyBy)) – online in Ihrem Konto, per Post oder im Bürgerbüro. Bis dahin ruht die Bearbeitung.\n\nWenn Sie schon geantwortet haben, ist diese Nachricht erledigt.\n\n${signatureDe}`,
    ],
    en: [
      'Reminder: we need something more from you: ((service))',
      `Hello ((name)),\n\nfor your application “((service))” (reference ((caseReference))) we asked you for more information. Please reply by ((replyBy)) – online in your account, by post or at the citizens' office. Until then the application rests.\n\nIf you have replied already, you can ignore this message.\n\n${signatureEn}`,
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
