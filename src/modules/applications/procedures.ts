import type { TFunction } from 'i18next';
import type { KernelContext } from '#kernel/context.ts';
import { rowFieldName, type FormErrors } from '#kernel/forms/index.ts';
import type { RecipientProfile } from '#modules/accounts/index.ts';
import { findStreet, streetKey, streetNames, type Street } from '#modules/streets/index.ts';
import { confirmationRoute } from './applicant.ts';
import { parkingZoneAnswer } from './definition/answers-schema.ts';
import { isAddressAnswer, isGroupRows, type Answers } from './definition/answers.ts';
import { firstIncompletePage, type PageOptions } from './definition/pages.ts';
import type { FormDefinition, LeafField, Page } from './definition/schema.ts';
import type { Applicant } from './tables.ts';

/*
 * What a form's flow needs beyond its definition: the city's name and street register for addresses limited
 * to the city (`cityOnly`), and the behaviour a definition names as its `procedure`:
 *
 * - `residentsParking`: the applicant's street must lie in a residents' parking zone of the register; the
 *   address page refuses any other, and the zone is stored with the case as the answer `parkingZone`.
 * - `registrationCertificate`: the confirmation and the result go only by letter to the registered address
 *   (the form's address), unless the applicant signed in through an identity provider at level
 *   "substantial" or "high", whose account then receives them as it receives any message.
 *
 * A register without any street (a new installation before its import) checks nothing and finds no zone: a
 * city that has not loaded its streets would otherwise refuse every address.
 */

// Declared with the answers' JSON Schema, which describes it for the systems that take the cases.
export { parkingZoneAnswer };

/** The address the procedures go by: the form's first address limited to the city, asked on a page of its own. */
function residence(definition: FormDefinition): { page: Page; field: LeafField } | undefined {
  for (const page of definition.pages) {
    const field = page.fields.find((candidate): candidate is LeafField => candidate.type === 'address' && candidate.cityOnly === true);
    if (field) return { page, field };
  }
  return undefined;
}

/** A street as typed with the postcode beside it, to look up in the register. */
interface Typed {
  street: string;
  postcode: string;
}

const textAt = (body: Record<string, unknown>, name: string) => (typeof body[name] === 'string' ? body[name] : '');

/** Every street of an address limited to the city, in the stored answers and in a posted page. */
function typedStreets(definition: FormDefinition, answers: Answers, body: Record<string, unknown>): Typed[] {
  const found: Typed[] = [];
  const stored = (value: unknown) => {
    if (isAddressAnswer(value)) found.push({ street: value.street, postcode: value.postcode });
  };
  const posted = (input: (part: string) => string) => {
    const street = textAt(body, input('Street'));
    if (street !== '') found.push({ street, postcode: textAt(body, input('Postcode')) });
  };
  for (const page of definition.pages) {
    for (const field of page.fields) {
      if (field.type === 'address' && field.cityOnly) {
        stored(answers[field.id]);
        posted((part) => field.id + part);
      }
      if (field.type !== 'group') continue;
      const rows = isGroupRows(answers[field.id]) ? (answers[field.id] as Record<string, unknown>[]) : [];
      for (const child of field.fields) {
        if (child.type !== 'address' || !child.cityOnly) continue;
        for (const row of rows) stored(row[child.id]);
        for (let number = 1; number <= field.max; number += 1) posted((part) => rowFieldName(field.id, number, child.id + part));
      }
    }
  }
  return found;
}

/** The flow of one form for one request: the options its pages are read with, and its procedure's rules. */
export interface FlowRules {
  /** For every `pageForm`, `readPage`, `pageRaw` and `firstIncompletePage` of the flow. */
  options: PageOptions;
  /** What the procedure refuses on a page whose answers were just read, by input name; none when empty. */
  refusals(page: Page, values: Answers): FormErrors;
  /** The first page still to be answered, by the definition's rules or the procedure's; none when complete. */
  firstIncomplete(answers: Answers): Page | undefined;
  /** Answers the procedure works out from the person's, stored with the case beside them. */
  derived(answers: Answers): Answers;
}

/**
 * The rules of a form's flow, with the streets the answers and a posted page name looked up in the register
 * once: the checks themselves are synchronous, like the definition's.
 */
