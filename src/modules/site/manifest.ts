import { defineModule } from '#kernel/module.ts';
import { anonymiseFeedbackBefore, siteDb } from './repo.ts';
import { siteRoutes } from './routes.tsx';
import { siteSettings } from './settings.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import { siteMigrations } from './migrations/index.ts';

const feedbackKeptDays = 365;

export const siteModule = defineModule({
  id: 'site',
  migrations: siteMigrations,
  routes: siteRoutes,
  settings: siteSettings,
  locales: { de, en },
  footer: [
    { path: '/impressum', label: 'site:footer.imprint', order: 10 },
    { path: '/datenschutz', label: 'site:footer.privacy', order: 20 },
    { path: '/barrierefreiheit', label: 'site:footer.accessibility', order: 30 },
    { path: '/leichte-sprache', label: 'site:footer.easyLanguage', order: 40 },
    { path: '/kontakt', label: 'site:footer.contact', order: 50 },
  ],
  retention: [
    {
      id: 'site.accessibility-feedback-sender',
      description: 'site:accessibility.retention',
      table: 'accessibility_feedback',
      columns: ['name', 'email'],
      purge: (db, now) => anonymiseFeedbackBefore(siteDb(db), new Date(now.getTime() - feedbackKeptDays * 86_400_000)),
    },
  ],
});
