/**
 * A staff role held by a person. Roles are declared by the modules that bring them (`roles` in a manifest);
 * a role bound to a kind of scope (an office, a location) is granted for one thing of that kind, and
 * counts only there.
 */
export interface RoleGrant {
  role: string;
  /** The kind of scope, as the role declares it (`office`); absent for a role that holds everywhere. */
  scopeKind?: string;
  /** Which one (the office's id); present exactly when `scopeKind` is. */
  scopeId?: string;
}

export type Language = 'de' | 'en';

interface PersonActor {
  userId: string;
  displayName: string;
  email: string | null;
  language: Language;
  simplifiedLanguage: boolean;
  /** Hash of the session this actor came with, so services can end other sessions but this one. */
  sessionHash: string;
}

export type Actor =
  | { kind: 'anonymous' }
  | ({ kind: 'citizen' } & PersonActor)
  | ({ kind: 'staff'; roles: RoleGrant[] } & PersonActor)
  /** Jobs and the command line act as the system, named for the audit log. */
  | { kind: 'system'; label: string }
  /** A trusted machine (another city system) with a bearer token; it may do what its scopes name. */
  | { kind: 'client'; clientId: string; name: string; scopes: readonly string[] };

export const anonymous: Actor = { kind: 'anonymous' };

export function systemActor(label: string): Actor {
  return { kind: 'system', label };
}

export type SignedIn = Extract<Actor, { kind: 'citizen' | 'staff' }>;

export function isSignedIn(actor: Actor): actor is SignedIn {
  return actor.kind === 'citizen' || actor.kind === 'staff';
}

export function actorId(actor: Actor): string | null {
  return isSignedIn(actor) ? actor.userId : null;
}

export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'anonymous':
      return 'anonymous';
    case 'system':
      return `system:${actor.label}`;
    case 'client':
      return `client:${actor.clientId}`;
    case 'citizen':
    case 'staff':
      return `${actor.kind}:${actor.userId}`;
  }
}

/** The name a history shows for whoever acted: a person's name, a job's or a machine client's; none for a visitor. */
export function actorName(actor: Actor): string | null {
  switch (actor.kind) {
    case 'citizen':
    case 'staff':
      return actor.displayName;
    case 'system':
      return actor.label;
    case 'client':
      return actor.name;
    case 'anonymous':
      return null;
  }
}
