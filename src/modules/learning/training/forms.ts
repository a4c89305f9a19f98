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
