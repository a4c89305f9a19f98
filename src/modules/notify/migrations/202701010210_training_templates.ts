import { sql, type Kysely } from 'kysely';

/*
 * The reminder a staff member gets before a required training runs out: which training, the last day it
 * counts, and where to find the next course. It goes to staff accounts only, so it links to the person's
 * own training page, which asks them to sign in.
 */

type Placeholder = { name: string; type: 'text' | 'date' | 'datetime' | 'number' | 'money' | 'url'; example: string };

const signatureDe = 'Mit freundlichen Grüßen\nIhre Fortbildungskoordination der Stadtverwaltung ((city))';
const signatureEn = 'Kind regards\nTraining coordination, city administration of ((city))';

const seeds: { purpose: string; title: [string, string]; placeholders: Placeholder[]; de: [string, string]; en: [string, string] }[] = [
  {
    purpose: 'training-expiry-reminder',
    title: ['Erinnerung: Pflichtfortbildung läuft ab', 'Reminder: required training expires'],
    placeholders: [
      { name: 'training', type: 'text', example: 'Datenschutz' },
      { name: 'expiresOn', type: 'date', example: '2027-03-31' },
      { name: 'ownPage', type: 'url', example: '/verwaltung/meine-fortbildungen' },
    ],
    de: [
      'Ihre Fortbildung „((training))“ gilt bis ((expiresOn))',
      `Guten Tag ((name)),\n\nIhre Pflichtfortbildung „((training))“ gilt noch bis ((expiresOn)). Bitte frischen Sie sie rechtzeitig auf.\n\nAuf Ihrer Seite „Meine Fortbildungen“ sehen Sie, was fällig ist, und finden den nächsten passenden Kurs:\n((ownPage))\n\nHaben Sie die Fortbildung schon anderswo gemacht? Dann senden Sie die Bescheinigung bitte an die Fortbildungskoordination.\n\n${signatureDe}`,
    ],
    en: [
      'Your training “((training))” is valid until ((expiresOn))',
      `Hello ((name)),\n\nyour required training “((training))” is valid until ((expiresOn)). Please renew it in good time.\n\nYour page “My training” shows what is due and the next suitable course:\n((ownPage))\n\nHave you already done the training elsewhere? Then please send the certificate to the training coordination.\n\n${signatureEn}`,
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
