import { systemActor } from '#kernel/auth/actor.ts';
import { addDays, todayInBerlin } from '#kernel/calendar.ts';
import type { KernelContext } from '#kernel/context.ts';
import { createStaff, staffIdByEmail } from '#modules/accounts/index.ts';
import { trainingDb } from './repo.ts';
import { addMonths, expiryOf } from './status.ts';

/*
 * Demo data: four required trainings as a city administration would set them, and records for two staff
 * members relative to the day of seeding, so the coordinator's page always shows someone due: the demo
 * caseworker's data protection training runs out next month (and the reminder goes with the first daily
 * run), their accessible documents training has run out, and the E-Akte training is missing. The demo
 * administrator has data protection current and information security expired. Idempotent: a requirement
 * or record that exists is left as it is.
 */

const demo = ' (Demonstrationswert)';
const provider = 'Studieninstitut für kommunale Verwaltung (Demo)';
export const demoCaseworkerEmail = 'sachbearbeitung@erkelenz.example';
const demoAdminEmail = 'admin@erkelenz.example';

export const demoRequirements = [
  {
    key: 'datenschutz',
    title_de: 'Datenschutz',
    title_en: 'Data protection',
    description_de: `Grundlagen der DSGVO und des Datenschutzgesetzes NRW im Verwaltungsalltag, für alle Beschäftigten alle zwei Jahre.${demo}`,
    description_en: 'The GDPR and the NRW data protection act in daily administrative work, for all staff every two years.',
    roles: [],
    valid_months: 24,
    remind_days: 60,
  },
  {
    key: 'informationssicherheit',
    title_de: 'Informationssicherheit',
    title_en: 'Information security',
    description_de: `Phishing, sichere Passwörter und der Umgang mit Sicherheitsvorfällen, für alle Beschäftigten jedes Jahr.${demo}`,
    description_en: 'Phishing, safe passwords and what to do about a security incident, for all staff every year.',
    roles: [],
    valid_months: 12,
    remind_days: 30,
  },
  {
    key: 'barrierefreie-dokumente',
    title_de: 'Barrierefreie Dokumente',
    title_en: 'Accessible documents',
    description_de: `Barrierefreie PDF- und Office-Dokumente nach BITV NRW, für alle, die Bescheide, Formulare oder Inhalte veröffentlichen.${demo}`,
    description_en: 'Accessible PDF and office documents under BITV NRW, for everyone who publishes decisions, forms or content.',
    roles: ['caseworker', 'editor', 'form-designer', 'data-publisher'],
    valid_months: 36,
    remind_days: 60,
  },
  {
    key: 'e-akte',
    title_de: 'E-Akte',
    title_en: 'Electronic records (E-Akte)',
    description_de: `Akten elektronisch führen: Ablage, Aktenplan, Fristen und Aussonderung, für die Sachbearbeitung und die Schalter.${demo}`,
    description_en: 'Keeping files electronically: filing, file plan, deadlines and disposal, for caseworkers and counter staff.',
    roles: ['caseworker', 'counter-clerk'],
    valid_months: 36,
    remind_days: 60,
  },
];

/** The demo caseworker, made as an administrator makes staff, bound to the Bürgerbüro (or the first office). */
async function demoCaseworker(ctx: KernelContext): Promise<string | undefined> {
  const known = await staffIdByEmail(ctx.db, demoCaseworkerEmail);
  if (known) return known;
  const offices = [...((await ctx.permissions.scopeKind('office')?.options(ctx.db, 'de')) ?? [])].sort((a, b) => a.label.localeCompare(b.label, 'de'));
  const office = offices.find((option) => option.label.includes('Bürgerbüro')) ?? offices[0];
  if (!office) {
    ctx.log.warn('no office for the demo caseworker: the training demo records go to the demo administrator only');
    return undefined;
  }
  // No invitation mail: seeding must not send anything. To sign in as the demo caseworker, ask for a new
  // password at /passwort-vergessen with the address; the mail lands where the demo's mail goes.
  const made = await createStaff(ctx, systemActor('learning.seed'), { email: demoCaseworkerEmail, displayName: 'Sascha Sachbearbeitung (Demo)', roles: ['caseworker'], scopes: { caseworker: office.id } }, 'link');
  return made.ok ? made.userId : undefined;
}

interface DemoRecord {
  requirement: string;
  completedOn: string;
  expiresOn?: string;
  courseTitle: string;
}

/** Seeds the requirements and the demo records; `now` is the day the demo is seeded. */
export async function seedTraining(ctx: KernelContext, now = new Date()): Promise<void> {
  if (ctx.config.NODE_ENV === 'production') return;
  const db = trainingDb(ctx.db);
  await db
    .insertInto('learning_training_requirements')
    .values(demoRequirements.map((requirement) => ({ ...requirement, demo: true })))
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();

  const today = todayInBerlin(now);
  // The 15th of next month: "next month" whatever day of this month the demo is seeded.
  const nextMonth = `${addMonths(today, 1).slice(0, 8)}15`;
  const caseworker = await demoCaseworker(ctx);
  const admin = await staffIdByEmail(ctx.db, demoAdminEmail);
  const plans: [string | undefined, DemoRecord[]][] = [
    [
      caseworker,
      [
        { requirement: 'datenschutz', completedOn: addDays(addMonths(nextMonth, -24), 1), courseTitle: 'Datenschutz im Verwaltungsalltag' },
        { requirement: 'informationssicherheit', completedOn: addMonths(today, -3), courseTitle: 'Phishing erkennen' },
        { requirement: 'barrierefreie-dokumente', completedOn: addMonths(today, -38), courseTitle: 'Barrierefreie PDF-Dokumente' },
      ],
    ],
    [
      admin,
      [
        { requirement: 'datenschutz', completedOn: addMonths(today, -5), courseTitle: 'Datenschutz für Führungskräfte' },
        { requirement: 'informationssicherheit', completedOn: addMonths(today, -14), courseTitle: 'Informationssicherheit kompakt' },
      ],
    ],
  ];
  for (const [userId, records] of plans) {
    if (!userId) continue;
    for (const record of records) {
      const exists = await db.selectFrom('learning_training_records').select('id').where('user_id', '=', userId).where('requirement_key', '=', record.requirement).where('demo', '=', true).executeTakeFirst();
      if (exists) continue;
      const months = demoRequirements.find((requirement) => requirement.key === record.requirement)!.valid_months;
      await db
        .insertInto('learning_training_records')
        .values({
          user_id: userId,
          requirement_key: record.requirement,
          completed_on: record.completedOn,
          expires_on: record.expiresOn ?? expiryOf(record.completedOn, months),
          source: 'external',
          course_title: record.courseTitle,
          provider,
          demo: true,
        })
        .execute();
    }
  }
}
