import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, RoleGrant } from '#kernel/auth/actor.ts';
import { AccessDenied } from '#kernel/auth/permissions.ts';
import { defineWorkflow } from '#kernel/workflow/index.ts';
import { buildStaff, signInStaff } from '#modules/accounts/test/builders.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { caseWorkflow, createCaseTable, insertCase, probeModule, stateOf } from './probe.tsx';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform({}, [probeModule]);
  await createCaseTable(platform.ctx.db);
});
afterAll(async () => {
  await platform.close();
});

const officeA = crypto.randomUUID();
const officeB = crypto.randomUUID();

function staff(roles: RoleGrant[], displayName = 'Petra Prüferin'): Actor {
  return { kind: 'staff', roles, userId: crypto.randomUUID(), displayName, email: null, language: 'de', simplifiedLanguage: false, sessionHash: 'test' };
}
const clerkOfA = staff([{ role: 'probe-clerk', scopeKind: 'office', scopeId: officeA }], 'Clara Sachbearbeiterin');
const clerkOfB = staff([{ role: 'probe-clerk', scopeKind: 'office', scopeId: officeB }]);
const admin = staff([{ role: 'administrator' }], 'Anna Administratorin');
const editor = staff([{ role: 'editor' }]);

async function historyOf(id: string) {
  return caseWorkflow.history(platform.ctx.db, id);
}

async function auditOf(id: string) {
  return platform.ctx.db.selectFrom('audit_log').select(['action', 'actor_id', 'reason', 'meta']).where('subject_type', '=', 'probe.case').where('subject_id', '=', id).orderBy('id').execute();
}

async function eventsAbout(id: string) {
  const { rows } = await sql<{ payload: { caseId: string } }>`select payload from events where name = 'probe.case-decided' and payload->>'caseId' = ${id}`.execute(platform.ctx.db);
  return rows;
}

