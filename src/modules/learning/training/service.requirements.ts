import { recordAudit } from '#kernel/audit.ts';
import type { Actor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { Executor } from '#kernel/db/database.ts';
import type { KernelTables } from '#kernel/db/tables.ts';
import type { FormErrors, FormValue } from '#kernel/forms/index.ts';
import { learningPermissions } from '../permissions.ts';
import type { newRequirementForm, requirementForm } from './forms.ts';
import { activeRequirements, allRequirements, anyRequirement, insertRequirementOnce, trainingDb, updateRequirement, type Requirement } from './repo.ts';

/*
 * The coordinator keeps the required trainings: who needs them (by role), how long a completion counts and
 * when to remind. A changed duration applies to completions recorded from then on; those recorded keep the
 * expiry they were given, as a certificate does. A training no longer required is switched off rather than
 * deleted: its records stay with the people they certify.
 */

const { manageTraining } = learningPermissions;

export type RequirementResult = { ok: true; key: string } | { ok: false; reason: 'not-found' } | { ok: false; reason: 'invalid'; errors: FormErrors };

export async function requirementsForCoordinator(ctx: KernelContext, actor: Actor): Promise<Requirement[]> {
  ctx.permissions.require(actor, manageTraining);
  return allRequirements(trainingDb(ctx.db));
}

export async function requirementForCoordinator(ctx: KernelContext, actor: Actor, key: string): Promise<Requirement | undefined> {
  ctx.permissions.require(actor, manageTraining);
  return anyRequirement(trainingDb(ctx.db), key);
}

/** Roles nobody declares, and a reminder window as long as the validity (the training would always be due). */
function problemsOf(ctx: KernelContext, input: FormValue<typeof requirementForm>): FormErrors {
  const errors: FormErrors = {};
  if (input.roles.some((role) => !ctx.permissions.role(role))) errors.roles = { code: 'not-a-choice' };
  if (input.validMonths !== null && input.remindDays !== null && input.remindDays >= input.validMonths * 28) errors.remindDays = { code: 'learning:training.errors.remindTooLong' };
  return errors;
}

const columnsOf = (input: FormValue<typeof requirementForm>) => ({
  title_de: input.titleDe,
  title_en: input.titleEn,
  description_de: input.descriptionDe,
  description_en: input.descriptionEn,
  roles: input.roles,
  valid_months: input.validMonths ?? 1,
  remind_days: input.remindDays ?? 1,
  active: input.active,
});

export async function createRequirement(ctx: KernelContext, actor: Actor, input: FormValue<typeof newRequirementForm>): Promise<RequirementResult> {
  ctx.permissions.require(actor, manageTraining);
  const errors = problemsOf(ctx, input);
  if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };
  const created = await ctx.db.transaction().execute(async (trx) => {
    if (!(await insertRequirementOnce(trainingDb(trx), { key: input.key, ...columnsOf(input) }))) return false;
    await recordAudit(trx, { actor }, { action: 'learning.training-requirement-created', subjectType: 'learning.training-requirement', subjectId: input.key, meta: columnsOf(input) });
    return true;
  });
  return created ? { ok: true, key: input.key } : { ok: false, reason: 'invalid', errors: { key: { code: 'learning:training.errors.keyTaken' } } };
}

export async function changeRequirement(ctx: KernelContext, actor: Actor, key: string, input: FormValue<typeof requirementForm>): Promise<RequirementResult> {
  ctx.permissions.require(actor, manageTraining);
  const before = await anyRequirement(trainingDb(ctx.db), key);
  if (!before) return { ok: false, reason: 'not-found' };
  const errors = problemsOf(ctx, input);
  if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };
  await ctx.db.transaction().execute(async (trx) => {
    await updateRequirement(trainingDb(trx), key, columnsOf(input));
    await recordAudit(trx, { actor }, { action: 'learning.training-requirement-changed', subjectType: 'learning.training-requirement', subjectId: key, meta: { before, after: columnsOf(input) } });
  });
  return { ok: true, key };
}

/** The required trainings in force, key and titles, for a staff course to name the one it fulfils. */
export async function requirementsInForce(db: Executor<KernelTables>): Promise<Pick<Requirement, 'key' | 'titleDe' | 'titleEn'>[]> {
  return (await activeRequirements(trainingDb(db))).map(({ key, titleDe, titleEn }) => ({ key, titleDe, titleEn }));
}
