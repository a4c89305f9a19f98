import { describe, expect, it } from 'vitest';
import type { Actor, RoleGrant } from './actor.ts';
import { systemActor } from './actor.ts';
import { Permissions, type AccessDeclarations } from './permissions.ts';
import type { ScopeKind } from './roles.ts';

const kleinOffice = '11111111-1111-4111-8111-111111111111';
const hetzerathOffice = '22222222-2222-4222-8222-222222222222';

const person = {
  userId: '33333333-3333-4333-8333-333333333333',
  displayName: 'Test Person',
  email: 'person@erkelenz.example',
  language: 'de',
  simplifiedLanguage: false,
  sessionHash: 'hash',
} as const;

function staff(...roles: RoleGrant[]): Actor {
  return { kind: 'staff', roles, ...person };
}

const offices: ScopeKind = { id: 'office', label: 'test:office', options: async () => [] };
const locations: ScopeKind = { id: 'location', label: 'test:location', options: async () => [] };

/** Two modules as manifests declare them: one keeps offices and brings a role bound to them, one grants it a permission. */
const modules: AccessDeclarations[] = [
  {
    id: 'kernel',
    roles: [
      { id: 'administrator', label: 'kernel:roles.administrator.label', description: 'kernel:roles.administrator.description' },
      { id: 'editor', label: 'kernel:roles.editor.label', description: 'kernel:roles.editor.description' },
    ],
  },
  { id: 'places', scopes: [offices, locations], roles: [{ id: 'desk', label: 'places:desk', description: 'places:deskText', scope: 'location' }] },
  {
    id: 'cases',
    roles: [
      { id: 'caseworker', label: 'cases:caseworker', description: 'cases:caseworkerText', scope: 'office' },
      { id: 'moderator', label: 'cases:moderator', description: 'cases:moderatorText' },
    ],
    permissions: { 'cases.open': ['caseworker', 'administrator'], 'pages.edit': ['editor'] },
  },
];

const permissions = () => new Permissions(modules);
const inOffice = (id: string) => ({ kind: 'office', id });

