import { recordAudit } from '#kernel/audit.ts';
import type { Actor } from '#kernel/auth/actor.ts';
import { todayInBerlin } from '#kernel/calendar.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { Executor } from '#kernel/db/database.ts';
import type { KernelTables } from '#kernel/db/tables.ts';
import type { FormErrors, FormValue } from '#kernel/forms/index.ts';
import { staffMember } from '#modules/accounts/index.ts';
import { learningPermissions } from '../permissions.ts';
import type { externalForm } from './forms.ts';
import { deleteCourseRecord, deleteRecord, insertCourseRecordOnce, insertRecord, recordById, requirementByKey, trainingDb } from './repo.ts';
import { expiryOf } from './status.ts';

/*
 * Recording completions: from a certificate by the coordinator, and through a staff course when its trainer
 * marks the attendance. A certificate is a personal file of the person it certifies.
 */

const { manageTraining } = learningPermissions;

export const certificateOwner = (recordId: string) => ({ module: 'learning', kind: 'training-certificate', id: recordId });

/** Rolls back the record whose certificate was found infected between the upload and saving. */
class CertificateRefused extends Error {}

export type RecordResult = { ok: true; recordId: string } | { ok: false; reason: 'not-found' } | { ok: false; reason: 'invalid'; errors: FormErrors };

/** Problems of the days given: not in the future, and an expiry after the completion. */
function dayProblems(input: { completedOn: string | null; expiresOn: string | null }, today: string): FormErrors {
  const errors: FormErrors = {};
  if (input.completedOn && input.completedOn > today) errors.completedOn = { code: 'learning:training.errors.completedInFuture' };
  if (input.completedOn && input.expiresOn && input.expiresOn <= input.completedOn) errors.expiresOn = { code: 'learning:training.errors.expiresBeforeCompleted' };
  return errors;
}

/**
 * Records a completion from a certificate for a staff member, with the certificate file when one was
 * uploaded; the expiry is the certificate's when given, otherwise the requirement's months from the
 * completion. The record, the file's reference and the audit record are written together.
 */
export async function recordExternal(ctx: KernelContext, actor: Actor, userId: string, input: FormValue<typeof externalForm>, now = new Date()): Promise<RecordResult> {
  ctx.permissions.require(actor, manageTraining);
  if (!(await staffMember(ctx.db, userId))) return { ok: false, reason: 'not-found' };
  const requirement = input.requirement ? await requirementByKey(trainingDb(ctx.db), input.requirement) : undefined;
  const errors = dayProblems(input, todayInBerlin(now));
  if (!requirement) errors.requirement = { code: 'learning:training.errors.requirement' };
  if (Object.keys(errors).length > 0 || !requirement || !input.completedOn) return { ok: false, reason: 'invalid', errors };
  const completedOn = input.completedOn;
  const expiresOn = input.expiresOn ?? expiryOf(completedOn, requirement.validMonths);
  const recorded = await ctx.db.transaction().execute(async (trx) => {
    const record = await insertRecord(trainingDb(trx), {
      user_id: userId,
      requirement_key: requirement.key,
      completed_on: completedOn,
      expires_on: expiresOn,
      source: 'external',
      course_title: input.courseTitle,
      provider: input.provider,
      certificate_file_id: input.certificate?.file.id ?? null,
      certificate_filename: input.certificate?.filename || (input.certificate ? 'bescheinigung.pdf' : null),
      recorded_by: actor.kind === 'staff' ? actor.userId : null,
    });
    if (input.certificate) {
      const ref = await ctx.files.addRef(trx, { fileId: input.certificate.file.id, owner: certificateOwner(record.id), personal: true, dataSubjectId: userId });
      // Found infected between the upload and now: nothing is recorded, and the form says why.
      if (!ref.ok) throw new CertificateRefused();
    }
    await recordAudit(trx, { actor }, { action: 'learning.training-recorded', subjectType: 'learning.training-record', subjectId: record.id, dataSubjectId: userId, meta: { requirement: requirement.key, completedOn, expiresOn, certificate: Boolean(input.certificate) } });
    return record;
  }).catch((error: unknown) => {
    if (error instanceof CertificateRefused) return undefined;
    throw error;
  });
  if (!recorded) return { ok: false, reason: 'invalid', errors: { certificate: { code: 'file-infected' } } };
  return { ok: true, recordId: recorded.id };
}


