import type { KernelContext } from '#kernel/context.ts';
import { defineModule, type App } from '#kernel/module.ts';
import { assessmentRoutes } from './assessment/routes.tsx';
import { assessmentPath } from './assessment/views.tsx';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };

/** Digital competences (principle 5): the DigComp self-assessment; courses, consultation hours and staff training join it. */
export const learningModule = defineModule({
  id: 'learning',
  routes: async (app: App, ctx: KernelContext) => assessmentRoutes(app, ctx),
  locales: { de, en },
  about: { heading: 'learning:about.heading', text: 'learning:about.text', easyText: 'learning:about.easy', href: assessmentPath, order: 50 },
});
