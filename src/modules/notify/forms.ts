import { defineForm, type FormErrors } from '#kernel/forms/index.ts';
import type { TemplateProblems } from './service.templates.ts';
import { deliveryStatuses } from './tables.ts';

/*
 * Notify's back-office forms as data (`src/kernel/forms/README.md`): the routes read them into typed values,
 * the services answer with reasons, and the routes word them with the kernel's `formState`.
 */

const subject = (language: 'de' | 'en') => ({ kind: 'text', label: `notify:templates.fields.subject_${language}`, maxLength: 200 }) as const;
const body = (language: 'de' | 'en') => ({ kind: 'textarea', label: `notify:templates.fields.body_${language}`, hint: 'notify:templates.bodyHint', maxLength: 10_000 }) as const;

/**
 * A template's texts in both languages. Empty texts are the service's to refuse, naming the language; a
 * form without the version it started from is treated as started from none, and is told to look again.
 */
export const templateForm = defineForm({
  id: 'notify.template',
  fields: {
    basedOn: { kind: 'integer', min: 1 },
    subject_de: subject('de'),
    body_de: body('de'),
    subject_en: subject('en'),
    body_en: body('en'),
    action: {
      kind: 'choice',
      options: [
        { value: 'preview', label: 'notify:templates.showPreview' },
        { value: 'save', label: 'notify:templates.save' },
      ],
    },
  },
});

const language = (code: 'de' | 'en') => ({ key: `notify:languages.${code}` });

/** The service's reasons as the forms library's reason codes, by field, with the values their messages name. */
export function templateErrors(problems: TemplateProblems): FormErrors {
  const errors: FormErrors = {};
  for (const [field, problem] of Object.entries(problems)) {
    switch (problem.reason) {
      case 'subject-required':
        errors[field] = { code: 'notify:templates.errors.subjectRequired', values: { language: language(problem.language) } };
        break;
      case 'body-required':
        errors[field] = { code: 'notify:templates.errors.bodyRequired', values: { language: language(problem.language) } };
        break;
      case 'subject-one-line':
        errors[field] = { code: 'notify:templates.errors.subjectOneLine' };
        break;
      case 'unknown-placeholder':
        errors[field] = { code: 'notify:templates.errors.unknownPlaceholder', values: { names: problem.names.map((name) => `((${name}))`).join(', ') } };
        break;
      case 'changed-meanwhile':
        errors[field] = { code: 'notify:templates.errors.changedMeanwhile', values: { version: problem.version } };
        break;
    }
  }
  return errors;
}

/** A letter that came back, with what the envelope said. */
export const returnedForm = defineForm({
  id: 'notify.returned',
  fields: { note: { kind: 'text', label: 'notify:staff.returnNote', hint: 'notify:staff.returnHint', maxLength: 500 } },
});

const anyOption = { value: '', label: 'notify:staff.any' } as const;

/** The day's messages, filtered; read from the query string. A day is written as people write it (`27.11.2026`). */
export const messagesFilterForm = defineForm({
  id: 'notify.messages-filter',
  fields: {
    day: { kind: 'date', label: 'notify:staff.day' },
    status: { kind: 'choice', label: 'notify:staff.status', widget: 'select', options: [anyOption, ...deliveryStatuses.map((status) => ({ value: status, label: `notify:status.${status}` }))] },
    channel: { kind: 'choice', label: 'notify:staff.channel', widget: 'select', options: [anyOption, ...(['email', 'letter', 'inbox'] as const).map((channel) => ({ value: channel, label: `notify:channels.${channel}` }))] },
  },
});

/** The failures of one day. */
export const dayForm = defineForm({ id: 'notify.day', fields: { day: { kind: 'date', label: 'notify:staff.day' } } });
