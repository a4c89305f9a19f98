import { defineForm } from '#kernel/forms/index.ts';

/*
 * The waiting list's form: who to tell (name, address) and the days the person can come. The place, the
 * services and the persons come with the address of the page, from the booking page that found nothing free.
 */
export const waitlistForm = defineForm({
  id: 'appointments.waitlist',
  once: true,
  fields: {
    name: { kind: 'text', label: 'appointments:waitlist.form.name', required: true, maxLength: 200, autocomplete: 'name' },
    email: { kind: 'email', label: 'appointments:waitlist.form.email', hint: 'appointments:waitlist.form.emailHint', required: true, maxLength: 254 },
    fromDay: { kind: 'date', label: 'appointments:waitlist.form.fromDay', required: true },
    toDay: { kind: 'date', label: 'appointments:waitlist.form.toDay', hint: 'appointments:waitlist.form.toDayHint', required: true },
  },
});
