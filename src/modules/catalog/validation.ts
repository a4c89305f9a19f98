import type { TFunction } from 'i18next';
import type { FieldErrors } from '#kernel/html/page.ts';
import { entriesByIds, linkChecks, slugTaken, type CatalogDb } from './repo.ts';
import { isSlug, linksOf, type RuleErrors } from './rules.ts';
import type { Content, ServiceContent } from './schemas.content.ts';
import type { EntryKind } from './tables.ts';

/** Resolves rule errors to messages; values that are i18n keys (a section's name) are translated first. */
export function messages(t: TFunction, errors: RuleErrors): FieldErrors {
  const result: FieldErrors = {};
  for (const [field, { key, values = {} }] of Object.entries(errors)) {
    const resolved = Object.fromEntries(Object.entries(values).map(([name, value]) => [name, value.startsWith('catalog:') ? t(value) : value]));
    result[field] = t(key, resolved);
  }
  return result;
}

/**
 * What every saved version needs, draft or not: a title, an address no other entry of the kind uses, and
 * references to entries that exist. The publish rules (rules.ts) ask for more.
 */
export async function draftProblems(db: CatalogDb, kind: EntryKind, content: Content, exceptId?: string): Promise<RuleErrors> {
  const errors: RuleErrors = {};
  if (!content.title) errors.title = { key: 'catalog:errors.titleRequired' };
  if (!isSlug(content.slug)) errors.slug = { key: 'catalog:errors.slug' };
  else if (await slugTaken(db, kind, content.slug, exceptId)) errors.slug = { key: 'catalog:errors.slugTaken', values: { slug: content.slug } };
  if (kind === 'service') Object.assign(errors, await referenceProblems(db, content as ServiceContent));
  return errors;
}

async function referenceProblems(db: CatalogDb, content: ServiceContent): Promise<RuleErrors> {
  const errors: RuleErrors = {};
  const ids = [...(content.officeId ? [content.officeId] : []), ...content.lifeSituationIds];
  const found = new Map((await entriesByIds(db, ids)).map((entry) => [entry.id, entry.kind]));
  if (content.officeId && found.get(content.officeId) !== 'office') errors.officeId = { key: 'catalog:errors.unknownOffice' };
  if (content.lifeSituationIds.some((id) => found.get(id) !== 'situation')) errors.lifeSituationIds = { key: 'catalog:errors.unknownSituation' };
  return errors;
}

/**
 * Before publishing: the responsible office must itself be public (the page would otherwise name an office
 * nobody can look up), and no link may be one the link checker last found broken.
 */
export async function publishReferenceProblems(db: CatalogDb, kind: EntryKind, content: Content): Promise<RuleErrors> {
  const errors: RuleErrors = {};
  if (kind === 'service') {
    const officeId = (content as ServiceContent).officeId;
    const [office] = officeId ? await entriesByIds(db, [officeId]) : [];
    if (office && !office.published) errors.officeId = { key: 'catalog:errors.officeUnpublished', values: { office: office.title } };
  }
  const checks = await linkChecks(db, linksOf(kind, content));
  const broken = [...checks.values()].find((check) => !check.ok);
  if (broken) {
    const problem = broken.status !== null ? `HTTP ${broken.status}` : `catalog:linkProblems.${broken.problem === 'timeout' ? 'timeout' : 'unreachable'}`;
    errors[fieldOfLink(kind, content, broken.url)] = { key: 'catalog:errors.brokenLink', values: { url: broken.url, problem } };
  }
  return errors;
}

/** The form field that holds a link, so its error appears beside it. */
function fieldOfLink(kind: EntryKind, content: Content, url: string): string {
  if (kind === 'office') return 'website';
  const channel = (content as ServiceContent).channels.find((candidate) => candidate.target === url);
  return channel ? `${channel.kind}Target` : 'links';
}

/** PostgreSQL's unique_violation: two saves raced for one address, and the database refused the second. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
