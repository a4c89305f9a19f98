import type { Actor, StaffRole } from './actor.ts';

/** Permission names are `<module>.<verb>`; each module declares who holds its permissions in its manifest. */
export type PermissionMap = Record<string, readonly StaffRole[]>;

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
    if (actor.kind === 'system') return true;
    if (actor.kind !== 'staff') return false;
    const roles = this.#grants.get(permission);
    if (!roles) throw new Error(`Unknown permission ${permission}`);
    return actor.roles.some(
      (grant) => roles.has(grant.role) && (!scope || grant.officeId === null || grant.officeId === scope.officeId),
    );
  }

  known(permission: string): boolean {
    return this.#grants.has(permission);
  }
}
