import type { Actor, RoleGrant } from './actor.ts';
import type { DeclaredRole, PermissionScope, RoleDefinition, ScopeKind } from './roles.ts';

/** Permission names are `<module>.<verb>`; each module declares which roles hold its permissions in its manifest. */
export type PermissionMap = Record<string, readonly string[]>;

/** What a module contributes to the access model: its permissions, the roles it brings and the kinds of scope it keeps. */
export interface AccessDeclarations {
  id: string;
  permissions?: PermissionMap;
  roles?: readonly RoleDefinition[];
  scopes?: readonly ScopeKind[];
  /**
   * Permissions of another module that roles of this one hold as well, where that module is installed: the
   * module bringing a role knows what its people do elsewhere (a digital pilot serves the consultation desks
   * with the counter clerks' permission), and the other module stays free of it. Only the module's own roles.
   */
  alsoGrants?: PermissionMap;
}

/** Thrown when an actor lacks a permission; rendered as 401 for visitors and 403 for signed-in people. */
export class AccessDenied extends Error {
  constructor(
    readonly actor: Actor,
    readonly permission: string,
  ) {
    super(`Access denied: ${permission}`);
  }
}

/**
 * A scope to check a permission at: one thing (`{ kind: 'office', id }`), or `anywhere` for a door that
 * only asks whether the person may do this somewhere (the back office's navigation, a route group's guard);
 * the service behind it asks again for the thing itself.
 */
export type CheckScope = PermissionScope | 'anywhere';

export class Permissions {
  readonly #grants = new Map<string, ReadonlySet<string>>();
  readonly #roles = new Map<string, DeclaredRole>();
  readonly #scopes = new Map<string, ScopeKind>();

  /**
   * Collects every module's roles, kinds of scope and permissions, and refuses a start where they do not fit
   * together: a role or permission declared twice, a permission held by a role nobody declares, a role
   * bound to a kind of scope nobody keeps.
   */
  constructor(modules: readonly AccessDeclarations[] = []) {
    for (const module of modules) {
      for (const scope of module.scopes ?? []) {
        if (this.#scopes.has(scope.id)) throw new Error(`Scope kind ${scope.id} is declared twice`);
        this.#scopes.set(scope.id, scope);
      }
      for (const role of module.roles ?? []) {
        if (this.#roles.has(role.id)) throw new Error(`Role ${role.id} is declared by both ${this.#roles.get(role.id)!.module} and ${module.id}`);
        this.#roles.set(role.id, { ...role, module: module.id });
      }
    }
    for (const role of this.#roles.values()) {
      if (role.scope && !this.#scopes.has(role.scope)) throw new Error(`Role ${role.id} is bound to scope kind ${role.scope}, which no module declares`);
    }
    for (const module of modules) if (module.permissions) this.register(module.permissions);
    for (const module of modules) if (module.alsoGrants) this.#extend(module.id, module.alsoGrants);
  }

  #extend(moduleId: string, map: PermissionMap): void {
    for (const [permission, roles] of Object.entries(map)) {
      const foreign = roles.filter((role) => this.#roles.get(role)?.module !== moduleId);
      if (foreign.length > 0) throw new Error(`${moduleId} grants ${permission} to roles it does not bring: ${foreign.join(', ')}`);
      if (permission.startsWith(`${moduleId}.`)) throw new Error(`${moduleId} grants its own permission ${permission} as another module's`);
      const holders = this.#grants.get(permission);
      // The module that owns the permission is not installed: there is nothing to hold.
      if (!holders) continue;
      this.#grants.set(permission, new Set([...holders, ...roles]));
    }
  }

  register(map: PermissionMap): void {
    for (const [permission, roles] of Object.entries(map)) {
      if (this.#grants.has(permission)) throw new Error(`Permission ${permission} is declared twice`);
      const unknown = roles.filter((role) => !this.#roles.has(role));
      if (unknown.length > 0) throw new Error(`Permission ${permission} names roles no module declares: ${unknown.join(', ')}`);
      this.#grants.set(permission, new Set(roles));
    }
  }

  /** Every role the installed modules bring, in the order the modules are listed. */
  get roles(): readonly DeclaredRole[] {
    return [...this.#roles.values()];
  }

  role(id: string): DeclaredRole | undefined {
    return this.#roles.get(id);
  }

  scopeKind(id: string): ScopeKind | undefined {
    return this.#scopes.get(id);
  }

  /**
   * Whether the actor holds the permission. A role bound to a scope counts only where the check names that
   * very scope, which keeps one office out of another's cases; a role without one counts everywhere. A
   * check without a scope is for things that belong to no scope, so only unbound roles count there.
   */
  can(actor: Actor, permission: string, scope?: CheckScope): boolean {
    // A misspelt permission must fail loudly for every actor, not quietly allow the system and deny people.
    const roles = this.#grants.get(permission);
    if (!roles) throw new Error(`Unknown permission ${permission}`);
    if (actor.kind === 'system') return true;
    // A machine holds exactly the permissions it was given as scopes, never a role's.
    if (actor.kind === 'client') return actor.scopes.includes(permission);
    if (actor.kind !== 'staff') return false;
    return actor.roles.some((grant) => roles.has(grant.role) && this.#counts(grant, scope));
  }

  #counts(grant: RoleGrant, scope: CheckScope | undefined): boolean {
    // A grant is bound by what its role declares now, whatever was stored with it.
    const bound = this.#roles.get(grant.role)?.scope;
    if (!bound) return true;
    if (scope === 'anywhere') return grant.scopeKind === bound;
    return scope !== undefined && scope.kind === bound && grant.scopeKind === bound && grant.scopeId === scope.id;
  }

  /** Checks first thing in a service: throws AccessDenied unless the actor holds the permission. */
  require(actor: Actor, permission: string, scope?: CheckScope): void {
    if (!this.can(actor, permission, scope)) throw new AccessDenied(actor, permission);
  }

  known(permission: string): boolean {
    return this.#grants.has(permission);
  }
}
