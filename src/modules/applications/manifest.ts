import { defineModule } from '#kernel/module.ts';
import { applicationsRoles, permissionMap } from './permissions.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import { applicationsMigrations } from './migrations/index.ts';

export const applicationsModule = defineModule({
  id: 'applications',
  migrations: applicationsMigrations,
  permissions: permissionMap,
  roles: applicationsRoles,
  locales: { de, en },
});
