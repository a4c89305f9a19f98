import type { KernelContext } from '#kernel/context.ts';
import { defineModule, type App } from '#kernel/module.ts';
import { settingsOf } from '#kernel/settings.ts';
import { applicationsAuditSubjects } from './audit.ts';
import { caseSubmitted } from './events.ts';
import { exportCaseJob } from './export/service.ts';
import { processingTimesDataset } from './opendata.ts';
import { followSubmission } from './service.after-submit.ts';
import { applicationsPermissions, applicationsRoles, permissionMap } from './permissions.ts';
import { accountRoutes } from './routes.account.tsx';
import { applyRoutes } from './routes.apply.tsx';
import { assistedRoutes } from './routes.assisted.tsx';
import { paperRoutes } from './routes.paper.tsx';
import { designRoutes } from './routes.design.tsx';
import { draftRoutes } from './routes.drafts.tsx';
import { caseworkRoutes } from './routes.staff.tsx';
import { timesRoutes } from './routes.times.tsx';
import { makeReceiptJob } from './service.receipt.ts';
import { remindReplyByJob } from './service.reminder.ts';
import { sendResumeLinkJob } from './service.resume.ts';
import { seedApplications } from './seed.ts';
import { applicationsPersonalData } from './service.personal-data.ts';
import { formRoutes } from './service.forms.ts';
import { purgeCases, purgeDrafts } from './service.purge.ts';
import { applicationsSettings } from './settings.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import { applicationsMigrations } from './migrations/index.ts';

/** The rules remove file references, so they need the platform; the nightly job always passes it. */
function withFiles(ctx: KernelContext | undefined): KernelContext {
  if (!ctx) throw new Error('The retention rules of applications need the platform context for the file store');
  return ctx;
}

export const applicationsModule = defineModule({
  id: 'applications',
  migrations: applicationsMigrations,
  // The citizen's pages parse multipart bodies for uploads, and "Meine Anträge" is for signed-in people
  // only: each gets a scope of its own, so the parser and the guard stay where they belong.
  routes: async (app: App, ctx: KernelContext) => {
    await app.register(async (scope) => {
      await applyRoutes(scope, ctx);
      await draftRoutes(scope, ctx);
    });
    await app.register(async (scope) => accountRoutes(scope, ctx));
    // The paper twin of every form, blank for anyone and with a draft's answers for whoever may open it.
    await app.register(async (scope) => paperRoutes(scope, ctx));
    // The caseworkers' back office: its own guard, for people who handle cases in some office.
    await app.register(async (scope) => caseworkRoutes(scope, ctx));
    await app.register(async (scope) => timesRoutes(scope, ctx));
    // Applications caseworkers enter for someone: the same guard, the form's pages are the citizen's.
    await app.register(async (scope) => assistedRoutes(scope, ctx));
    // The form designers' back office guards every route and parses its own uploads.
    await app.register(async (scope) => designRoutes(scope, ctx));
  },
  serviceRoutes: { scopes: ['applications'], load: formRoutes },
  accountLinks: [{ path: '/konto/antraege', label: 'applications:mine.title', order: 5 }],
  staffLinks: [{ path: '/verwaltung/antraege', label: 'applications:casework.list.title', permission: applicationsPermissions.handleCases, order: 20 }, { path: '/verwaltung/antraege/neu', label: 'applications:assisted.title', permission: applicationsPermissions.handleCases, order: 21 }, { path: '/verwaltung/antraege/bearbeitungszeiten', label: 'applications:casework.times.title', permission: applicationsPermissions.handleCases, order: 22 }, { path: '/verwaltung/formulare', label: 'applications:design.title', permission: applicationsPermissions.designForms, order: 30 }],
  jobs: [sendResumeLinkJob, makeReceiptJob, exportCaseJob, remindReplyByJob],
  // Processing times per form, counts and days only, published by the open-data module.
  openData: [processingTimesDataset],
  permissions: permissionMap,
  roles: applicationsRoles,
  settings: applicationsSettings,
  events: [caseSubmitted],
  // Each case sent gets its receipt, and goes to the specialist system when APPLICATION_EXPORT_DIR names one (`export/`).
  on: [followSubmission],
  locales: { de, en },
  seed: seedApplications,
  personalData: applicationsPersonalData,
  auditSubjects: applicationsAuditSubjects,
  retention: [
    {
      id: 'applications.drafts',
      description: 'applications:retention.drafts',
      descriptionValues: (config) => ({ days: settingsOf(config, applicationsSettings).APPLICATION_DRAFT_DAYS }),
      table: 'application_drafts',
      columns: ['answers', 'guest_email'],
      purge: (_db, now, _config, ctx) => purgeDrafts(withFiles(ctx), now),
    },
    {
      id: 'applications.cases',
      description: 'applications:retention.cases',
      table: 'application_cases',
      columns: ['applicant', 'answers'],
      purge: (_db, now, _config, ctx) => purgeCases(withFiles(ctx), now),
    },
    {
      id: 'applications.messages',
      description: 'applications:retention.messages',
      table: 'application_messages',
      columns: ['body', 'author_name'],
      // Messages go with their case (on delete cascade); nothing of them outlives it.
      purge: async () => 0,
    },
    {
      id: 'applications.case-documents',
      description: 'applications:retention.documents',
      table: 'application_case_documents',
      columns: ['filename'],
      // Documents sent later go with their case (on delete cascade), their files with the case's references.
      purge: async () => 0,
    },
    {
      id: 'applications.case-exports',
      description: 'applications:retention.exports',
      table: 'application_case_exports',
      columns: ['adapter', 'location', 'attempted_at'],
      // The records of a case's hand-offs go with the case (on delete cascade).
      purge: async () => 0,
    },
  ],
});
