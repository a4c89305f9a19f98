import type { AuditSubjects } from '#kernel/module.ts';
import { appointmentsDb } from './repo.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the module's audit records are about: a booking by its reference, a place by its name, a number, an entry of the waiting list. */
export const appointmentsAuditSubjects: AuditSubjects = {
  types: {
    'appointments.booking': 'appointments:auditSubjects.booking',
    'appointments.location': 'appointments:auditSubjects.location',
    'appointments.ticket': 'appointments:auditSubjects.ticket',
    'appointments.waitlist': 'appointments:auditSubjects.waitlist',
  },
  describe: async (db, t, type, ids) => {
    const known = ids.filter((id) => uuid.test(id));
    if (known.length === 0) return new Map();
    const appointments = appointmentsDb(db);
    if (type === 'appointments.booking') {
      const rows = await appointments.selectFrom('appointment_bookings').select(['id', 'reference']).where('id', 'in', known).execute();
      return new Map(rows.map((row) => [row.id, t('appointments:auditSubjects.bookingNamed', { reference: row.reference })]));
    }
    if (type === 'appointments.location') {
      const rows = await appointments.selectFrom('appointment_locations').select(['id', 'name']).where('id', 'in', known).execute();
      return new Map(rows.map((row) => [row.id, row.name]));
    }
    return new Map();
  },
};
