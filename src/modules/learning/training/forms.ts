import { defineForm } from '#kernel/forms/index.ts';

/*
 * The coordinator records a completion from a certificate: which requirement (the options are the
 * requirements in force, known when the page is made; the service checks the key), when it was completed,
 * until when it counts when the certificate says so (otherwise the requirement's months decide), the
 * course and its provider, and the certificate itself as a PDF.
 */

export const certificateTypes = ['application/pdf'];
export const maxCertificateBytes = 5 * 1024 * 1024;

export const externalForm = defineForm({
  id: 'learning.training-external',
  once: true,
  fields: {
    requirement: {
      kind: 'choice',
      widget: 'select',
      label: 'learning:training.form.requirement',
      required: true,
      maxLength: 60,
      messages: { 'required-choice': 'learning:training.errors.requirement' },
    },
    completedOn: {
      kind: 'date',
      label: 'learning:training.form.completedOn',
      required: true,
      messages: { required: 'learning:training.errors.completedOnMissing' },
    },
    expiresOn: { kind: 'date', label: 'learning:training.form.expiresOn', hint: 'learning:training.form.expiresOnHint' },
    courseTitle: {
      kind: 'text',
      label: 'learning:training.form.courseTitle',
      required: true,
      maxLength: 200,
      messages: { required: 'learning:training.errors.courseTitleMissing' },
    },
    provider: {
      kind: 'text',
      label: 'learning:training.form.provider',
      hint: 'learning:training.form.providerHint',
      required: true,
      maxLength: 200,
      messages: { required: 'learning:training.errors.providerMissing' },
    },
    certificate: { kind: 'file', label: 'learning:training.form.certificate', hint: 'learning:training.form.certificateHint', accept: certificateTypes, maxBytes: maxCertificateBytes },
  },
});

/*
 * A required training as the coordinator keeps it. The roles' options are the roles the installed modules
 * declare, known when the page is made; the service checks them. The key is given once, when the training
 * is set up: staff courses name it, so it never changes.
 */
const requirementFields = {
  titleDe: { kind: 'text', label: 'learning:training.requirements.fields.titleDe', required: true, maxLength: 150, messages: { required: 'learning:training.errors.titleMissing' } },
  titleEn: { kind: 'text', label: 'learning:training.requirements.fields.titleEn', required: true, maxLength: 150, messages: { required: 'learning:training.errors.titleMissing' } },
  descriptionDe: { kind: 'textarea', label: 'learning:training.requirements.fields.descriptionDe', maxLength: 2000 },
  descriptionEn: { kind: 'textarea', label: 'learning:training.requirements.fields.descriptionEn', maxLength: 2000 },
  roles: { kind: 'choices', label: 'learning:training.requirements.fields.roles', hint: 'learning:training.requirements.fields.rolesHint', maxItems: 50, maxLength: 60 },
  validMonths: {
    kind: 'integer',
    label: 'learning:training.requirements.fields.validMonths',
    hint: 'learning:training.requirements.fields.validMonthsHint',
    required: true,
    min: 1,
    max: 120,
    messages: { required: 'learning:training.errors.validMonths', 'too-small': 'learning:training.errors.validMonths', 'too-large': 'learning:training.errors.validMonths', integer: 'learning:training.errors.validMonths' },
  },
  remindDays: {
    kind: 'integer',
    label: 'learning:training.requirements.fields.remindDays',
    hint: 'learning:training.requirements.fields.remindDaysHint',
    required: true,
    min: 1,
    max: 365,
    messages: { required: 'learning:training.errors.remindDays', 'too-small': 'learning:training.errors.remindDays', 'too-large': 'learning:training.errors.remindDays', integer: 'learning:training.errors.remindDays' },
  },
  active: { kind: 'checkbox', label: 'learning:training.requirements.fields.active' },
} as const;

export const requirementForm = defineForm({ id: 'learning.training-requirement', fields: requirementFields });

export const newRequirementForm = defineForm({
  id: 'learning.training-requirement-new',
  once: true,
  fields: {
    key: {
      kind: 'text',
      label: 'learning:training.requirements.fields.key',
      hint: 'learning:training.requirements.fields.keyHint',
      required: true,
      maxLength: 60,
      pattern: '[a-z0-9]+(-[a-z0-9]+)*',
      messages: { required: 'learning:training.errors.keyMissing', pattern: 'learning:training.errors.keyPattern' },
    },
    ...requirementFields,
  },
});
