import type { RecipientProfile } from '#modules/accounts/index.ts';
import { isAddressAnswer, type Answers } from './definition/answers.ts';
import type { FormDefinition } from './definition/schema.ts';
import type { Applicant } from './tables.ts';

/*
 * Who applied, for the case and for every message about it: what the person entered in the form's fields
 * that offer the account's data (a name, an address, an e-mail address), and the account for the rest.
 * What was entered for this case wins: a person may apply from a different address than the account has.
 */

function prefillAnswers(definition: FormDefinition, answers: Answers): Map<string, Answers[string]> {
  const found = new Map<string, Answers[string]>();
  for (const page of definition.pages) {
    for (const field of page.fields) {
      if (field.type === 'group' || !field.prefill) continue;
      const value = answers[field.id];
      if (value !== undefined && value !== null && value !== '') found.set(field.prefill, value);
    }
  }
  return found;
}

const text = (value: Answers[string] | undefined) => (typeof value === 'string' && value.trim() ? value.trim() : null);

function address(value: Answers[string] | undefined): Applicant['postalAddress'] {
  if (!isAddressAnswer(value)) return null;
  const given = value;
  return given.street && given.houseNumber && given.postcode && given.town ? { street: given.street, houseNumber: given.houseNumber, postalCode: given.postcode, city: given.town } : null;
}

export function applicantOf(definition: FormDefinition, answers: Answers, profile: RecipientProfile | undefined, language: 'de' | 'en'): Applicant {
  const given = prefillAnswers(definition, answers);
  const joined = [text(given.get('givenName')), text(given.get('familyName'))].filter(Boolean).join(' ');
  return {
    name: text(given.get('name')) ?? (joined || null) ?? profile?.name ?? '',
    email: text(given.get('email')) ?? profile?.email ?? null,
    phone: text(given.get('phone')),
    postalAddress: address(given.get('address')) ?? profile?.postalAddress ?? null,
    language: profile?.language ?? language,
  };
}

/**
 * How the confirmation of a case reaches the applicant: by e-mail, by letter (with the receipt, since a
 * letter is the person's copy), only in the account's inbox, or only on the confirmation page (a guest
 * who left neither e-mail nor address, or no name to write to).
 */
export function confirmationRoute(profile: RecipientProfile | undefined, applicant: Applicant): 'email' | 'letter' | 'account' | 'page' {
  if (profile) return profile.preferredChannel === 'letter' || !profile.email ? (profile.postalAddress ? 'letter' : 'account') : 'email';
  if (!applicant.name) return 'page';
  if (applicant.email) return 'email';
  return applicant.postalAddress ? 'letter' : 'page';
}
