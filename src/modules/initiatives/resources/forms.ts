import { defineForm } from '#kernel/forms/index.ts';

/*
 * The request for a resource: for which initiative (one of the published ones, or an organisation by
 * name), who to answer, the day wanted and what is asked. No account is needed.
 */
export const requestForm = defineForm({
  id: 'initiatives.resource-request',
  once: true,
  fields: {
    // Options are the published initiatives, known when the page is made; the service checks the id.
    initiative: { kind: 'choice', widget: 'select', label: 'initiatives:resources.form.initiative', hint: 'initiatives:resources.form.initiativeHint', maxLength: 200 },
    organisation: { kind: 'text', label: 'initiatives:resources.form.organisation', maxLength: 200, autocomplete: 'organization' },
    name: { kind: 'text', label: 'initiatives:resources.form.name', required: true, maxLength: 200, autocomplete: 'name' },
    email: { kind: 'email', label: 'initiatives:resources.form.email', required: true, maxLength: 254 },
    phone: { kind: 'phone', label: 'initiatives:resources.form.phone' },
    wantedOn: { kind: 'date', label: 'initiatives:resources.form.wantedOn', hint: 'initiatives:resources.form.wantedOnHint' },
    message: { kind: 'textarea', label: 'initiatives:resources.form.message', required: true, maxLength: 4000 },
  },
});

/** The keeper's answer: accept or decline, with a text mailed to the requester. */
export const answerForm = defineForm({
  id: 'initiatives.resource-answer',
  fields: {
    decision: {
      kind: 'choice',
      label: 'initiatives:resources.staff.decision',
      required: true,
      options: [
        { value: 'accepted', label: 'initiatives:resources.status.accepted' },
        { value: 'declined', label: 'initiatives:resources.status.declined' },
      ],
    },
    answer: { kind: 'textarea', label: 'initiatives:resources.staff.answer', hint: 'initiatives:resources.staff.answerHint', required: true, maxLength: 4000 },
  },
});
