import type { KernelContext } from '#kernel/context.ts';
import { defineModule, type App } from '#kernel/module.ts';
import { settingsOf } from '#kernel/settings.ts';
import { moveFilesCommand } from './commands.ts';
import { deliverEmailJob, moveStoredFilesJob, printBatchJob, remakePrintBatchJob, renderDocumentJob, sweepJob } from './jobs.ts';
import { notifyPermissions, notifyRoles, permissionMap } from './permissions.ts';
import { apiRoutes } from './routes.api.ts';
import { inboxRoutes } from './routes.inbox.tsx';
import { staffRoutes } from './routes.staff.tsx';
import { templateRoutes } from './routes.templates.tsx';
import { notifySettings } from './settings.ts';
import { lettersPrinted, messagesSent } from './stats.ts';
import { eraseMessages, exportMessages } from './service.personal-data.ts';
import { purgeLeftoverAttachments, purgeMessages, purgePrintBatchFiles } from './service.purge.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import { notifyMigrations } from './migrations/index.ts';

const day = 86_400_000;

/** notify's rules remove file references, so they need the platform; the nightly job always passes it. */
function withFiles(ctx: KernelContext | undefined): KernelContext {
  if (!ctx) throw new Error('notify’s retention rules need the platform context for the file store');
  return ctx;
}

export const notifyModule = defineModule({
  id: 'notify',
  migrations: notifyMigrations,
  // The inbox, the back office and the templates each guard all their routes with one hook, so each gets a scope of its own.
  routes: async (app: App, ctx: KernelContext) => {
    await app.register(async (scope) => inboxRoutes(scope, ctx));
    await app.register(async (scope) => staffRoutes(scope, ctx));
    await app.register(async (scope) => templateRoutes(scope, ctx));
    await apiRoutes(app, ctx);
  },
  permissions: permissionMap,
  roles: notifyRoles,
  settings: notifySettings,
  staffLinks: [
    { path: '/verwaltung/vorlagen', label: 'notify:templates.title', permission: notifyPermissions.editTemplates, order: 50 },
    { path: '/verwaltung/nachrichten', label: 'notify:staff.messagesTitle', permission: notifyPermissions.viewMessages, order: 60 },
    { path: '/verwaltung/nachrichten/fehler', label: 'notify:staff.failuresTitle', permission: notifyPermissions.viewMessages, order: 61 },
    { path: '/verwaltung/druck', label: 'notify:print.title', permission: notifyPermissions.print, order: 70 },
  ],
  accountLinks: [{ path: '/konto/nachrichten', label: 'notify:inbox.title', order: 10 }],
  about: { heading: 'notify:about.heading', text: 'notify:about.text', easyText: 'notify:about.easy', href: '/konto/nachrichten', order: 70 },
  jobs: [renderDocumentJob, deliverEmailJob, printBatchJob, remakePrintBatchJob, sweepJob, moveStoredFilesJob],
  commands: [moveFilesCommand],
  personalData: {
    export: async (db, userId, ctx) => ({ messages: await exportMessages(ctx, db, userId) }),
    erase: (db, userId, ctx) => eraseMessages(ctx, db, userId),
  },
  locales: { de, en },
  stats: [messagesSent, lettersPrinted],
  auditSubjects: {
    types: { notify_message: 'notify:auditSubjects.message', notify_print_batch: 'notify:auditSubjects.printBatch', notify_template: 'notify:auditSubjects.template' },
  },
  retention: [
    {
      id: 'notify.message-content',
      description: 'notify:retention.content',
      table: 'notify_messages',
      columns: ['subject', 'body', 'email', 'postal_address', 'recipient_name'],
      purge: (db, now, config, ctx) =>
        db.transaction().execute((trx) => purgeMessages(withFiles(ctx), trx, { createdBefore: new Date(now.getTime() - settingsOf(config, notifySettings).NOTIFY_RETENTION_DAYS * day) })),
    },
    {
      id: 'notify.message-attachments',
      description: 'notify:retention.attachments',
      table: 'notify_attachments',
      // The content is in the file store (file_id); `content` holds bytes only until they are moved there.
      columns: ['filename', 'file_id', 'content'],
      // Deleted together with the message's content; this catches any left behind by an interrupted run.
      purge: (db, _now, _config, ctx) => db.transaction().execute((trx) => purgeLeftoverAttachments(withFiles(ctx), trx)),
    },
    {
      id: 'notify.print-batches',
      description: 'notify:retention.batches',
      descriptionValues: (config) => ({ days: settingsOf(config, notifySettings).PRINT_BATCH_RETENTION_DAYS }),
      table: 'notify_print_batches',
      columns: ['pdf_file_id', 'manifest_file_id', 'pdf', 'manifest'],
      purge: (db, now, config, ctx) =>
        db.transaction().execute((trx) =>
          purgePrintBatchFiles(withFiles(ctx), trx, {
            printedBefore: new Date(now.getTime() - settingsOf(config, notifySettings).PRINT_BATCH_RETENTION_DAYS * day),
            createdBefore: new Date(now.getTime() - settingsOf(config, notifySettings).NOTIFY_RETENTION_DAYS * day),
          }),
        ),
    },
    {
      id: 'notify.delivery-records',
      description: 'notify:retention.records',
      table: 'notify_deliveries',
      columns: ['message_id', 'channel', 'status', 'last_error'],
      // The proof that and how the city informed someone is kept for as long as the matter itself.
      purge: async () => 0,
    },
  ],
});
