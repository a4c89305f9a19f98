import Type from 'typebox';
import { recordAudit } from '#kernel/audit.ts';
import { actorId, systemActor, type Actor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { defineJob } from '#kernel/jobs.ts';
import { settingsOf } from '#kernel/settings.ts';
import { findCase } from '../repo.cases.ts';
import { applicationsDb } from '../repo.forms.ts';
import { applicationsSettings } from '../settings.ts';
import { exportFormat, type CaseExporter, type DeliveryResult } from './exporter.ts';
import { folderExporter } from './folder.ts';
import { buildCasePackage, type PackageRefusal } from './package.ts';
import { exportDb, insertAttempt } from './repo.ts';

/*
 * Hands a case to the configured specialist system: after submission by a job (retried by the queue while
 * a failure may pass), or again when a caseworker asks. Every attempt is recorded with its outcome and
 * audited, since it passes a person's data on.
 */

/** The adapter the installation configured, or none: without APPLICATION_EXPORT_DIR nothing is exported. */
export function configuredExporter(ctx: KernelContext): CaseExporter | null {
  const dir = settingsOf(ctx, applicationsSettings).APPLICATION_EXPORT_DIR;
  return dir ? folderExporter(dir) : null;
}

export type ExportOutcome =
  | { ok: true; location: string; alreadyDelivered: boolean }
  | { ok: false; reason: 'export-off' | 'not-found' }
  | { ok: false; reason: PackageRefusal['reason'] | 'delivery-failed'; detail: string; retry: boolean };

type Trigger = { kind: 'submitted' } | { kind: 'staff'; actor: Actor };

/** Builds the package, delivers it, and records the attempt and its audit record in one transaction. */
export async function exportCase(ctx: KernelContext, caseId: string, trigger: Trigger, exporter = configuredExporter(ctx)): Promise<ExportOutcome> {
  if (!exporter) return { ok: false, reason: 'export-off' };
  const made = await findCase(applicationsDb(ctx.db), caseId);
  if (!made) return { ok: false, reason: 'not-found' };
  const built = await buildCasePackage(ctx, caseId);
  if (!built.ok && built.reason === 'not-found') return { ok: false, reason: 'not-found' };
  const delivery: DeliveryResult = built.ok ? await exporter.deliver(built.pkg) : { ok: false, reason: built.detail, retry: built.retry };
  const outcome: ExportOutcome = delivery.ok
    ? { ok: true, location: delivery.location, alreadyDelivered: delivery.alreadyDelivered }
    : { ok: false, reason: built.ok ? 'delivery-failed' : built.reason, detail: delivery.reason, retry: delivery.retry };
  const actor = trigger.kind === 'staff' ? trigger.actor : systemActor('applications.export-case');
  await ctx.db.transaction().execute(async (trx) => {
    await insertAttempt(exportDb(trx), {
      caseId,
      adapter: exporter.name,
      formatVersion: exportFormat.version,
      status: outcome.ok ? 'delivered' : 'failed',
      location: delivery.ok ? delivery.location : null,
      receiptId: delivery.ok ? delivery.receiptId : null,
      reason: outcome.ok ? null : outcome.reason,
      error: outcome.ok || !('detail' in outcome) ? null : outcome.detail,
      trigger: trigger.kind,
      actorId: actorId(actor),
    });
    await recordAudit(trx, { actor }, {
      action: 'applications.case-exported',
      subjectType: 'applications.case',
      subjectId: caseId,
      dataSubjectId: made.user_id,
      meta: { reference: made.reference, adapter: exporter.name, status: outcome.ok ? 'delivered' : 'failed', ...(outcome.ok ? { alreadyDelivered: outcome.alreadyDelivered } : { reason: outcome.reason }), trigger: trigger.kind },
    });
  });
  return outcome;
}

export const exportCaseJob = defineJob({
  name: 'applications.export-case',
  payload: Type.Object({ caseId: Type.String({ format: 'uuid' }) }),
  handler: async ({ caseId }, ctx) => {
    const outcome = await exportCase(ctx, caseId, { kind: 'submitted' });
    // Thrown, a failure that may pass is tried again by the queue and, after the last try, listed for
    // administrators; one that will not (answers the schema refuses) stays recorded on the case.
    if (!outcome.ok && 'retry' in outcome && outcome.retry) throw new Error(`Case ${caseId} was not exported (${outcome.reason}): ${outcome.detail}`);
  },
});
