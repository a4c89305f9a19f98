import type { Migrations } from '#kernel/db/migrate.ts';
import * as appointments from './202612210900_appointments.ts';
import * as bookingContact from './202612220900_booking_contact.ts';
import * as appointmentQueue from './202612221000_appointment_queue.ts';
import * as appointmentWaitlist from './202612221100_appointment_waitlist.ts';
import * as availabilitySnapshots from './202612221200_availability_snapshots.ts';
import * as placesContentChanged from './202612221300_places_content_changed.ts';

/** Every migration file of this folder, by name; `migrate.test.ts` fails on one left out. */
export const appointmentsMigrations: Migrations = {
  '202612210900_appointments': appointments,
  '202612220900_booking_contact': bookingContact,
  '202612221000_appointment_queue': appointmentQueue,
  '202612221100_appointment_waitlist': appointmentWaitlist,
  '202612221200_availability_snapshots': availabilitySnapshots,
  '202612221300_places_content_changed': placesContentChanged,
};
