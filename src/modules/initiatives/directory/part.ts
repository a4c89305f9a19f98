import type { ModulePart } from '#kernel/module-parts.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import { directoryRoutes } from './routes.tsx';

/** The directory, the initiative pages and the events calendar. */
export const directoryPart: ModulePart = {
  locales: { de, en },
  routes: directoryRoutes,
};
