import { recordAudit } from '../audit.ts';
import { actorId, actorLabel, actorName, type Actor } from '../auth/actor.ts';
import type { KernelContext } from '../context.ts';
import type { Executor, Trx } from '../db/database.ts';
import type { Change, TransitionDefinition, WorkflowDefinition } from './define.ts';
import { historyOf, insertHistory, type HistoryRow } from './repo.ts';
import type { WorkflowTables } from './tables.ts';

/** What a transition answers when it does not happen; a missing permission throws the kernel's AccessDenied instead. */
export type TransitionRefusal = { ok: false; reason: 'not-found' } | { ok: false; reason: 'invalid-transition' } | { ok: false; reason: 'note-required' };

export type TransitionResult<S extends string, T extends string, I, R = never> = { ok: true; instance: I; change: Change<S, T> } | TransitionRefusal | R;

export interface TransitionInput<T extends string> {
  id: string;
  transition: T;
  /** Why, in the person's words; kept in the history and as the audit record's reason. */
  note?: string | null;
}

/** The use case's own part of a transition, inside its transaction. */
export interface TransitionSteps<S extends string, T extends string, I, R> {
  /** For a party's transition (`party: true`): whether the actor is the instance's party; without it nobody is. */
  party?: (trx: Trx, instance: I) => Promise<boolean> | boolean;
  /** Rules beyond the state (a draft complete enough to publish): a refusal it returns stops the transition, nothing written. */
  check?: (trx: Trx, instance: I, change: Change<S, T>) => Promise<R | undefined>;
  /** The module's further work after the move (its search index, a history of its own); what it returns joins the audit record's meta. */
  apply?: (trx: Trx, instance: I, change: Change<S, T>) => Promise<Record<string, unknown> | void>;
}

/** Carries a refusal out of the transaction, so that whatever a step wrote before it is rolled back. */
class Refused<R> extends Error {
  constructor(readonly result: R) {
    super('transition refused');
  }
}

/**
 * A workflow as modules use it: `transition` moves one instance, `allowedTransitions` tells a page which
 * buttons to show, `history` reads what happened. See README.md.
 */
export class Workflow<S extends string, T extends string, I> {
  constructor(readonly definition: WorkflowDefinition<S, T, I>) {}

  get id(): string {
    return this.definition.id;
  }

  stateOf(instance: I): S {
    return this.definition.stateOf(instance);
  }

