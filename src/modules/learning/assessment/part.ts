import type { ModulePart } from '#kernel/module-parts.ts';
import { assessmentRoutes } from './routes.tsx';

/** The DigComp self-assessment; its texts are the module's own (`assessment`, `digcomp`), which courses share. */
export const assessmentPart: ModulePart = {
  routes: assessmentRoutes,
  locales: { de: {}, en: {} },
};
