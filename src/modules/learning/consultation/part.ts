import type { ModulePart } from '#kernel/module-parts.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import { consultationRoutes } from './routes.tsx';

/** The digital consultation hours: their page, and the offer the self-assessment and the courses show. */
export const consultationPart: ModulePart = {
  routes: consultationRoutes,
  locales: { de, en },
};
