import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '#kernel/auth/actor.ts';
import type { Executor } from '#kernel/db/database.ts';
import { defineWorkflow } from '#kernel/workflow/index.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { caseWorkflow, createCaseTable, insertCase, probeModule, probeStates, stateOf, type ProbeCase } from './probe.tsx';

/*
 * A party's transition: a step the instance's own person takes (an applicant withdrawing their case), who
 * holds no role. No permission is asked; the use case says on the locked instance whether the actor is the
 * party, and anyone else finds nothing. Such steps are never among a page's permitted buttons.
 */

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform({}, [probeModule]);
  await createCaseTable(platform.ctx.db);
});
afterAll(async () => {
  await platform.close();
});

const citizen = (userId: string): Actor => ({ kind: 'citizen', userId, displayName: 'Paula Partei', email: null, language: 'de', simplifiedLanguage: false, sessionHash: 'test' });
const owner = crypto.randomUUID();
/** The probe's cases with one more step: the office of the case stands in for its applicant here. */
const { idOf, stateOf: stateOfCase, scope, subject } = caseWorkflow.definition;
const cases = (db: Executor) => db.withTables<{ probe_cases: ProbeCase }>();
const partyWorkflow = defineWorkflow({
  id: 'probe.party',
  states: probeStates,
  transitions: {
    review: { from: ['open'], to: 'in-review', permission: 'probe.decide', audit: 'probe.case-reviewed' },
    giveUp: { from: ['open', 'in-review'], to: 'withdrawn', party: true, audit: 'probe.case-given-up' },
  },
  idOf,
  stateOf: stateOfCase,
  load: (trx, id) => cases(trx).selectFrom('probe_cases').selectAll().where('id', '=', id).forUpdate().executeTakeFirst(),
  moveTo: async (trx, instance, change) => {
    await cases(trx).updateTable('probe_cases').set({ state: change.to }).where('id', '=', instance.id).execute();
  },
  scope,
  subject,
});
const isOwner = (actor: Actor) => (_trx: unknown, instance: ProbeCase) => actor.kind === 'citizen' && actor.userId === instance.office_id;

describe('a party’s transition', () => {
  it('is taken by the party without any role, with history and audit record naming them', async () => {
    const { ctx } = platform;
    const instance = await insertCase(ctx.db, owner);
    const actor = citizen(owner);
    const result = await partyWorkflow.transition(ctx, actor, { id: instance.id, transition: 'giveUp' }, { party: isOwner(actor) });
    expect(result).toMatchObject({ ok: true, change: { from: 'open', to: 'withdrawn' } });
    expect(await stateOf(ctx.db, instance.id)).toBe('withdrawn');
    const [step] = await partyWorkflow.history(ctx.db, instance.id);
    expect(step).toMatchObject({ transition: 'giveUp', actor_id: owner, actor_label: `citizen:${owner}`, actor_name: 'Paula Partei' });
    const audit = await ctx.db.selectFrom('audit_log').select(['action', 'actor_id']).where('subject_id', '=', instance.id).execute();
    expect(audit).toEqual([{ action: 'probe.case-given-up', actor_id: owner }]);
  });

  it('finds nothing for anyone else, and for a use case that names no party, and moves nothing', async () => {
    const { ctx } = platform;
    const instance = await insertCase(ctx.db, owner);
    const stranger = citizen(crypto.randomUUID());
    expect(await partyWorkflow.transition(ctx, stranger, { id: instance.id, transition: 'giveUp' }, { party: isOwner(stranger) })).toEqual({ ok: false, reason: 'not-found' });
    expect(await partyWorkflow.transition(ctx, citizen(owner), { id: instance.id, transition: 'giveUp' })).toEqual({ ok: false, reason: 'not-found' });
    expect(await stateOf(ctx.db, instance.id)).toBe('open');
    expect(await partyWorkflow.history(ctx.db, instance.id)).toEqual([]);
  });

  it('is refused from a state it does not start from, and is never offered as a permitted button', async () => {
    const { ctx } = platform;
    const instance = await insertCase(ctx.db, owner, 'decided');
    const actor = citizen(owner);
    expect(await partyWorkflow.transition(ctx, actor, { id: instance.id, transition: 'giveUp' }, { party: isOwner(actor) })).toEqual({ ok: false, reason: 'invalid-transition' });
    const open = await insertCase(ctx.db, owner);
    const admin: Actor = { kind: 'staff', roles: [{ role: 'administrator' }], userId: crypto.randomUUID(), displayName: 'Anna', email: null, language: 'de', simplifiedLanguage: false, sessionHash: 'test' };
    expect(partyWorkflow.allowedTransitions(ctx, admin, open)).not.toContain('giveUp');
    expect(partyWorkflow.allowedTransitions(ctx, actor, open)).toEqual([]);
  });
});
