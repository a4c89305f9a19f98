import { sql } from 'kysely';
import type { KernelContext } from '#kernel/context.ts';
import { insertRecord, insertRequirement, trainingDb } from '../repo.ts';
import type { TrainingSource } from '../tables.ts';

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter += 1)}`;

/** A required training with a unique key; every staff member by default, 24 months, reminded 60 days before. */
export async function buildRequirement(ctx: KernelContext, overrides: { key?: string; title?: string; roles?: string[]; validMonths?: number; remindDays?: number } = {}) {
  const key = overrides.key ?? `pflicht-${unique()}`;
  const title = overrides.title ?? `Pflichtfortbildung ${key}`;
  await insertRequirement(trainingDb(ctx.db), {
    key,
    title_de: title,
    title_en: `Training ${key}`,
    roles: overrides.roles ?? [],
    valid_months: overrides.validMonths ?? 24,
    remind_days: overrides.remindDays ?? 60,
  });
  return { key, title };
}

/** A completion record as the coordinator enters it from a certificate, unless told otherwise. */
export async function buildRecord(ctx: KernelContext, input: { userId: string; requirementKey: string; completedOn: string; expiresOn: string; source?: TrainingSource; courseTitle?: string }) {
  return insertRecord(trainingDb(ctx.db), {
    user_id: input.userId,
    requirement_key: input.requirementKey,
    completed_on: input.completedOn,
    expires_on: input.expiresOn,
    source: input.source ?? 'external',
    course_title: input.courseTitle ?? 'Grundkurs',
    provider: 'Studieninstitut',
  });
}

/**
 * A published staff course fulfilling a requirement, with one open session starting `startsAt`. Written with
 * the columns every course needs; the contact phone where the courses' table asks for one.
 */
export async function buildStaffCourse(ctx: KernelContext, trainingKey: string, startsAt: Date, overrides: { published?: boolean; status?: string } = {}) {
  const slug = `kurs-${unique()}`;
  const columns = await sql<{ column_name: string }>`select column_name from information_schema.columns where table_name = 'learning_courses'`.execute(ctx.db);
  const phone = columns.rows.some((row) => row.column_name === 'contact_phone') ? { contact_phone: '+492431850' } : {};
  const course = await sql<{ id: string }>`insert into learning_courses ${sql.raw('(slug, title, summary, audience, level, target_group, provider, training_key, published' + (phone.contact_phone ? ', contact_phone' : '') + ')')}
    values (${slug}, ${`Kurs ${slug}`}, 'Für Beschäftigte.', 'staff', 'foundation', 'Beschäftigte', 'Studieninstitut', ${trainingKey}, ${overrides.published ?? true}${phone.contact_phone ? sql`, ${phone.contact_phone}` : sql``})
    returning id`.execute(ctx.db);
  const ends = new Date(startsAt.getTime() + 3 * 3_600_000);
  await sql`insert into learning_sessions (course_id, place, capacity, decide_by, starts_at, ends_at, status)
    values (${course.rows[0]!.id}, 'Rathaus, Raum 101', 12, ${startsAt}, ${startsAt}, ${ends}, ${overrides.status ?? 'open'})`.execute(ctx.db);
  return { slug, title: `Kurs ${slug}` };
}
