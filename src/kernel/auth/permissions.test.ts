import { describe, expect, it } from 'vitest';
import type { Actor, RoleGrant } from './actor.ts';
import { systemActor } from './actor.ts';
import { Permissions } from './permissions.ts';

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

function permissions(): Permissions {
  const registry = new Permissions();
  registry.register({ 'cases.open': ['caseworker', 'administrator'], 'pages.edit': ['editor'] });
  return registry;
}

describe('permissions', () => {
  it('refuses to check a permission no module declared', () => {
    expect(() => permissions().can(staff({ role: 'administrator', officeId: null }), 'cases.opne')).toThrow('Unknown permission cases.opne');
  });

  it('refuses a permission declared twice', () => {
    const registry = permissions();
    expect(() => registry.register({ 'pages.edit': ['administrator'] })).toThrow('Permission pages.edit is declared twice');
    expect(registry.known('pages.edit')).toBe(true);
    expect(registry.known('pages.delete')).toBe(false);
  });

  it('grants a permission to the roles that hold it and to no other', () => {
    const registry = permissions();
    expect(registry.can(staff({ role: 'editor', officeId: null }), 'pages.edit')).toBe(true);
    expect(registry.can(staff({ role: 'editor', officeId: null }), 'cases.open')).toBe(false);
    expect(registry.can(staff({ role: 'moderator', officeId: null }, { role: 'editor', officeId: null }), 'pages.edit')).toBe(true);
  });

  it('lets a caseworker into the cases of their own office only', () => {
    const registry = permissions();
    const caseworker = staff({ role: 'caseworker', officeId: kleinOffice });
    expect(registry.can(caseworker, 'cases.open', { officeId: kleinOffice })).toBe(true);
    expect(registry.can(caseworker, 'cases.open', { officeId: hetzerathOffice })).toBe(false);
    const inBoth = staff({ role: 'caseworker', officeId: kleinOffice }, { role: 'caseworker', officeId: hetzerathOffice });
    expect(registry.can(inBoth, 'cases.open', { officeId: hetzerathOffice })).toBe(true);
  });

  it('lets a city-wide role into every office', () => {
    const administrator = staff({ role: 'administrator', officeId: null });
    expect(permissions().can(administrator, 'cases.open', { officeId: hetzerathOffice })).toBe(true);
  });

  it('never grants a staff permission to citizens or anonymous visitors', () => {
    const citizen: Actor = { kind: 'citizen', ...person };
    expect(permissions().can(citizen, 'pages.edit')).toBe(false);
    expect(permissions().can({ kind: 'anonymous' }, 'cases.open', { officeId: kleinOffice })).toBe(false);
  });

  it('lets a machine client do exactly what its scopes name, and nothing a role would give', () => {
    const client: Actor = { kind: 'client', clientId: 'c1', name: 'Fachverfahren', scopes: ['pages.edit'] };
    expect(permissions().can(client, 'pages.edit')).toBe(true);
    expect(permissions().can(client, 'cases.open', { officeId: kleinOffice })).toBe(false);
    expect(() => permissions().require(client, 'cases.open')).toThrow('Access denied: cases.open');
  });

  it('lets the system (jobs, command line) do everything', () => {
    expect(permissions().can(systemActor('cli'), 'cases.open', { officeId: hetzerathOffice })).toBe(true);
  });
});
