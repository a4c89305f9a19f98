import { defineForm } from '#kernel/forms/index.ts';

/*
 * The person's forms while booking: their details for a held time, and the code from the SMS. How many
 * persons come for which service is read from the query of the times page (`service.request.ts`), since it
 * changes nothing and can be bookmarked.
 */

export const detailsForm = defineForm({
  id: 'appointments.details',
  fields: {
    name: { kind: 'text', label: 'appointments:details.name', hint: 'appointments:details.nameHint', required: true, maxLength: 200, autocomplete: 'name' },
    confirmBy: {
      kind: 'choice',
      label: 'appointments:details.confirmBy',
      required: true,
      options: [
        { value: 'email', label: 'appointments:details.byEmail' },
        { value: 'sms', label: 'appointments:details.bySms' },
      ],
    },
    email: { kind: 'email', label: 'appointments:details.email', hint: 'appointments:details.emailHint', maxLength: 254 },
    phone: { kind: 'phone', label: 'appointments:details.phone', hint: 'appointments:details.phoneHint', autocomplete: 'tel' },
    needs: {
      kind: 'choices',
      label: 'appointments:details.needs',
      hint: 'appointments:details.needsHint',
      options: [
        { value: 'interpreter', label: 'appointments:needs.interpreter' },
        { value: 'step-free', label: 'appointments:needs.step-free' },
        { value: 'more-time', label: 'appointments:needs.more-time' },
      ],
    },
    needsNote: { kind: 'textarea', label: 'appointments:details.needsNote', hint: 'appointments:details.needsNoteHint', maxLength: 300 },
  },
});

export const codeForm = defineForm({
  id: 'appointments.code',
  fields: { code: { kind: 'text', label: 'appointments:code.label', hint: 'appointments:code.hint', required: true, maxLength: 12, pattern: '^\\s*[0-9]{3}\\s*[0-9]{3}\\s*$', autocomplete: 'one-time-code', inputmode: 'numeric' } },
});
