import { defineForm } from '#kernel/forms/index.ts';
import { competenceCodes } from '#modules/learning/assessment/digcomp.ts';
import { accessibilityFeatures, audiences, courseLevels } from '../vocabulary.ts';

/*
 * The coordinator's two forms: a course (what is offered) and a session of it (when, where, how many). The
 * fixed lists are the vocabulary's; the training a staff course fulfils and the trainer come from the
 * database, so their options are given when the page is made and the service checks what comes back.
 */

const options = <V extends string>(values: readonly V[], prefix: string): { value: V; label: string }[] => values.map((value) => ({ value, label: `${prefix}${value}` }));

/** A course's address on `/kurse/…`: lower-case words joined by hyphens. */
export const slugPattern = '[a-z0-9]+(-[a-z0-9]+)*';

export const courseForm = defineForm({
  id: 'learning.course',
  once: true,
  fields: {
    title: { kind: 'text', label: 'learning:courseEditing.fields.title', required: true, maxLength: 150, messages: { required: 'learning:courseEditing.errors.titleMissing' } },
    slug: {
      kind: 'text',
      label: 'learning:courseEditing.fields.slug',
      hint: 'learning:courseEditing.fields.slugHint',
      maxLength: 80,
      pattern: slugPattern,
      messages: { pattern: 'learning:courseEditing.errors.slugPattern' },
    },
    summary: { kind: 'textarea', label: 'learning:courseEditing.fields.summary', hint: 'learning:courseEditing.fields.summaryHint', required: true, maxLength: 400, messages: { required: 'learning:courseEditing.errors.summaryMissing' } },
    description: { kind: 'textarea', label: 'learning:courseEditing.fields.description', maxLength: 4000 },
    audience: { kind: 'choice', label: 'learning:courseEditing.fields.audience', required: true, options: options(audiences, 'learning:courseEditing.audiences.') },
    level: { kind: 'choice', label: 'learning:courseEditing.fields.level', hint: 'learning:courseEditing.fields.levelHint', required: true, options: options(courseLevels, 'learning:courses.levels.') },
    targetGroup: { kind: 'text', label: 'learning:courseEditing.fields.targetGroup', hint: 'learning:courseEditing.fields.targetGroupHint', required: true, maxLength: 200, messages: { required: 'learning:courseEditing.errors.targetGroupMissing' } },
    // Rendered by hand, grouped by the five areas; the labels are the DigComp names (`learning:digcomp`).
    competences: { kind: 'choices', label: 'learning:courseEditing.fields.competences', hint: 'learning:courseEditing.fields.competencesHint', options: competenceCodes.map((code) => ({ value: code, label: `learning:digcomp.competences.${code.replace('.', '-')}` })) },
    accessibility: { kind: 'choices', label: 'learning:courseEditing.fields.accessibility', options: options(accessibilityFeatures, 'learning:courses.accessibility.') },
    language: { kind: 'choice', label: 'learning:courseEditing.fields.language', widget: 'select', required: true, options: options(['de', 'en'] as const, 'learning:courses.languages.') },
    price: { kind: 'euros', label: 'learning:courseEditing.fields.price', hint: 'learning:courseEditing.fields.priceHint', max: 100_000 },
    provider: { kind: 'text', label: 'learning:courseEditing.fields.provider', required: true, maxLength: 200, messages: { required: 'learning:courseEditing.errors.providerMissing' } },
    contactPhone: { kind: 'phone', label: 'learning:courseEditing.fields.contactPhone', hint: 'learning:courseEditing.fields.contactPhoneHint', required: true, autocomplete: 'off', messages: { required: 'learning:courseEditing.errors.phoneMissing' } },
    trainingKey: { kind: 'choice', label: 'learning:courseEditing.fields.trainingKey', hint: 'learning:courseEditing.fields.trainingKeyHint', widget: 'select', maxLength: 60 },
    published: { kind: 'checkbox', label: 'learning:courseEditing.fields.published' },
  },
});

export const sessionForm = defineForm({
  id: 'learning.session',
  once: true,
  fields: {
    meeting: {
      kind: 'group',
      label: 'learning:courseEditing.fields.meeting',
      hint: 'learning:courseEditing.fields.meetingHint',
      min: 1,
      max: 10,
      spare: 5,
      messages: { 'too-few': 'learning:courseEditing.errors.noMeeting' },
      fields: {
        date: { kind: 'date', label: 'learning:courseEditing.fields.meetingDate', required: true },
        from: { kind: 'time', label: 'learning:courseEditing.fields.meetingFrom', required: true },
        to: { kind: 'time', label: 'learning:courseEditing.fields.meetingTo', required: true },
      },
    },
    place: { kind: 'text', label: 'learning:courseEditing.fields.place', hint: 'learning:courseEditing.fields.placeHint', maxLength: 200 },
    address: { kind: 'text', label: 'learning:courseEditing.fields.address', maxLength: 200 },
    onlineUrl: { kind: 'text', label: 'learning:courseEditing.fields.onlineUrl', hint: 'learning:courseEditing.fields.onlineUrlHint', maxLength: 500, autocomplete: 'off' },
    capacity: {
      kind: 'integer',
      label: 'learning:courseEditing.fields.capacity',
      required: true,
      min: 1,
      max: 500,
      messages: { required: 'learning:courseEditing.errors.capacity', integer: 'learning:courseEditing.errors.capacity', 'too-small': 'learning:courseEditing.errors.capacity', 'too-large': 'learning:courseEditing.errors.capacity' },
    },
    minParticipants: {
      kind: 'integer',
      label: 'learning:courseEditing.fields.minParticipants',
      hint: 'learning:courseEditing.fields.minParticipantsHint',
      required: true,
      min: 1,
      max: 500,
      messages: { required: 'learning:courseEditing.errors.minimum', integer: 'learning:courseEditing.errors.minimum', 'too-small': 'learning:courseEditing.errors.minimum', 'too-large': 'learning:courseEditing.errors.minimum' },
    },
    decideByDate: { kind: 'date', label: 'learning:courseEditing.fields.decideByDate', hint: 'learning:courseEditing.fields.decideByHint' },
    decideByTime: { kind: 'time', label: 'learning:courseEditing.fields.decideByTime', hint: 'learning:courseEditing.fields.decideByTimeHint' },
    trainer: { kind: 'choice', label: 'learning:courseEditing.fields.trainer', hint: 'learning:courseEditing.fields.trainerHint', widget: 'select', maxLength: 40 },
  },
});
