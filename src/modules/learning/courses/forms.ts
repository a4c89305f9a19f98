import { defineForm, type FormErrors, type FormValue, type Option } from '#kernel/forms/index.ts';
import type { Registrant } from './service.registration.ts';
import { supportNeeds } from './vocabulary.ts';

/*
 * Registering for a session: a person with an account gives only what the course needs to know (support);
 * a guest, or staff for someone who calls, also a name and at least one way to be reached. Nothing else is
 * asked: no date of birth, no reason for coming.
 */

const needOptions: Option[] = supportNeeds.map((value) => ({ value, label: `learning:courses.needs.${value}` }));

const support = {
  supportNeeds: { kind: 'choices', label: 'learning:courses.fields.supportNeeds', hint: 'learning:courses.fields.supportNeedsHint', options: needOptions },
  supportNote: { kind: 'textarea', label: 'learning:courses.fields.supportNote', hint: 'learning:courses.fields.supportNoteHint', maxLength: 500 },
} as const;

const person = {
  name: { kind: 'text', label: 'learning:courses.fields.name', required: true, maxLength: 200, autocomplete: 'name' },
  email: { kind: 'email', label: 'learning:courses.fields.email', hint: 'learning:courses.fields.emailHint', maxLength: 254, autocomplete: 'email', messages: { contact: 'learning:courses.errors.contact' } },
  phone: { kind: 'phone', label: 'learning:courses.fields.phone', hint: 'learning:courses.fields.phoneHint', autocomplete: 'tel' },
  street: { kind: 'text', label: 'learning:courses.fields.street', hint: 'learning:courses.fields.addressHint', maxLength: 150, autocomplete: 'address-line1', messages: { address: 'learning:courses.errors.address' } },
  houseNumber: { kind: 'text', label: 'learning:courses.fields.houseNumber', maxLength: 20 },
  postalCode: { kind: 'text', label: 'learning:courses.fields.postalCode', maxLength: 5, pattern: '^\\d{5}$', autocomplete: 'postal-code', messages: { pattern: 'learning:courses.errors.postalCode' } },
  city: { kind: 'text', label: 'learning:courses.fields.city', maxLength: 100, autocomplete: 'address-level2' },
} as const;

export const accountRegistrationForm = defineForm({ id: 'learning.register-account', once: true, fields: support });

export const guestRegistrationForm = defineForm({ id: 'learning.register-guest', once: true, fields: { ...person, ...support } });

/** Staff registering someone who called or came by; the language of the letters they will get. */
export const phoneRegistrationForm = defineForm({
  id: 'learning.register-phone',
  once: true,
  fields: {
    ...person,
    name: { ...person.name, label: 'learning:courses.fields.personName', autocomplete: 'off' },
    ...support,
    channel: {
      kind: 'choice',
      label: 'learning:courses.fields.channel',
      required: true,
      options: [
        { value: 'phone', label: 'learning:courses.channels.phone' },
        { value: 'counter', label: 'learning:courses.channels.counter' },
      ],
    },
    language: {
      kind: 'choice',
      label: 'learning:courses.fields.language',
      required: true,
      options: [
        { value: 'de', label: 'learning:courses.languages.de' },
        { value: 'en', label: 'learning:courses.languages.en' },
      ],
    },
  },
});

type PersonValue = FormValue<typeof guestRegistrationForm>;

/**
 * The guest a form describes, or the problems: at least one way to reach them (an e-mail address, a phone
 * number or a whole postal address), and an address either whole or not at all.
 */
export function registrantOf(value: PersonValue): { ok: true; registrant: Registrant } | { ok: false; errors: FormErrors } {
  const parts = [value.street, value.houseNumber, value.postalCode, value.city];
  const address = parts.every(Boolean) ? { street: value.street, houseNumber: value.houseNumber, postalCode: value.postalCode, city: value.city } : null;
  if (!address && parts.some(Boolean)) return { ok: false, errors: { street: { code: 'address' } } };
  if (!value.email && !value.phone && !address) return { ok: false, errors: { email: { code: 'contact' } } };
  return { ok: true, registrant: { kind: 'guest', name: value.name, email: value.email, phone: value.phone, postalAddress: address } };
}
