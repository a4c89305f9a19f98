import type { Actor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { caseWithForm } from './repo.casework.ts';
import { applicationsDb } from './repo.forms.ts';
import { reachOf, serviceTitle, tellApplicant, type Told } from './service.casework.notify.ts';
import { isApplicant, type CaseKey } from './service.follow.ts';
import { caseWorkflow, withdrawable } from './workflow.case.ts';

/*
 * The applicant takes their application back before it is decided. The case is `withdrawn`: it leaves the
 * office's open queue (the filter "zurückgezogen" still finds it), its clock stops, and its retention
 * period starts as for a closed case. The applicant is told by their channel, so a withdrawal they did
 * not make does not go unnoticed.
 */

export type WithdrawResult = { ok: true; told: Told } | { ok: false; reason: 'not-found' | 'decided' };

/** Whether a case in this state can still be withdrawn: not once it is decided, closed or withdrawn. */
export const mayWithdraw = (status: string) => (withdrawable as readonly string[]).includes(status);

export async function withdrawCase(ctx: KernelContext, actor: Actor, key: CaseKey): Promise<WithdrawResult> {
  const found = await caseWithForm(applicationsDb(ctx.db), key.caseId);
  if (!found || !isApplicant(actor, found, key.secretOf)) return { ok: false, reason: 'not-found' };
  let told: Told | null = null;
  const result = await caseWorkflow.transition(
    ctx,
    actor,
    { id: found.id, transition: 'withdraw' },
    {
      party: (_trx, made) => isApplicant(actor, made, key.secretOf),
      apply: async (trx, made) => {
        told = await tellApplicant(ctx, trx, made, await reachOf(trx, made), {
          purpose: 'case-withdrawn',
          cause: `applications:withdraw:${made.id}`,
          values: (language) => ({ service: serviceTitle(found.definition, language), caseReference: made.reference }),
        });
        return { told: told.told ? told.channels : told.reason };
      },
    },
  );
  if (result.ok) return { ok: true, told: told! };
  if (result.reason === 'invalid-transition') return { ok: false, reason: 'decided' };
  return { ok: false, reason: 'not-found' };
}