describe('workflows', () => {
  it('moves the row, writes who, when, from, to and why to the history, the audit log, and publishes the declared events', async () => {
    const { ctx } = platform;
    const instance = await insertCase(ctx.db, officeA);
    expect(await caseWorkflow.transition(ctx, clerkOfA, { id: instance.id, transition: 'review' })).toMatchObject({ ok: true, change: { from: 'open', to: 'in-review' } });
    const before = Date.now();
    const decided = await caseWorkflow.transition(ctx, clerkOfA, { id: instance.id, transition: 'decide', note: '  Antrag vollständig  ' });
    expect(decided).toMatchObject({ ok: true, change: { transition: 'decide', from: 'in-review', to: 'decided', note: 'Antrag vollständig' } });

    expect(await stateOf(ctx.db, instance.id)).toBe('decided');
    const history = await historyOf(instance.id);
    expect(history.map((row) => [row.transition, row.from_state, row.to_state])).toEqual([
      ['decide', 'in-review', 'decided'],
      ['review', 'open', 'in-review'],
    ]);
    expect(history[0]).toMatchObject({ workflow: 'probe.case', instance_id: instance.id, actor_name: 'Clara Sachbearbeiterin', note: 'Antrag vollständig' });
    expect(history[0]!.actor_id).toBe(clerkOfA.kind === 'staff' ? clerkOfA.userId : null);
    expect(history[0]!.at.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(await auditOf(instance.id)).toEqual([
      expect.objectContaining({ action: 'probe.case-reviewed', reason: null, meta: { from: 'open', to: 'in-review' } }),
      expect.objectContaining({ action: 'probe.case-decided', reason: 'Antrag vollständig', meta: { from: 'in-review', to: 'decided' } }),
    ]);
    expect(await eventsAbout(instance.id)).toEqual([{ payload: { caseId: instance.id, officeId: officeA } }]);
  });

  it('refuses a transition the current state does not allow, and writes nothing', async () => {
    const { ctx } = platform;
    const instance = await insertCase(ctx.db, officeA);
    expect(await caseWorkflow.transition(ctx, clerkOfA, { id: instance.id, transition: 'decide' })).toEqual({ ok: false, reason: 'invalid-transition' });
    expect(await caseWorkflow.transition(ctx, admin, { id: instance.id, transition: 'reopen' })).toEqual({ ok: false, reason: 'invalid-transition' });
    expect(await stateOf(ctx.db, instance.id)).toBe('open');
    expect(await historyOf(instance.id)).toEqual([]);
    expect(await auditOf(instance.id)).toEqual([]);
    expect(await eventsAbout(instance.id)).toEqual([]);
  });

  it('answers not-found for an instance that does not exist', async () => {
    expect(await caseWorkflow.transition(platform.ctx, clerkOfA, { id: crypto.randomUUID(), transition: 'review' })).toEqual({ ok: false, reason: 'not-found' });
  });

  it('raises the access refusal for a person without the permission, also for a clerk of another office, and moves nothing', async () => {
    const { ctx } = platform;
    const instance = await insertCase(ctx.db, officeA);
    await expect(caseWorkflow.transition(ctx, clerkOfB, { id: instance.id, transition: 'review' })).rejects.toBeInstanceOf(AccessDenied);
    await expect(caseWorkflow.transition(ctx, editor, { id: instance.id, transition: 'review' })).rejects.toBeInstanceOf(AccessDenied);
    await expect(caseWorkflow.transition(ctx, { kind: 'anonymous' }, { id: instance.id, transition: 'review' })).rejects.toBeInstanceOf(AccessDenied);
    // The administration may withdraw but not review: the permission is the transition's, not the workflow's.
    await expect(caseWorkflow.transition(ctx, admin, { id: instance.id, transition: 'review' })).rejects.toBeInstanceOf(AccessDenied);
    await expect(caseWorkflow.transition(ctx, clerkOfA, { id: instance.id, transition: 'withdraw', note: 'doppelt' })).rejects.toBeInstanceOf(AccessDenied);
    expect(await stateOf(ctx.db, instance.id)).toBe('open');
    expect(await historyOf(instance.id)).toEqual([]);
    expect(await auditOf(instance.id)).toEqual([]);
  });

  it('asks for the note a transition requires', async () => {
    const { ctx } = platform;
    const instance = await insertCase(ctx.db, officeA);
    expect(await caseWorkflow.transition(ctx, admin, { id: instance.id, transition: 'withdraw', note: '   ' })).toEqual({ ok: false, reason: 'note-required' });
    expect(await stateOf(ctx.db, instance.id)).toBe('open');
    expect(await caseWorkflow.transition(ctx, admin, { id: instance.id, transition: 'withdraw', note: 'Doppelt eingereicht' })).toMatchObject({ ok: true });
    expect((await historyOf(instance.id))[0]).toMatchObject({ transition: 'withdraw', note: 'Doppelt eingereicht', actor_name: 'Anna Administratorin' });
  });

  it('tells a page the transitions a person may take now, by state, permission and office', async () => {
    const { ctx } = platform;
    const open = await insertCase(ctx.db, officeA);
    const decided = await insertCase(ctx.db, officeA, 'decided');
    expect(caseWorkflow.allowedTransitions(ctx, clerkOfA, open)).toEqual(['review']);
    expect(caseWorkflow.allowedTransitions(ctx, clerkOfB, open)).toEqual([]);
    expect(caseWorkflow.allowedTransitions(ctx, admin, open)).toEqual(['withdraw']);
    expect(caseWorkflow.allowedTransitions(ctx, clerkOfA, decided)).toEqual([]);
    expect(caseWorkflow.allowedTransitions(ctx, admin, decided)).toEqual(['reopen']);
    expect(caseWorkflow.allowedTransitions(ctx, { kind: 'anonymous' }, open)).toEqual([]);
  });

  it('leaves no history, audit record or event when the transaction rolls back after the move', async () => {
    const { ctx } = platform;
    const instance = await insertCase(ctx.db, officeA, 'in-review');
    await expect(
      caseWorkflow.transition(ctx, clerkOfA, { id: instance.id, transition: 'decide' }, {
        apply: async () => {
          throw new Error('the index could not be written');
        },
      }),
    ).rejects.toThrow('the index could not be written');
    expect(await stateOf(ctx.db, instance.id)).toBe('in-review');
    expect(await historyOf(instance.id)).toEqual([]);
    expect(await auditOf(instance.id)).toEqual([]);
    expect(await eventsAbout(instance.id)).toEqual([]);
  });

  it('returns the use case’s own refusal and rolls back what its check wrote', async () => {
    const { ctx } = platform;
    const instance = await insertCase(ctx.db, officeA, 'in-review');
    const result = await caseWorkflow.transition<{ ok: false; reason: 'documents-missing' }>(ctx, clerkOfA, { id: instance.id, transition: 'decide' }, {
      check: async (trx) => {
        await trx.withTables<{ probe_cases: { id: string; state: string } }>().updateTable('probe_cases').set({ state: 'scribbled' }).where('id', '=', instance.id).execute();
        return { ok: false, reason: 'documents-missing' };
      },
    });
    expect(result).toEqual({ ok: false, reason: 'documents-missing' });
    expect(await stateOf(ctx.db, instance.id)).toBe('in-review');
    expect(await historyOf(instance.id)).toEqual([]);
  });

  it('lets one of several concurrent transitions of one instance succeed, and the others find it moved on', async () => {
    const { ctx } = platform;
    // Deciding and withdrawing each end the review, so after any one of them none of the others may follow.
    const instance = await insertCase(ctx.db, officeA, 'in-review');
    // On PostgreSQL, open connections first, so that the steps really run side by side.
    await Promise.all([1, 2, 3, 4].map(() => sql`select pg_sleep(0.05)`.execute(ctx.db)));
    const results = await Promise.all([clerkOfA, clerkOfA, admin, clerkOfA].map((actor) => caseWorkflow.transition(ctx, actor, { id: instance.id, transition: actor === admin ? 'withdraw' : 'decide', note: 'gleichzeitig' })));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toEqual([{ ok: false, reason: 'invalid-transition' }, { ok: false, reason: 'invalid-transition' }, { ok: false, reason: 'invalid-transition' }]);
    const history = await historyOf(instance.id);
    expect(history).toHaveLength(1);
    expect(await stateOf(ctx.db, instance.id)).toBe(history[0]!.to_state);
  });

  it('refuses a move whose compare-and-set finds the row moved on since it was read', async () => {
    const { ctx } = platform;
    const instance = await insertCase(ctx.db, officeA);
    // Another writer that got there between the read and the write (one that does not take the lock).
    const result = await caseWorkflow.transition(ctx, clerkOfA, { id: instance.id, transition: 'review' }, {
      check: async (trx) => {
        await trx.withTables<{ probe_cases: { id: string; state: string } }>().updateTable('probe_cases').set({ state: 'withdrawn' }).where('id', '=', instance.id).execute();
        return undefined;
      },
    });
    expect(result).toEqual({ ok: false, reason: 'invalid-transition' });
    expect(await stateOf(ctx.db, instance.id)).toBe('open');
    expect(await historyOf(instance.id)).toEqual([]);
  });

  it('refuses, at start, a workflow whose transitions name states it does not list', () => {
    expect(() =>
      defineWorkflow({
        id: 'probe.broken',
        states: ['open', 'closed'],
        transitions: { close: { from: ['open'], to: 'archived' as 'closed', permission: 'probe.decide', audit: 'probe.closed' } },
        idOf: (instance: { id: string }) => instance.id,
        stateOf: () => 'open',
        load: async () => undefined,
        moveTo: async () => true,
        subject: () => ({ subjectType: 'probe' }),
      }),
    ).toThrow('transition close names states it does not list: archived');
  });

  it('shows a signed-in clerk only the buttons of allowed transitions, and answers 403 to one of another office', async () => {
    const { ctx } = platform;
    const instance = await insertCase(ctx.db, officeA);
    const signIn = async (grant: RoleGrant) => {
      const built = await buildStaff(ctx, [grant]);
      const client = new FormClient(platform.app);
      await signInStaff(client, built);
      return client;
    };
    const own = await signIn({ role: 'probe-clerk', scopeKind: 'office', scopeId: officeA });
    const other = await signIn({ role: 'probe-clerk', scopeKind: 'office', scopeId: officeB });

    const ownPage = await own.get(`/probe/${instance.id}`);
    expect(ownPage.status).toBe(200);
    expect(ownPage.body).toContain(`action="/probe/${instance.id}/review"`);
    expect(ownPage.body).not.toContain(`/probe/${instance.id}/decide`);
    const otherPage = await other.get(`/probe/${instance.id}`);
    expect(otherPage.body).not.toContain(`action="/probe/${instance.id}/`);

    expect((await other.post(`/probe/${instance.id}/review`, {})).status).toBe(403);
    expect(await stateOf(ctx.db, instance.id)).toBe('open');
    expect((await own.post(`/probe/${instance.id}/review`, {})).status).toBe(303);
    expect(await stateOf(ctx.db, instance.id)).toBe('in-review');
    expect((await own.post(`/probe/${instance.id}/review`, {})).status).toBe(409);
  });
});
