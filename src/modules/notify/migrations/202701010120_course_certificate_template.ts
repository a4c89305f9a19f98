import type { Kysely } from 'kysely';

/*
 * The message that carries a certificate of attendance, the PDF attached. It names the verification code and
 * the address of the page where anyone can check it, as two values: an address with the code in its query
 * would be a link that opens something, which no message carries. Account holders find the PDF in their
 * inbox as well; a guest without an e-mail address gets it by letter, the certificate enclosed.
 */

type Placeholder = { name: string; type: 'text' | 'date' | 'datetime' | 'number' | 'money' | 'url'; example: string };

const signatureDe = 'Mit freundlichen Grüßen\nIhre Stadtverwaltung ((city))';
const signatureEn = 'Kind regards\nCity administration of ((city))';

const purpose = 'course-certificate';

const placeholders: Placeholder[] = [
  { name: 'course', type: 'text', example: 'Smartphone-Grundlagen für Einsteiger' },
  { name: 'holder', type: 'text', example: 'Erika Mustermann' },
  { name: 'code', type: 'text', example: 'TB-4HQZ-2M8K-Z' },
  { name: 'verifyUrl', type: 'url', example: '/kurse/nachweis' },
];

const de = [
  'Ihre Teilnahmebescheinigung: ((course))',
  `Guten Tag ((name)),\n\nvielen Dank für Ihre Teilnahme am Kurs „((course))“. Die Teilnahmebescheinigung für ((holder)) liegt bei (Teilnahmebescheinigung.pdf).\n\nWer die Bescheinigung prüfen möchte, zum Beispiel ein Arbeitgeber, gibt auf der Seite ((verifyUrl)) die Prüfnummer ((code)) ein. Die Nummer steht auch auf der Bescheinigung.\n\n${signatureDe}`,
];

const en = [
  'Your certificate of attendance: ((course))',
  `Hello ((name)),\n\nthank you for attending the course "((course))". The certificate of attendance for ((holder)) is attached (Teilnahmebescheinigung.pdf).\n\nAnyone who wants to check it, an employer for instance, enters the verification code ((code)) on the page ((verifyUrl)). The code is printed on the certificate as well.\n\n${signatureEn}`,
];

export async function up(db: Kysely<any>): Promise<void> {
  await db
    .insertInto('notify_templates')
    .values({ purpose, title_de: 'Teilnahmebescheinigung eines Kurses', title_en: 'Course certificate of attendance', required_channel: null, placeholders: JSON.stringify(placeholders) })
    .execute();
  await db
    .insertInto('notify_template_versions')
    .values({ purpose, version: 1, subject_de: de[0], body_de: de[1], subject_en: en[0], body_en: en[1], created_by: 'system:migration' })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('notify_template_versions').where('purpose', '=', purpose).execute();
  await db.deleteFrom('notify_templates').where('purpose', '=', purpose).execute();
}