export async function flowRules(ctx: KernelContext, definition: FormDefinition, answers: Answers, body?: unknown): Promise<FlowRules> {
  const posted = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const registered = (await streetNames(ctx.db, ctx.content)).length > 0;
  const byName = new Map<string, Street | null>();
  const byAddress = new Map<string, Street | null>();
  if (registered) {
    for (const typed of typedStreets(definition, answers, posted)) {
      const at = `${streetKey(typed.street)}|${typed.postcode.trim()}`;
      if (byAddress.has(at)) continue;
      // The postcode tells two streets of one name apart; a wrong one does not make a street unknown.
      const street = (await findStreet(ctx.db, typed.street, typed.postcode)) ?? (await findStreet(ctx.db, typed.street));
      byAddress.set(at, street);
      if (!byName.get(streetKey(typed.street))) byName.set(streetKey(typed.street), street);
    }
  }
  const options: PageOptions = { city: ctx.config.CITY_NAME, ...(registered ? { knownStreet: (street: string) => Boolean(byName.get(streetKey(street))) } : {}) };
  const home = definition.procedure === 'residentsParking' && registered ? residence(definition) : undefined;
  const zoneOf = (value: unknown): { street: string; zone: string | null } | undefined => {
    if (!isAddressAnswer(value)) return undefined;
    const street = byAddress.get(`${streetKey(value.street)}|${value.postcode.trim()}`);
    return street ? { street: street.name, zone: street.parkingZone } : undefined;
  };

  return {
    options,
    refusals(page, values) {
      if (!home || home.page.id !== page.id) return {};
      const found = zoneOf(values[home.field.id]);
      if (!found || found.zone) return {};
      return { [`${home.field.id}Street`]: { code: 'applications:procedures.errors.noParkingZone', values: { street: found.street } } };
    },
    firstIncomplete(given) {
      const page = firstIncompletePage(definition, given, options);
      if (page || !home) return page;
      const found = zoneOf(given[home.field.id]);
      return found && !found.zone ? home.page : undefined;
    },
    derived(given): Answers {
      const zone = home ? zoneOf(given[home.field.id])?.zone : undefined;
      return zone ? { [parkingZoneAnswer]: zone } : {};
    },
  };
}

/** A fact a procedure adds to what the person sees of their answers: on "check your answers" under its page, and on the receipt. */
export interface ProcedureFact {
  pageId: string;
  id: string;
  label: string;
  text: string;
}

/** The procedure's facts about these answers (with the derived ones), in the reader's language. */
export function procedureFacts(definition: FormDefinition, answers: Answers, t: TFunction): ProcedureFact[] {
  const zone = answers[parkingZoneAnswer];
  const home = residence(definition);
  if (definition.procedure !== 'residentsParking' || !home || typeof zone !== 'string') return [];
  return [{ pageId: home.page.id, id: parkingZoneAnswer, label: t('applications:procedures.parkingZone.label'), text: t('applications:procedures.parkingZone.value', { zone }) }];
}

/** The levels of assurance at which a person counts as identified well enough to receive a certificate online. */
const identified = new Set(['substantial', 'high']);

/**
 * The way the procedure prescribes for the confirmation and the result of a case, when it prescribes one:
 * a certificate of registration goes by letter to the registered address, to no one else and by no other
 * channel, unless the applicant proved who they are at level "substantial" or above.
 */
export function prescribedDelivery(definition: FormDefinition, applicant: Applicant) {
  if (definition.procedure !== 'registrationCertificate' || identified.has(applicant.identityAssurance ?? '')) return null;
  const recipient = { name: applicant.name, language: applicant.language, email: null, postalAddress: applicant.postalAddress };
  return { recipient, requiredChannel: 'letter' as const };
}

/** How the confirmation of a case reaches the applicant, as the confirmation pages tell them. */
export function confirmationWay(definition: FormDefinition, profile: RecipientProfile | undefined, applicant: Applicant): ReturnType<typeof confirmationRoute> {
  if (!prescribedDelivery(definition, applicant)) return confirmationRoute(profile, applicant);
  return applicant.name && applicant.postalAddress ? 'letter' : 'page';
}

/** Sections of answers page by page ("check your answers"), each with the procedure's facts about its page at its end. */
export function withFacts<S extends { pageId: string; rows: { fieldId: string; label: string; text: string[] }[] }>(sections: S[], facts: readonly ProcedureFact[]): S[] {
  return sections.map((section) => {
    const own = facts.filter((fact) => fact.pageId === section.pageId);
    return own.length === 0 ? section : { ...section, rows: [...section.rows, ...own.map((fact) => ({ fieldId: fact.id, label: fact.label, text: [fact.text] }))] };
  });
}
