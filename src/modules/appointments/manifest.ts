import { defineModule } from '#kernel/module.ts';
import figuresDe from './locales/figures.de.json' with { type: 'json' };
import figuresEn from './locales/figures.en.json' with { type: 'json' };
import { availabilityHistoryDataset, monthlyFiguresDataset } from './opendata.ts';
import figureStatsDe from './locales/figure-stats.de.json' with { type: 'json' };
import figureStatsEn from './locales/figure-stats.en.json' with { type: 'json' };
import { snapshotAvailabilityJob, takeAvailabilitySnapshots } from './service.snapshots.ts';
import { apiRoutes } from './routes.api.ts';
import { figuresPath, figuresRoutes } from './routes.figures.tsx';
import { seedAppointments } from './seed.ts';
import { availabilitySubscriptions, serviceRoutes } from './service.routes.ts';
import { daysUntilFreeFigure, meanWaitFigure, noShowRateFigure, servedPerDayFigure } from './stats.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import { appointmentsMigrations } from './migrations/index.ts';
import { anonymiseBookings, bookingsOf, eraseBookingsOf } from './repo.privacy.ts';
import { appointmentsDb } from './repo.ts';
import { appointmentsPermissions, appointmentsRoles, permissionMap } from './permissions.ts';
import { appointmentBooked, appointmentTimeFreed } from './events.ts';
import { appointmentsAuditSubjects } from './audit.ts';
import { accountBookingRoutes } from './routes.account.tsx';
import { bookingRoutes } from './routes.booking.tsx';
import { bookingApiRoutes } from './routes.api.bookings.ts';
import { confirmOnBooked, sendCancellationJob, sendConfirmationJob, sendConfirmLinkJob } from './service.mails.ts';
import { appointmentsSettings } from './settings.ts';
import staffDe from './locales/staff.de.json' with { type: 'json' };
import staffEn from './locales/staff.en.json' with { type: 'json' };
import { staffRoutes } from './routes.staff.tsx';
import waitlistDe from './locales/waitlist.de.json' with { type: 'json' };
import waitlistEn from './locales/waitlist.en.json' with { type: 'json' };
import { sendWaitlistConfirmJob, sendWaitlistOfferJob } from './jobs.waitlist.ts';
import { eraseEntriesOf, entriesOfUser, purgeEntries, waitlistDb } from './repo.waitlist.ts';
import { waitlistRoutes } from './routes.waitlist.tsx';
import { cancelForClosedOffice } from './service.closure.ts';
import { sendBookingSmsJob } from './service.notices.ts';
import { sendRemindersJob } from './service.reminders.ts';
import { offerToWaitlist, sweepWaitlistJob } from './service.waitlist.offer.ts';

export const appointmentsModule = defineModule({
  id: 'appointments',
  migrations: appointmentsMigrations,
  locales: { de: { ...de, ...waitlistDe, ...figuresDe, ...staffDe, ...figureStatsDe }, en: { ...en, ...waitlistEn, ...figuresEn, ...staffEn, ...figureStatsEn } },
  permissions: permissionMap,
  roles: appointmentsRoles,
  events: [appointmentBooked, appointmentTimeFreed],
  settings: appointmentsSettings,
  jobs: [sendConfirmLinkJob, sendConfirmationJob, sendCancellationJob, sendWaitlistConfirmJob, sendWaitlistOfferJob, sweepWaitlistJob, sendRemindersJob, sendBookingSmsJob, snapshotAvailabilityJob],
  // A freed time goes to the first in line; an office published with a new closing day cancels that day's bookings.
  on: [confirmOnBooked, offerToWaitlist, cancelForClosedOffice, ...availabilitySubscriptions],
  routes: async (app, ctx) => {
    await app.register(async (scope) => bookingRoutes(scope, ctx));
    await app.register(async (scope) => accountBookingRoutes(scope, ctx));
    await app.register(async (scope) => bookingApiRoutes(scope, ctx));
    await app.register(async (scope) => apiRoutes(scope, ctx));
    await app.register(async (scope) => figuresRoutes(scope, ctx));
    await app.register(async (scope) => waitlistRoutes(scope, ctx));
    await app.register(async (scope) => staffRoutes(scope, ctx));
  },
  auditSubjects: appointmentsAuditSubjects,
  about: { heading: 'appointments:about.heading', text: 'appointments:about.text', easyText: 'appointments:about.easy', href: '/termine/buchen', order: 20 },
  accountLinks: [{ path: '/konto/termine', label: 'appointments:mine.title', order: 6 }],
  // The demo places' first availability snapshot, so the figures and the history have a day from the start.
  seed: async (ctx) => {
    await seedAppointments(ctx);
    await takeAvailabilitySnapshots(ctx);
  },
  serviceRoutes,
  stats: [noShowRateFigure, servedPerDayFigure, meanWaitFigure, daysUntilFreeFigure],
  openData: [monthlyFiguresDataset, availabilityHistoryDataset],
  staffLinks: [{ path: '/verwaltung/termine', label: 'appointments:staff.places.title', permission: appointmentsPermissions.serveCounters, order: 47 }, { path: figuresPath, label: 'appointments:figures.staffLink', permission: appointmentsPermissions.serveCounters, order: 48 }],
  retention: [
    {
      id: 'appointments.booking-contact',
      description: 'appointments:retention.bookings',
      table: 'appointment_bookings',
      columns: ['name', 'email', 'phone', 'user_id', 'needs', 'needs_note'],
      purge: (db, now) => anonymiseBookings(appointmentsDb(db), now),
    },
    {
      id: 'appointments.waitlist',
      description: 'appointments:waitlist.retention',
      table: 'appointment_waitlist',
      columns: ['name', 'email', 'user_id'],
      purge: (db, now) => purgeEntries(waitlistDb(db), now),
    },
  ],
  personalData: {
    export: async (db, userId) => ({ appointments: await bookingsOf(appointmentsDb(db), userId), waitlist: await entriesOfUser(waitlistDb(db), userId) }),
    erase: async (db, userId) => {
      await eraseBookingsOf(appointmentsDb(db), userId, new Date());
      await eraseEntriesOf(waitlistDb(db), userId);
    },
  },
});
