import type { Static, TSchema } from 'typebox';
import type { AuditEntry } from '../audit.ts';
import type { PermissionScope } from '../auth/roles.ts';
import type { Trx } from '../db/database.ts';
import type { EventDefinition } from '../events/define.ts';

/** An event a transition publishes, checked against the event's schema where the workflow is declared. */
export interface Emission {
  event: EventDefinition;
  payload: unknown;
}

export function emit<S extends TSchema>(event: EventDefinition<S>, payload: Static<S>): Emission {
  return { event, payload };
}

/** One step of a transition as it happens, handed to the module's functions and written to the history. */
export interface Change<S extends string = string, T extends string = string> {
  transition: T;
  from: S;
  to: S;
  note: string | null;
}

/**
 * Who may take a transition: staff and machines by a permission, checked with `ctx.permissions` at the
 * instance's scope when the workflow has one; or the instance's own party (`party: true`), a person who
 * holds no role and whose right is the instance itself (the applicant of a case withdrawing it). For a
 * party's step the use case says, on the locked instance, whether the actor is that party
 * (`steps.party`); anyone else is answered as if the instance did not exist.
 */
export type TransitionTaker = { permission: string; party?: never } | { party: true; permission?: never };

export type TransitionDefinition<S extends string, I> = TransitionTaker & {
  /** The states it may start from; from any other the transition is refused as `invalid-transition`. */
  from: readonly S[];
  to: S;
  /** The audit action recorded with it (`<module>.<past-tense verb>`). */
  audit: string;
  /** `required`: the person must say why (a refusal, a rejection); the note goes into the history. */
  note?: 'required' | 'optional';
  /** Events it publishes, in its transaction (declared in the module's manifest as usual). */
  events?: (instance: I, change: Change<S>) => readonly Emission[];
};

export interface WorkflowDefinition<S extends string, T extends string, I> {
  /** `<module>.<thing>`, e.g. `catalog.entry`; the history is kept under it. */
  id: string;
  states: readonly S[];
  transitions: Record<T, TransitionDefinition<S, I>>;
  /** The instance's id, as the history and the audit record name it. */
  idOf: (instance: I) => string;
  /** The state the instance is in, read from the module's own row. */
  stateOf: (instance: I) => S;
  /**
   * Reads the instance inside the transition's transaction, locked for the rest of it (`select … for
   * update`), so that two transitions of one instance run one after the other and the second sees the first.
   */
  load: (trx: Trx, id: string) => Promise<I | undefined>;
  /**
   * Writes the new state into the module's own row. It may also compare and set (`… where state = from`)
   * and return false when the row had moved on, which refuses the transition as `invalid-transition`.
   */
  moveTo: (trx: Trx, instance: I, change: Change<S, T>) => Promise<boolean | void>;
  /** Where a role bound to a scope counts for this instance (its office); without it only unbound roles count. */
  scope?: (instance: I) => PermissionScope;
  /** What the audit records of its transitions are about; `action`, `reason` and `meta.from/to` come from the transition. */
  subject: (instance: I) => Pick<AuditEntry, 'subjectType' | 'subjectId' | 'dataSubjectId'>;
  /**
   * `false`: a transition's note stays in the history, which staff read, and its audit record says only that
   * there was one (`meta.noted`). For workflows about a person, who reads the audit records about them on
   * their data page, while the notes are the office's own (a proposal to reject, a decision meant for a letter).
   */
  auditNotes?: boolean;
}
