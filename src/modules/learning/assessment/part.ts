import type { ModulePart } from '#kernel/module-parts.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import { savedAssessmentsPersonalData, savedAssessmentsRetention } from './privacy.ts';
import { assessmentRoutes } from './routes.tsx';
import { savedAssessmentRoutes } from './routes.saved.tsx';
import { savedPath } from './views.saved.tsx';

/**
 * The DigComp self-assessment, and the results a signed-in person chose to keep. The questions' texts are
 * the module's own (`assessment`, `digcomp`), which courses share; keeping a result has its own
 * (`savedAssessment`).
 */
export const assessmentPart: ModulePart = {
  routes: async (app, ctx) => {
    await app.register(async (scope) => assessmentRoutes(scope, ctx));
    await app.register(async (scope) => savedAssessmentRoutes(scope, ctx));
  },
  accountLinks: [{ path: savedPath, label: 'learning:savedAssessment.account.title', order: 9 }],
  retention: savedAssessmentsRetention,
  personalData: savedAssessmentsPersonalData,
  locales: { de, en },
};
