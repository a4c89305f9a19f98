import type { Actor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { applicationsPermissions } from '../permissions.ts';
import { findCase } from '../repo.cases.ts';
import { applicationsDb } from '../repo.forms.ts';
import { mayHandle } from '../service.casework.ts';
import { exportCase, type ExportOutcome } from './service.ts';

/**
 * A caseworker of the case's office hands it over again (after a failure, or to a system that lost it).
 * Another office's case is not found, as everywhere in the back office.
 */
export async function exportForStaff(ctx: KernelContext, actor: Actor, caseId: string): Promise<ExportOutcome> {
  ctx.permissions.require(actor, applicationsPermissions.handleCases, 'anywhere');
  const made = await findCase(applicationsDb(ctx.db), caseId);
  if (!made || !mayHandle(ctx, actor, made.office_id)) return { ok: false, reason: 'not-found' };
  return exportCase(ctx, caseId, { kind: 'staff', actor });
}
