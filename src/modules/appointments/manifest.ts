import { defineModule } from '#kernel/module.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import { appointmentsMigrations } from './migrations/index.ts';
import { anonymiseBookings, bookingsOf, eraseBookingsOf } from './repo.privacy.ts';
import { appointmentsDb } from './repo.ts';
import { appointmentsRoles, permissionMap } from './permissions.ts';
import { appointmentBooked, appointmentTimeFreed } from './events.ts';

export const appointmentsModule = defineModule({
  id: 'appointments',
  migrations: appointmentsMigrations,
  locales: { de, en },
  permissions: permissionMap,
  roles: appointmentsRoles,
  events: [appointmentBooked, appointmentTimeFreed],
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
