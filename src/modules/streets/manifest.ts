import type { KernelContext } from '#kernel/context.ts';
import { defineModule, type App } from '#kernel/module.ts';
import { importCommand } from './commands.ts';
import { streetsDataset } from './opendata.ts';
import { apiRoutes } from './routes.api.ts';
import { seedStreets } from './seed/index.ts';
import { importStreetsPermission } from './service.import.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import { streetsMigrations } from './migrations/index.ts';

/** The city's street register: reference data for addresses, parking zones, and later tours and maps. */
export const streetsModule = defineModule({
  id: 'streets',
  migrations: streetsMigrations,
  routes: async (app: App, ctx: KernelContext) => apiRoutes(app, ctx),
  permissions: { [importStreetsPermission]: ['administrator'] },
  auditSubjects: { types: { streets: 'streets:auditSubjects.streets' } },
  locales: { de, en },
  openData: [streetsDataset],
  commands: [importCommand],
  seed: seedStreets,
});