describe('permissions', () => {
  it('refuses to check a permission no module declared', () => {
    expect(() => permissions().can(staff({ role: 'administrator' }), 'cases.opne')).toThrow('Unknown permission cases.opne');
  });

  it('refuses a permission declared twice', () => {
    const registry = permissions();
    expect(() => registry.register({ 'pages.edit': ['administrator'] })).toThrow('Permission pages.edit is declared twice');
    expect(registry.known('pages.edit')).toBe(true);
    expect(registry.known('pages.delete')).toBe(false);
  });

  it('lists the roles the modules bring, with the module that brings each, and refuses a start where they do not fit together', () => {
    expect(permissions().roles.map((role) => `${role.module}:${role.id}${role.scope ? `@${role.scope}` : ''}`)).toEqual([
      'kernel:administrator',
      'kernel:editor',
      'places:desk@location',
      'cases:caseworker@office',
      'cases:moderator',
    ]);
    expect(permissions().scopeKind('office')).toBe(offices);
    expect(() => new Permissions([...modules, { id: 'other', roles: [{ id: 'editor', label: 'x', description: 'y' }] }])).toThrow('Role editor is declared by both kernel and other');
    expect(() => new Permissions([...modules, { id: 'other', permissions: { 'other.do': ['course-manager'] } }])).toThrow('Permission other.do names roles no module declares: course-manager');
    expect(() => new Permissions([{ id: 'other', roles: [{ id: 'clerk', label: 'x', description: 'y', scope: 'organisation' }] }])).toThrow(
      'Role clerk is bound to scope kind organisation, which no module declares',
    );
    expect(() => new Permissions([...modules, { id: 'other', scopes: [offices] }])).toThrow('Scope kind office is declared twice');
  });

  it('grants a permission to the roles that hold it and to no other', () => {
    const registry = permissions();
    expect(registry.can(staff({ role: 'editor' }), 'pages.edit')).toBe(true);
    expect(registry.can(staff({ role: 'editor' }), 'cases.open')).toBe(false);
    expect(registry.can(staff({ role: 'moderator' }, { role: 'editor' }), 'pages.edit')).toBe(true);
    // A grant of a role no installed module declares any more gives nothing.
    expect(registry.can(staff({ role: 'appointments-desk' }), 'pages.edit')).toBe(false);
  });

  it('lets a role bound to an office count in its own office only', () => {
    const registry = permissions();
    const caseworker = staff({ role: 'caseworker', scopeKind: 'office', scopeId: kleinOffice });
    expect(registry.can(caseworker, 'cases.open', inOffice(kleinOffice))).toBe(true);
    expect(registry.can(caseworker, 'cases.open', inOffice(hetzerathOffice))).toBe(false);
    // Not for something that belongs to no office, and not for a thing of another kind with the same id.
    expect(registry.can(caseworker, 'cases.open')).toBe(false);
    expect(registry.can(caseworker, 'cases.open', { kind: 'location', id: kleinOffice })).toBe(false);
    // The door to the cases asks only whether they may open cases somewhere.
    expect(registry.can(caseworker, 'cases.open', 'anywhere')).toBe(true);
    const inBoth = staff({ role: 'caseworker', scopeKind: 'office', scopeId: kleinOffice }, { role: 'caseworker', scopeKind: 'office', scopeId: hetzerathOffice });
    expect(registry.can(inBoth, 'cases.open', inOffice(hetzerathOffice))).toBe(true);
    // A grant stored without the scope its role is bound to counts nowhere, rather than everywhere.
    expect(registry.can(staff({ role: 'caseworker' }), 'cases.open', inOffice(kleinOffice))).toBe(false);
    expect(registry.can(staff({ role: 'caseworker' }), 'cases.open', 'anywhere')).toBe(false);
  });

  it("lets a module's own role hold another module's permission where that module is installed, bound as the role is", () => {
    const pilots: AccessDeclarations = {
      id: 'pilots',
      roles: [{ id: 'pilot', label: 'pilots:pilot', description: 'pilots:pilotText', scope: 'office' }],
      permissions: { 'pilots.help': ['pilot'] },
      alsoGrants: { 'cases.open': ['pilot'], 'absent.serve': ['pilot'] },
    };
    const registry = new Permissions([...modules, pilots]);
    const pilot = staff({ role: 'pilot', scopeKind: 'office', scopeId: kleinOffice });
    expect(registry.can(pilot, 'cases.open', inOffice(kleinOffice))).toBe(true);
    expect(registry.can(pilot, 'cases.open', inOffice(hetzerathOffice))).toBe(false);
    // The roles the owning module named keep what they had.
    expect(registry.can(staff({ role: 'caseworker', scopeKind: 'office', scopeId: kleinOffice }), 'cases.open', inOffice(kleinOffice))).toBe(true);
    // A permission of a module that is not installed stays unknown rather than half declared.
    expect(registry.known('absent.serve')).toBe(false);
    // Only the module's own roles, and only other modules' permissions.
    expect(() => new Permissions([...modules, { ...pilots, alsoGrants: { 'cases.open': ['moderator'] } }])).toThrow('pilots grants cases.open to roles it does not bring: moderator');
    expect(() => new Permissions([...modules, { ...pilots, alsoGrants: { 'pilots.help': ['pilot'] } }])).toThrow("pilots grants its own permission pilots.help as another module's");
  });

  it('lets a role that holds everywhere into every office', () => {
    const administrator = staff({ role: 'administrator' });
    expect(permissions().can(administrator, 'cases.open', inOffice(hetzerathOffice))).toBe(true);
    expect(permissions().can(administrator, 'cases.open')).toBe(true);
    expect(permissions().can(administrator, 'cases.open', 'anywhere')).toBe(true);
  });

  it('never grants a staff permission to citizens or anonymous visitors', () => {
    const citizen: Actor = { kind: 'citizen', ...person };
    expect(permissions().can(citizen, 'pages.edit')).toBe(false);
    expect(permissions().can({ kind: 'anonymous' }, 'cases.open', inOffice(kleinOffice))).toBe(false);
  });

  it('lets a machine client do exactly what its scopes name, and nothing a role would give', () => {
    const client: Actor = { kind: 'client', clientId: 'c1', name: 'Fachverfahren', scopes: ['pages.edit'] };
    expect(permissions().can(client, 'pages.edit')).toBe(true);
    expect(permissions().can(client, 'cases.open', inOffice(kleinOffice))).toBe(false);
    expect(() => permissions().require(client, 'cases.open')).toThrow('Access denied: cases.open');
  });

  it('lets the system (jobs, command line) do everything', () => {
    expect(permissions().can(systemActor('cli'), 'cases.open', inOffice(hetzerathOffice))).toBe(true);
  });
});
