import { defineModule } from '#kernel/module.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import { appointmentsMigrations } from './migrations/index.ts';
import { anonymiseBookings, bookingsOf, eraseBookingsOf } from './repo.privacy.ts';
import { appointmentsDb } from './repo.ts';
import { appointmentsPermissions, appointmentsRoles, permissionMap } from './permissions.ts';
import { appointmentBooked, appointmentTimeFreed } from './events.ts';
import staffDe from './locales/staff.de.json' with { type: 'json' };
import staffEn from './locales/staff.en.json' with { type: 'json' };
import { staffRoutes } from './routes.staff.tsx';

export const appointmentsModule = defineModule({
  id: 'appointments',
  migrations: appointmentsMigrations,
  locales: { de: { ...de, ...staffDe }, en: { ...en, ...staffEn } },
  permissions: permissionMap,
  roles: appointmentsRoles,
  events: [appointmentBooked, appointmentTimeFreed],
  routes: async (app, ctx) => {
    await app.register(async (scope) => staffRoutes(scope, ctx));
  },
  staffLinks: [{ path: '/verwaltung/termine', label: 'appointments:staff.places.title', permission: appointmentsPermissions.serveCounters, order: 47 }],
  retention: [
    {
      id: 'appointments.booking-contact',
      description: 'appointments:retention.bookings',
      table: 'appointment_bookings',
      columns: ['name', 'email', 'phone', 'user_id'],
      purge: (db, now) => anonymiseBookings(appointmentsDb(db), now),
    },
  ],
  personalData: {
    export: async (db, userId) => ({ appointments: await bookingsOf(appointmentsDb(db), userId) }),
    erase: (db, userId) => eraseBookingsOf(appointmentsDb(db), userId, new Date()),
  },
});
