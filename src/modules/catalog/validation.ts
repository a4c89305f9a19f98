import type { FormErrors } from '#kernel/forms/index.ts';
import { entriesByIds, linkChecks, slugTaken, type CatalogDb } from './repo.ts';
import { isSlug, linkProblemKey, linksOf } from './rules.ts';
import type { Content, ServiceContent } from './schemas.content.ts';
import type { EntryKind } from './tables.ts';

/*
 * The rules that ask the database. Problems are reason codes by form field, as in rules.ts.
 */

/**
 * What every saved version needs, draft or not: a title, an address no other entry of the kind uses, and
 * references to entries that exist. The publish rules (rules.ts) ask for more.
 */
export async function draftProblems(db: CatalogDb, kind: EntryKind, content: Content, exceptId?: string): Promise<FormErrors> {
  const errors: FormErrors = {};
  if (!content.title) errors.title = { code: 'catalog:errors.titleRequired' };
  if (!isSlug(content.slug)) errors.slug = { code: 'catalog:errors.slug' };
  else if (await slugTaken(db, kind, content.slug, exceptId)) errors.slug = slugTakenError(content.slug);
  if (kind === 'service') Object.assign(errors, await referenceProblems(db, content as ServiceContent));
  return errors;
}

async function referenceProblems(db: CatalogDb, content: ServiceContent): Promise<FormErrors> {
  const errors: FormErrors = {};
  const ids = [...(content.officeId ? [content.officeId] : []), ...content.lifeSituationIds];
  const found = new Map((await entriesByIds(db, ids)).map((entry) => [entry.id, entry.kind]));
  if (content.officeId && found.get(content.officeId) !== 'office') errors.officeId = { code: 'catalog:errors.unknownOffice' };
  if (content.lifeSituationIds.some((id) => found.get(id) !== 'situation')) errors.lifeSituationIds = { code: 'catalog:errors.unknownSituation' };
  return errors;
}

/**
 * Before publishing: the responsible office must itself be public (the page would otherwise name an office
 * nobody can look up), and no link may be one the link checker last found broken.
 */
export async function publishReferenceProblems(db: CatalogDb, kind: EntryKind, content: Content): Promise<FormErrors> {
  const errors: FormErrors = {};
  if (kind === 'service') {
    const officeId = (content as ServiceContent).officeId;
    const [office] = officeId ? await entriesByIds(db, [officeId]) : [];
    if (office && !office.published) errors.officeId = { code: 'catalog:errors.officeUnpublished', values: { office: office.title } };
  }
  const checks = await linkChecks(db, linksOf(kind, content));
  const broken = [...checks.values()].find((check) => !check.ok);
  if (broken) {
    const problem = broken.status !== null ? `HTTP ${broken.status}` : { key: linkProblemKey(broken.problem) };
    errors[fieldOfLink(kind, content, broken.url)] = { code: 'catalog:errors.brokenLink', values: { url: broken.url, problem } };
  }
  return errors;
}

/** The form field that holds a link, so its error appears beside it. */
function fieldOfLink(kind: EntryKind, content: Content, url: string): string {
  if (kind === 'office') return 'website';
  const channel = (content as ServiceContent).channels.find((candidate) => candidate.target === url);
  return channel ? `${channel.kind}Target` : 'links';
}

/** Another entry of the kind has the address already. */
export const slugTakenError = (slug: string) => ({ code: 'catalog:errors.slugTaken', values: { slug } });

