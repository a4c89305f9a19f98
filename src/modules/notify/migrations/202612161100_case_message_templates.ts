import { sql, type Kysely } from 'kysely';

/*
 * Two templates the applications back office sends by the applicant's channel: a message from the
 * caseworker, and a request for missing information with the day to answer by. A message must reach a
 * guest who has no account, so its text is in the message itself, not only behind a link.
 */

type Placeholder = { name: string; type: 'text' | 'date' | 'datetime' | 'number' | 'money' | 'url'; example: string };

const signatureDe = 'Mit freundlichen Grüßen\nIhre Stadtverwaltung ((city))';
const signatureEn = 'Kind regards\nCity administration of ((city))';

const seeds: { purpose: string; title: [string, string]; placeholders: Placeholder[]; de: [string, string]; en: [string, string] }[] = [
  {
    purpose: 'case-message',
    title: ['Nachricht zu einem Antrag', 'Message about an application'],
    placeholders: [
      { name: 'service', type: 'text', example: 'Bewohnerparkausweis' },
      { name: 'caseReference', type: 'text', example: 'A-7K3M-Q9TX-4' },
      { name: 'message', type: 'text', example: 'Ihr Ausweis liegt zur Abholung bereit.' },
    ],
    de: ['Nachricht zu Ihrem Antrag „((service))“', `Guten Tag ((name)),\n\nzu Ihrem Antrag „((service))“ (Aktenzeichen ((caseReference))) schreibt Ihnen die Stadt:\n\n((message))\n\nBei Fragen nennen Sie bitte das Aktenzeichen.\n\n${signatureDe}`],
    en: ['Message about your application “((service))”', `Hello ((name)),\n\nabout your application “((service))” (reference ((caseReference))) the town writes:\n\n((message))\n\nIf you have questions, please give the reference.\n\n${signatureEn}`],
  },
  {
    purpose: 'case-information-requested',
    title: ['Angaben zu einem Antrag nachgefordert', 'Information requested for an application'],
    placeholders: [
      { name: 'service', type: 'text', example: 'Hundesteuer-Anmeldung' },
      { name: 'caseReference', type: 'text', example: 'A-7K3M-Q9TX-4' },
      { name: 'request', type: 'text', example: 'Bitte reichen Sie die Erlaubnis nach § 10 LHundG NRW nach.' },
      { name: 'replyBy', type: 'date', example: '2026-12-20' },
    ],
    de: [
      'Wir brauchen noch etwas von Ihnen: ((service))',
      `Guten Tag ((name)),\n\num Ihren Antrag „((service))“ (Aktenzeichen ((caseReference))) zu entscheiden, brauchen wir noch:\n\n((request))\n\nBitte antworten Sie bis zum ((replyBy)) – online in Ihrem Konto, per Post oder im Bürgerbüro. Bis dahin ruht die Bearbeitung.\n\n${signatureDe}`,
    ],
    en: [
      'We need something more from you: ((service))',
      `Hello ((name)),\n\nto decide on your application “((service))” (reference ((caseReference))) we still need:\n\n((request))\n\nPlease reply by ((replyBy)) – online in your account, by post or at the citizens' office. Until then the application rests.\n\n${signatureEn}`,
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
