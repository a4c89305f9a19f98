/** Staff roles. A caseworker's role is bound to one office; every other role is city-wide. */
export const staffRoles = [
  'administrator',
  'editor',
  'caseworker',
  'appointments-desk',
  'data-publisher',
  'moderator',
  'course-manager',
] as const;
export type StaffRole = (typeof staffRoles)[number];

export interface RoleGrant {
  role: StaffRole;
  /** Set for caseworkers: the office whose cases they may open. */
  officeId: string | null;
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
