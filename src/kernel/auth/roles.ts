import type { Db } from '../db/database.ts';
import type { Language } from './actor.ts';

/** A staff role a module brings, declared in its manifest (`roles`) and granted on the staff pages. */
export interface RoleDefinition {
  /** Stable id, stored with every grant (`print-room`). */
  id: string;
  /** i18n key of the role's name. */
  label: string;
  /** i18n key of one sentence on what the role is for, shown where roles are granted. */
  description: string;
  /**
   * The kind of scope a grant of this role is bound to (`office`, declared by some module in `scopes`); a
   * role without one holds everywhere.
   */
  scope?: string;
}

/** One thing a role can be bound to, as the staff pages offer it. */
export interface ScopeOption {
  id: string;
  label: string;
}

/**
 * A kind of thing roles can be bound to (an office, a location, an organisation), declared by the module
 * that keeps those things, so a role of another module can name it without reading that module's tables.
 */
export interface ScopeKind {
  /** Stable id, stored with every grant (`office`). */
  id: string;
  /** i18n key of what one of them is called ("Dienststelle"). */
  label: string;
  /** The things of this kind there are, by name, in the reader's language where the module has one. */
  options: (db: Db, language: Language) => Promise<readonly ScopeOption[]>;
}

/** Where a permission is asked for: one thing of a scope kind. */
export interface PermissionScope {
  kind: string;
  id: string;
}

/** A declared role with the module that brings it. */
export interface DeclaredRole extends RoleDefinition {
  module: string;
}
