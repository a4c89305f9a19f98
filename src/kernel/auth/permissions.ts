import type { Actor, StaffRole } from './actor.ts';

/** Permission names are `<module>.<verb>`; each module declares who holds its permissions in its manifest. */
export type PermissionMap = Record<string, readonly StaffRole[]>;

/** Thrown when an actor lacks a permission; rendered as 401 for visitors and 403 for signed-in people. */
export class AccessDenied extends Error {
  constructor(
    readonly actor: Actor,
    readonly permission: string,
  ) {
    super(`Access denied: ${permission}`);
  }
}

export class Permissions {
  readonly #grants = new Map<string, ReadonlySet<StaffRole>>();

  register(map: PermissionMap): void {
    for (const [permission, roles] of Object.entries(map)) {
      if (this.#grants.has(permission)) throw new Error(`Permission ${permission} is declared twice`);
      this.#grants.set(permission, new Set(roles));
    }
  }

  /**
   * Whether the actor holds the permission. With an office id, an office-bound role (caseworker) only
   * counts for its own office; this is the object-level check that keeps one office out of another's cases.
   */
  can(actor: Actor, permission: string, scope?: { officeId: string }): boolean {
    // A misspelt permission must fail loudly for every actor, not quietly allow the system and deny people.
    const roles = this.#grants.get(permission);
    if (!roles) throw new Error(`Unknown permission ${permission}`);
    if (actor.kind === 'system') return true;
    // A machine holds exactly the permissions it was given as scopes, never a role's.
    if (actor.kind === 'client') return actor.scopes.includes(permission);
    if (actor.kind !== 'staff') return false;
    return actor.roles.some(
      (grant) => roles.has(grant.role) && (!scope || grant.officeId === null || grant.officeId === scope.officeId),
    );
  }

  /** Checks first thing in a service: throws AccessDenied unless the actor holds the permission. */
  require(actor: Actor, permission: string, scope?: { officeId: string }): void {
    if (!this.can(actor, permission, scope)) throw new AccessDenied(actor, permission);
  }

  known(permission: string): boolean {
    return this.#grants.has(permission);
  }
}
