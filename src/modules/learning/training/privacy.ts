import { buffer } from 'node:stream/consumers';
import { addDays, todayInBerlin } from '#kernel/calendar.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { Executor } from '#kernel/db/database.ts';
import type { PersonalDataSource, RetentionRule } from '#kernel/module.ts';
import { accountNames } from '#modules/accounts/index.ts';
import { anyRequirement, deleteExpiredBefore, deleteRecordsOf, recordsOf, trainingDb } from './repo.ts';
import { certificateOwner } from './service.record.ts';

/*
 * A training record is kept three years after the day it stopped counting, then removed with its
 * certificate. The city must be able to show for a past period that the staff who handled personal data
 * were trained (GDPR Art. 5(2) and 32(4)); three years is the regular limitation period (§ 195 BGB) for
 * claims about that period, and longer than any requirement's renewal, so the dashboard never loses the
 * record a current status rests on. A record leaves earlier with the staff account (foreign key; the
 * erase below lets go of its certificate first).
 */

export const keptYearsAfterExpiry = 3;

/** The cutoff: records whose last valid day lies before it have passed their time. */
export const retentionCutoff = (now: Date) => addDays(todayInBerlin(now), -Math.round(keptYearsAfterExpiry * 365.25));

async function forgetCertificates(ctx: KernelContext | undefined, db: Executor, gone: readonly { id: string; certificate_file_id: string | null }[]): Promise<void> {
  for (const record of gone) {
    if (!record.certificate_file_id) continue;
    if (!ctx) throw new Error('learning.training-records needs the kernel context to let go of a certificate');
    await ctx.files.removeRefs(db, certificateOwner(record.id));
  }
}

export const trainingRetention: RetentionRule[] = [
  {
    id: 'learning.training-records',
    description: 'learning:training.retention',
    descriptionValues: () => ({ years: keptYearsAfterExpiry }),
    table: 'learning_training_records',
    columns: ['user_id', 'completed_on', 'expires_on', 'course_title', 'provider', 'certificate_file_id', 'certificate_filename', 'recorded_by'],
    purge: async (db, now, _config, ctx) => {
      const gone = await deleteExpiredBefore(trainingDb(db), retentionCutoff(now));
      await forgetCertificates(ctx, db, gone);
      return gone.length;
    },
  },
];

/** The person's training records with the requirement's name, who recorded each, and each certificate's content. */
export const trainingPersonalData: PersonalDataSource = {
  export: async (db, userId, ctx) => {
    const training = trainingDb(db);
    const records = await recordsOf(training, userId);
    if (records.length === 0) return {};
    const names = await accountNames(db, records.flatMap((record) => (record.recordedBy ? [record.recordedBy] : [])));
    const exported = [];
    // One after another: a person with many certificates must not open as many files at once.
    for (const record of records) {
      const requirement = await anyRequirement(training, record.requirementKey);
      const opened = record.certificateFileId ? await ctx.files.open(record.certificateFileId) : undefined;
      exported.push({
        requirement: record.requirementKey,
        requirement_title: requirement?.titleDe ?? record.requirementKey,
        completed_on: record.completedOn,
        expires_on: record.expiresOn,
        source: record.source,
        course_title: record.courseTitle,
        provider: record.provider,
        certificate: record.certificateFilename
          ? { filename: record.certificateFilename, media_type: 'application/pdf', content_base64: opened?.ok ? (await buffer(opened.content)).toString('base64') : null }
          : null,
        recorded_by: record.recordedBy,
        recorded_by_name: record.recordedBy ? (names.get(record.recordedBy) ?? null) : null,
        recorded_at: record.recordedAt,
        reminded_at: record.remindedAt,
      });
    }
    return { training_records: exported };
  },
  erase: async (db, userId, ctx) => {
    const gone = await deleteRecordsOf(trainingDb(db), userId);
    await forgetCertificates(ctx, db, gone);
  },
};