export interface CourseCompletion {
  userId: string;
  /** The requirement's key, as the course names it in `training_key`. */
  trainingKey: string;
  completedOn: string;
  courseTitle: string;
  provider: string;
  /** The trainer (or coordinator) who marked the attendance. */
  recordedBy: string | null;
}

export type CourseCompletionResult = { ok: true; recordId: string; expiresOn: string; created: boolean } | { ok: false; reason: 'unknown-training' };

/**
 * Records that a staff member completed a required training through a staff course, in the caller's
 * transaction (the one that marks the attendance, with its own audit record). Valid for the requirement's
 * months from the day of the course. Marking the same attendance again records nothing new.
 */
export async function recordCourseCompletion(trx: Executor<KernelTables>, input: CourseCompletion): Promise<CourseCompletionResult> {
  const db = trainingDb(trx);
  const requirement = await requirementByKey(db, input.trainingKey);
  if (!requirement) return { ok: false, reason: 'unknown-training' };
  const expiresOn = expiryOf(input.completedOn, requirement.validMonths);
  const values = { user_id: input.userId, requirement_key: requirement.key, completed_on: input.completedOn, expires_on: expiresOn, course_title: input.courseTitle, provider: input.provider, recorded_by: input.recordedBy };
  const inserted = await insertCourseRecordOnce(db, values);
  if (inserted) return { ok: true, recordId: inserted.id, expiresOn, created: true };
  const existing = await db
    .selectFrom('learning_training_records')
    .select('id')
    .where('user_id', '=', input.userId)
    .where('requirement_key', '=', requirement.key)
    .where('completed_on', '=', input.completedOn)
    .where('source', '=', 'course')
    .executeTakeFirstOrThrow();
  return { ok: true, recordId: existing.id, expiresOn, created: false };
}

/**
 * Takes back the completion a staff course recorded, when its attendance list is corrected and the person
 * is no longer marked present; in the caller's transaction, audited as a removal. Nothing when there is none.
 */
export async function withdrawCourseCompletion(trx: Executor<KernelTables>, actor: Actor, input: Pick<CourseCompletion, 'userId' | 'trainingKey' | 'completedOn' | 'courseTitle'>): Promise<boolean> {
  const removed = await deleteCourseRecord(trainingDb(trx), { user_id: input.userId, requirement_key: input.trainingKey, completed_on: input.completedOn });
  if (!removed) return false;
  const meta = { requirement: input.trainingKey, completedOn: input.completedOn, expiresOn: removed.expires_on, source: 'course', courseTitle: input.courseTitle, reason: 'attendance-corrected' };
  await recordAudit(trx, { actor }, { action: 'learning.training-record-removed', subjectType: 'learning.training-record', subjectId: removed.id, dataSubjectId: input.userId, meta });
  return true;
}

/**
 * The certificate of a record, for the coordinator or for the person it certifies; undefined for anyone
 * else and for a record without one, which look alike.
 */
export async function certificateFor(ctx: KernelContext, actor: Actor, recordId: string): Promise<{ fileId: string; filename: string; userId: string } | undefined> {
  const record = await recordById(trainingDb(ctx.db), recordId);
  if (!record?.certificateFileId || !record.certificateFilename) return undefined;
  const own = actor.kind === 'staff' && actor.userId === record.userId;
  if (!own && !ctx.permissions.can(actor, manageTraining)) return undefined;
  return { fileId: record.certificateFileId, filename: record.certificateFilename, userId: record.userId };
}

/**
 * Removes a record entered by mistake (a wrong day, the wrong person), with its certificate; the audit
 * record keeps what it said, so the removal can be understood later.
 */
export async function removeRecord(ctx: KernelContext, actor: Actor, recordId: string): Promise<{ ok: true; userId: string } | { ok: false; reason: 'not-found' }> {
  ctx.permissions.require(actor, manageTraining);
  const removed = await ctx.db.transaction().execute(async (trx) => {
    const record = await deleteRecord(trainingDb(trx), recordId);
    if (!record) return undefined;
    if (record.certificate_file_id) await ctx.files.removeRefs(trx, certificateOwner(record.id));
    const { user_id: userId, requirement_key: requirement, completed_on: completedOn, expires_on: expiresOn, source, course_title: courseTitle } = record;
    await recordAudit(trx, { actor }, { action: 'learning.training-record-removed', subjectType: 'learning.training-record', subjectId: record.id, dataSubjectId: userId, meta: { requirement, completedOn, expiresOn, source, courseTitle } });
    return record;
  });
  return removed ? { ok: true, userId: removed.user_id } : { ok: false, reason: 'not-found' };
}
