import { sql } from 'kysely';
import { recordAudit } from '#kernel/audit.ts';
import type { Actor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { formatPhone, type FormErrors, type FormValue } from '#kernel/forms/index.ts';
import { slugOf } from '#kernel/text.ts';
import { learningPermissions } from '#modules/learning/permissions.ts';
import { requirementsInForce } from '#modules/learning/training/index.ts';
import { coursesDb, findCourse, sessionsOfCourse, type CoursesDb } from '../repo.ts';
import type { Course } from '../tables.ts';
import type { courseForm } from './forms.ts';
import { everyCourse, insertCourse, lockCourse, slugTaken, updateCourse, type CourseColumns, type CourseRow } from './repo.ts';

/*
 * The coordinator keeps the courses: what is offered, to whom, at which level, covering which DigComp
 * competences. A course's address is derived from its title unless given, and is unique: two courses under
 * one address would send people to the wrong one. A staff course may name the required training it
 * fulfils; attendance then records that training. Demo courses stay marked as demo whatever is changed.
 */

const { manageCourses } = learningPermissions;

export type CourseInput = FormValue<typeof courseForm>;
export type EditResult = { ok: true; id: string } | { ok: false; reason: 'not-found' } | { ok: false; reason: 'invalid'; errors: FormErrors; conflict?: boolean };

export interface TrainingChoice {
  key: string;
  titleDe: string;
  titleEn: string;
}

/** The required trainings in force, which a staff course can fulfil. */
export async function trainingChoices(ctx: KernelContext): Promise<TrainingChoice[]> {
  return requirementsInForce(ctx.db);
}

export async function coursesForEditing(ctx: KernelContext, actor: Actor, now = new Date()): Promise<CourseRow[]> {
  ctx.permissions.require(actor, manageCourses);
  return everyCourse(coursesDb(ctx.db), now);
}

export async function courseForEditing(ctx: KernelContext, actor: Actor, id: string) {
  ctx.permissions.require(actor, manageCourses);
  const db = coursesDb(ctx.db);
  const course = await findCourse(db, id);
  if (!course) return undefined;
  return { course, sessions: await sessionsOfCourse(db, id) };
}

const isUniqueViolation = (error: unknown) => typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
const slugTakenError = (slug: string) => ({ code: 'learning:courseEditing.errors.slugTaken', values: { slug } });

function columnsOf(input: CourseInput): CourseColumns {
  return {
    slug: input.slug || slugOf(input.title, 80),
    title: input.title,
    summary: input.summary,
    description: input.description,
    audience: input.audience,
    level: input.level,
    target_group: input.targetGroup,
    competences: [...input.competences],
    accessibility: [...input.accessibility],
    language: input.language,
    price_cents: input.price ?? 0,
    provider: input.provider,
    // Kept as people read it aloud on the phone ("02431 850"), the way the notices show it.
    contact_phone: formatPhone(input.contactPhone),
    training_key: input.audience === 'staff' ? input.trainingKey : null,
    published: input.published,
  };
}

/** Problems only the database can tell: a taken address, a training that is not (or no longer) required, an audience people registered under. */
async function problemsOf(ctx: KernelContext, db: CoursesDb, input: CourseInput, columns: CourseColumns, before: Course | undefined): Promise<FormErrors> {
  const errors: FormErrors = {};
  if (!columns.slug) errors.slug = { code: 'learning:courseEditing.errors.slugMissing' };
  else if (await slugTaken(db, columns.slug, before?.id ?? null)) errors[input.slug ? 'slug' : 'title'] = slugTakenError(columns.slug);
  if (input.trainingKey && input.audience !== 'staff') errors.trainingKey = { code: 'learning:courseEditing.errors.trainingForCitizens' };
  else if (input.trainingKey && input.trainingKey !== before?.training_key && !(await trainingChoices(ctx)).some((choice) => choice.key === input.trainingKey)) errors.trainingKey = { code: 'not-a-choice' };
  if (before && before.audience !== input.audience && (await hasActiveRegistrations(db, before.id))) errors.audience = { code: 'learning:courseEditing.errors.audienceLocked' };
  return errors;
}

async function hasActiveRegistrations(db: CoursesDb, courseId: string): Promise<boolean> {
  const row = await db
    .selectFrom('learning_registrations as r')
    .innerJoin('learning_sessions as s', 's.id', 'r.session_id')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('s.course_id', '=', courseId)
    .where('r.status', 'in', ['placed', 'waiting'])
    .executeTakeFirstOrThrow();
  return row.n > 0;
}

/** A colleague saving the same address between the check and the insert is caught by the unique index. */
async function slugRace(slug: string, field: string, write: () => Promise<EditResult>): Promise<EditResult> {
  try {
    return await write();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return { ok: false, reason: 'invalid', errors: { [field]: slugTakenError(slug) } };
  }
}

export async function createCourse(ctx: KernelContext, actor: Actor, input: CourseInput): Promise<EditResult> {
  ctx.permissions.require(actor, manageCourses);
  const columns = columnsOf(input);
  const errors = await problemsOf(ctx, coursesDb(ctx.db), input, columns, undefined);
  if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };
  return slugRace(columns.slug, input.slug ? 'slug' : 'title', () =>
    ctx.db.transaction().execute(async (trx) => {
      const course = await insertCourse(coursesDb(trx), columns);
      await recordAudit(trx, { actor }, { action: 'learning.course-created', subjectType: 'learning.course', subjectId: course.id, meta: { ...columns } });
      return { ok: true, id: course.id } as const;
    }),
  );
}

/** The columns whose value differs, each with what it was and what it is now, for the audit record. */
function changesOf(before: Course, after: CourseColumns): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [name, value] of Object.entries(after)) {
    const was = before[name as keyof Course];
    if (JSON.stringify(was) !== JSON.stringify(value)) changes[name] = { from: was, to: value };
  }
  return changes;
}

export async function changeCourse(ctx: KernelContext, actor: Actor, id: string, input: CourseInput): Promise<EditResult> {
  ctx.permissions.require(actor, manageCourses);
  const before = await findCourse(coursesDb(ctx.db), id);
  if (!before) return { ok: false, reason: 'not-found' };
  const columns = columnsOf(input);
  const errors = await problemsOf(ctx, coursesDb(ctx.db), input, columns, before);
  if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };
  return slugRace(columns.slug, input.slug ? 'slug' : 'title', () =>
    ctx.db.transaction().execute(async (trx) => {
      const db = coursesDb(trx);
      const current = await lockCourse(db, id);
      if (!current) return { ok: false, reason: 'not-found' } as const;
      const changes = changesOf(current, columns);
      if (Object.keys(changes).length === 0) return { ok: true, id } as const;
      await updateCourse(db, id, columns);
      await recordAudit(trx, { actor }, { action: 'learning.course-changed', subjectType: 'learning.course', subjectId: id, meta: { changes } });
      return { ok: true, id } as const;
    }),
  );
}

/** A stored course as its form shows it. */
export function courseValue(course: Course): Partial<CourseInput> {
  return {
    title: course.title,
    slug: course.slug,
    summary: course.summary,
    description: course.description,
    audience: course.audience,
    level: course.level,
    targetGroup: course.target_group,
    competences: course.competences as CourseInput['competences'],
    accessibility: course.accessibility,
    language: course.language === 'en' ? 'en' : 'de',
    price: course.price_cents,
    provider: course.provider,
    contactPhone: course.contact_phone,
    trainingKey: course.training_key,
    published: course.published,
  };
}
