import type { ModulePart } from '#kernel/module-parts.ts';
import { learningPermissions } from '#modules/learning/permissions.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import { courseEditingRoutes } from './routes.tsx';
import { editingPath } from './views/paths.ts';

/** The coordinator's pages to create and change courses and their dates. */
export const courseEditingPart: ModulePart = {
  routes: async (app, ctx) => {
    await app.register(async (scope) => courseEditingRoutes(scope, ctx));
  },
  staffLinks: [{ path: editingPath, label: 'learning:courseEditing.list.title', permission: learningPermissions.manageCourses, order: 62 }],
  locales: { de, en },
};
