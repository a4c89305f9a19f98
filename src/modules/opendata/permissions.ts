import type { PermissionMap } from '#kernel/auth/permissions.ts';
import type { RoleDefinition, ScopeKind } from '#kernel/auth/roles.ts';
import { opendataDb } from './repo.ts';

/** Who may do what with the portal's datasets. */
export const opendataPermissions = {
  /** Create, edit, publish and withdraw an organisation's datasets, upload new versions, read the quality dashboard. */
  publish: 'opendata.publish',
} as const;

export const dataPublisher = 'data-publisher';

/** The portal's organisations as a scope roles are bound to: a publisher publishes for one organisation. */
export const organizationScope: ScopeKind = {
  id: 'data-organization',
  label: 'opendata:scopes.organization',
  options: async (db) => (await opendataDb(db).selectFrom('opendata_organizations').select(['id', 'title']).orderBy('title').execute()).map((row) => ({ id: row.id, label: row.title })),
};

export const opendataRoles: readonly RoleDefinition[] = [
  { id: dataPublisher, label: 'opendata:roles.dataPublisher.label', description: 'opendata:roles.dataPublisher.description', scope: organizationScope.id },
];

export const permissionMap: PermissionMap = {
  [opendataPermissions.publish]: [dataPublisher],
};

/** The scope a publisher's permission is checked in: the dataset's organisation. */
export const inOrganization = (organizationId: string) => ({ kind: organizationScope.id, id: organizationId });
