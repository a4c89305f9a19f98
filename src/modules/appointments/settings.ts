import { defineSettings, integer } from '#kernel/settings.ts';

/** What an installation sets for appointments; read with `settingsOf(ctx, appointmentsSettings)`. */
export const appointmentsSettings = defineSettings({
  APPOINTMENT_BOOKINGS_PER_CONTACT: {
    description: 'How many appointments to come one e-mail address or phone number may hold at once when booking online (staff booking for a caller is not limited)',
    default: '2',
    parse: integer(1, 20),
  },
  APPOINTMENT_NO_SHOW_LIMIT: {
    description: 'After this many missed appointments within a year, an e-mail address or phone number cannot book online for APPOINTMENT_NO_SHOW_PAUSE_DAYS days (booking by phone stays open); 0 switches the rule off',
    default: '2',
    parse: integer(0, 20),
  },
  APPOINTMENT_NO_SHOW_PAUSE_DAYS: {
    description: 'Days an e-mail address or phone number cannot book online after reaching APPOINTMENT_NO_SHOW_LIMIT',
    default: '60',
    parse: integer(1, 365),
  },
});
