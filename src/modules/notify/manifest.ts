import type { KernelContext } from '#kernel/context.ts';
import { defineModule, type App } from '#kernel/module.ts';
import { deliverEmailJob, printBatchJob, remakePrintBatchJob, sweepJob } from './jobs.ts';
import { notifyPermissions, permissionMap } from './permissions.ts';
import { personalMessages } from './repo.messages.ts';
import { purgeBatchFiles } from './repo.batches.ts';
import { purgeAttachmentsOfPurgedMessages, purgeMessageContent } from './repo.retention.ts';
import { notifyDb } from './repo.templates.ts';
import { apiRoutes } from './routes.api.ts';
import { inboxRoutes } from './routes.inbox.tsx';
import { staffRoutes } from './routes.staff.tsx';
import { templateRoutes } from './routes.templates.tsx';
import { withdrawLettersOf } from './service.withdraw.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import { notifyMigrations } from './migrations/index.ts';

const day = 86_400_000;

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
  staffLinks: [
    { path: '/verwaltung/vorlagen', label: 'notify:templates.title', permission: notifyPermissions.editTemplates, order: 50 },
    { path: '/verwaltung/nachrichten', label: 'notify:staff.messagesTitle', permission: notifyPermissions.viewMessages, order: 60 },
    { path: '/verwaltung/nachrichten/fehler', label: 'notify:staff.failuresTitle', permission: notifyPermissions.viewMessages, order: 61 },
    { path: '/verwaltung/druck', label: 'notify:print.title', permission: notifyPermissions.print, order: 70 },
  ],
  accountLinks: [{ path: '/konto/nachrichten', label: 'notify:inbox.title', order: 10 }],
  about: { heading: 'notify:about.heading', text: 'notify:about.text', easyText: 'notify:about.easy', href: '/konto/nachrichten', order: 70 },
  jobs: [deliverEmailJob, printBatchJob, remakePrintBatchJob, sweepJob],
  personalData: {
    export: async (db, userId) => ({ messages: await personalMessages(notifyDb(db), userId) }),
    // The delivery records stay (the city must be able to show that and how it informed someone); what the
    // messages said, the addresses and the name go now rather than at the end of the retention period, and
    // so do the person's letters in print batches not yet printed.
    erase: async (db, userId, ctx) => {
      await withdrawLettersOf(ctx, db, userId);
      await purgeMessageContent(notifyDb(db), { userId });
    },
  },
  locales: { de, en },
  auditSubjects: {
    types: { notify_message: 'notify:auditSubjects.message', notify_print_batch: 'notify:auditSubjects.printBatch', notify_template: 'notify:auditSubjects.template' },
  },
  retention: [
    {
      id: 'notify.message-content',
      description: 'notify:retention.content',
      table: 'notify_messages',
      columns: ['subject', 'body', 'email', 'postal_address', 'recipient_name'],
      purge: (db, now, config) => purgeMessageContent(notifyDb(db), { createdBefore: new Date(now.getTime() - config.NOTIFY_RETENTION_DAYS * day) }),
    },
    {
      id: 'notify.message-attachments',
      description: 'notify:retention.attachments',
      table: 'notify_attachments',
      columns: ['filename', 'content'],
      // Deleted together with the message's content; this catches any left behind by an interrupted run.
      purge: (db) => purgeAttachmentsOfPurgedMessages(notifyDb(db)),
    },
    {
      id: 'notify.print-batches',
      description: 'notify:retention.batches',
      descriptionValues: (config) => ({ days: config.PRINT_BATCH_RETENTION_DAYS }),
      table: 'notify_print_batches',
      columns: ['pdf', 'manifest'],
      purge: (db, now, config) =>
        purgeBatchFiles(notifyDb(db), {
          printedBefore: new Date(now.getTime() - config.PRINT_BATCH_RETENTION_DAYS * day),
          createdBefore: new Date(now.getTime() - config.NOTIFY_RETENTION_DAYS * day),
        }),
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
