import { sql } from 'kysely';
import Type from 'typebox';
import type { KernelContext } from '#kernel/context.ts';
import type { Executor } from '#kernel/db/database.ts';
import { defineEvent } from '#kernel/events/define.ts';
import { PostForm, SubmitButton } from '#kernel/html/components.tsx';
import { HttpProblem } from '#kernel/http/problem.ts';
import { defineModule, type App } from '#kernel/module.ts';
import { defineWorkflow, emit } from '#kernel/workflow/index.ts';

/*
 * A module for tests of workflows: cases of an office that a clerk of that office reviews and decides, and
 * that only the administration withdraws (with a reason) or reopens. The cases live in `probe_cases`, a
 * table of the module's own, as a real module's instances do.
 */

type ProbeTables = { probe_cases: { id: string; office_id: string; state: string } };
export type ProbeCase = ProbeTables['probe_cases'];
export const probeStates = ['open', 'in-review', 'decided', 'withdrawn'] as const;
type ProbeState = (typeof probeStates)[number];

export const caseDecided = defineEvent({ name: 'probe.case-decided', version: 1, payload: Type.Object({ caseId: Type.String(), officeId: Type.String() }) });

const cases = (db: Executor) => db.withTables<ProbeTables>();

export const caseWorkflow = defineWorkflow({
  id: 'probe.case',
  states: probeStates,
  transitions: {
    review: { from: ['open'], to: 'in-review', permission: 'probe.decide', audit: 'probe.case-reviewed' },
    decide: {
      from: ['in-review'],
      to: 'decided',
      permission: 'probe.decide',
      audit: 'probe.case-decided',
      note: 'optional',
      events: (instance) => [emit(caseDecided, { caseId: instance.id, officeId: instance.office_id })],
    },
    withdraw: { from: ['open', 'in-review'], to: 'withdrawn', permission: 'probe.withdraw', audit: 'probe.case-withdrawn', note: 'required' },
    reopen: { from: ['decided', 'withdrawn'], to: 'open', permission: 'probe.withdraw', audit: 'probe.case-reopened' },
  },
  idOf: (instance: ProbeCase) => instance.id,
  stateOf: (instance) => instance.state as ProbeState,
  load: (trx, id) => cases(trx).selectFrom('probe_cases').selectAll().where('id', '=', id).forUpdate().executeTakeFirst(),
  // Compare and set as well as the lock: a row that moved on since it was read is not overwritten.
  moveTo: async (trx, instance, change) => {
    const moved = await cases(trx).updateTable('probe_cases').set({ state: change.to }).where('id', '=', instance.id).where('state', '=', change.from).executeTakeFirst();
    return Number(moved.numUpdatedRows) === 1;
  },
  scope: (instance) => ({ kind: 'office', id: instance.office_id }),
  subject: () => ({ subjectType: 'probe.case' }),
});

async function probeRoutes(app: App, ctx: KernelContext) {
  app.get<{ Params: { id: string } }>('/probe/:id', async (request, reply) => {
    const instance = await cases(ctx.db).selectFrom('probe_cases').selectAll().where('id', '=', request.params.id).executeTakeFirst();
    if (!instance) return reply.callNotFound();
    return reply.html(
      { title: 'Vorgang' },
      <div>
        {caseWorkflow.allowedTransitions(ctx, request.actor, instance).map((name) => (
          <PostForm page={request.page} action={`/probe/${instance.id}/${name}`} key={name}>
            <SubmitButton label={name} />
          </PostForm>
        ))}
      </div>,
    );
  });
  app.post<{ Params: { id: string; transition: 'review' | 'decide' } }>('/probe/:id/:transition', async (request, reply) => {
    const result = await caseWorkflow.transition(ctx, request.actor, { id: request.params.id, transition: request.params.transition });
    if (result.ok) return reply.redirect(`/probe/${request.params.id}`, 303);
    if (result.reason === 'not-found') return reply.callNotFound();
    throw new HttpProblem(409, 'probe.invalid');
  });
}

export const probeModule = defineModule({
  id: 'probe',
  roles: [{ id: 'probe-clerk', label: 'probe.clerk', description: 'probe.clerk', scope: 'office' }],
  permissions: { 'probe.decide': ['probe-clerk'], 'probe.withdraw': ['administrator'] },
  events: [caseDecided],
  routes: probeRoutes,
});

export async function createCaseTable(db: Executor): Promise<void> {
  await sql`create table if not exists probe_cases (id uuid primary key, office_id text not null, state text not null)`.execute(db);
}

export async function insertCase(db: Executor, officeId: string, state: ProbeState = 'open'): Promise<ProbeCase> {
  return cases(db).insertInto('probe_cases').values({ id: crypto.randomUUID(), office_id: officeId, state }).returningAll().executeTakeFirstOrThrow();
}

export async function stateOf(db: Executor, id: string): Promise<string | undefined> {
  return (await cases(db).selectFrom('probe_cases').select('state').where('id', '=', id).executeTakeFirst())?.state;
}