  /**
   * The transitions the actor may take now by a permission, in the order the workflow declares them. A
   * party's transitions are not among them: the party's own pages offer those, knowing who the party is.
   */
  allowedTransitions(ctx: Pick<KernelContext, 'permissions'>, actor: Actor, instance: I): T[] {
    const state = this.definition.stateOf(instance);
    const scope = this.definition.scope?.(instance);
    return this.#names().filter((name) => {
      const transition = this.#transition(name);
      if (transition.party) return false;
      return transition.from.includes(state) && ctx.permissions.can(actor, transition.permission, scope);
    });
  }

  /**
   * Takes one transition in one transaction: the instance is loaded and locked, the permission checked at
   * its scope, the state checked, the use case's check run, the module's row moved, then the history row,
   * the audit record and the events written. A refusal leaves nothing behind.
   */
  async transition<R extends { ok: false } = never>(
    ctx: KernelContext,
    actor: Actor,
    input: TransitionInput<T>,
    steps: TransitionSteps<S, T, I, R> = {},
  ): Promise<TransitionResult<S, T, I, R>> {
    const transition = this.#transition(input.transition);
    // Before anything is read, so that a person who may do this nowhere learns nothing about the instance.
    if (!transition.party) ctx.permissions.require(actor, transition.permission, this.definition.scope ? 'anywhere' : undefined);
    const note = input.note?.trim() || null;
    if (transition.note === 'required' && !note) return { ok: false, reason: 'note-required' };
    try {
      return await ctx.db.transaction().execute(async (trx): Promise<TransitionResult<S, T, I, R>> => {
        const instance = await this.definition.load(trx, input.id);
        if (instance === undefined) return { ok: false, reason: 'not-found' };
        if (transition.party) {
          // Someone else's instance is not theirs to know of: the same answer as for none at all.
          if (!(await steps.party?.(trx, instance))) return { ok: false, reason: 'not-found' };
        } else if (this.definition.scope) ctx.permissions.require(actor, transition.permission, this.definition.scope(instance));
        const from = this.definition.stateOf(instance);
        if (!transition.from.includes(from)) return { ok: false, reason: 'invalid-transition' };
        const change: Change<S, T> = { transition: input.transition, from, to: transition.to, note };
        const refusal = await steps.check?.(trx, instance, change);
        if (refusal) throw new Refused(refusal);
        if ((await this.definition.moveTo(trx, instance, change)) === false) throw new Refused({ ok: false, reason: 'invalid-transition' } as const);
        const meta = (await steps.apply?.(trx, instance, change)) ?? {};
        await this.#record(ctx, trx, actor, instance, change, meta);
        return { ok: true, instance, change };
      });
    } catch (error) {
      if (error instanceof Refused) return error.result as R | TransitionRefusal;
      throw error;
    }
  }

  /** One instance's transitions, newest first. */
  async history(db: Executor, instanceId: string): Promise<HistoryRow[]> {
    return historyOf(db.withTables<WorkflowTables>(), this.definition.id, instanceId);
  }

  async #record(ctx: KernelContext, trx: Trx, actor: Actor, instance: I, change: Change<S, T>, meta: Record<string, unknown>): Promise<void> {
    const transition = this.#transition(change.transition);
    const instanceId = this.definition.idOf(instance);
    await insertHistory(trx.withTables<WorkflowTables>(), {
      workflow: this.definition.id,
      instance_id: instanceId,
      transition: change.transition,
      from_state: change.from,
      to_state: change.to,
      at: new Date(),
      actor_id: actorId(actor),
      actor_label: actorLabel(actor),
      actor_name: actorName(actor),
      note: change.note,
    });
    const noteInAudit = this.definition.auditNotes !== false;
    await recordAudit(trx, { actor }, {
      subjectId: instanceId,
      ...this.definition.subject(instance),
      action: transition.audit,
      reason: noteInAudit ? change.note : null,
      meta: { ...meta, from: change.from, to: change.to, ...(!noteInAudit && change.note ? { noted: true } : {}) },
    });
    for (const { event, payload } of transition.events?.(instance, change) ?? []) await ctx.events.publish(trx, event, payload);
  }

  #names(): T[] {
    return Object.keys(this.definition.transitions) as T[];
  }

  #transition(name: T): TransitionDefinition<S, I> {
    const transition = this.definition.transitions[name] as TransitionDefinition<S, I> | undefined;
    if (!transition) throw new Error(`Workflow ${this.definition.id} has no transition ${String(name)}`);
    return transition;
  }
}

/**
 * Declares a workflow: a small typed state machine over rows a module owns. A transition that names a
 * state the workflow does not list stops the platform at start; permissions and audit actions are checked
 * when a transition is taken, like every other use of them.
 */
export function defineWorkflow<const S extends string, const T extends string, I>(definition: WorkflowDefinition<S, T, I>): Workflow<S, T, I> {
  const states = new Set<string>(definition.states);
  if (states.size !== definition.states.length) throw new Error(`Workflow ${definition.id} lists a state twice`);
  for (const [name, transition] of Object.entries<TransitionDefinition<S, I>>(definition.transitions)) {
    if (transition.from.length === 0) throw new Error(`Workflow ${definition.id}: transition ${name} starts from no state`);
    const unknown = [...transition.from, transition.to].filter((state) => !states.has(state));
    if (unknown.length > 0) throw new Error(`Workflow ${definition.id}: transition ${name} names states it does not list: ${unknown.join(', ')}`);
  }
  return new Workflow(definition);
}
