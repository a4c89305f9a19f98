import { recordAudit } from '#kernel/audit.ts';
import { actorLabel, type Actor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { notifyPermissions } from './permissions.ts';
import { currentVersion, findTemplate, findVersion, insertVersion, listTemplates, notifyDb, versionsOf } from './repo.templates.ts';
import type { Template } from './tables.ts';
import { exampleValues, fill, toBlocks, unknownPlaceholders } from './templates.ts';

export interface TemplateTexts {
  subject_de: string;
  body_de: string;
  subject_en: string;
  body_en: string;
}

export async function templateList(ctx: KernelContext, actor: Actor) {
  ctx.permissions.require(actor, notifyPermissions.editTemplates);
  return listTemplates(notifyDb(ctx.db));
}

/** A template with its current (or a named earlier) version and the list of all versions. */
export async function templateDetail(ctx: KernelContext, actor: Actor, purpose: string, version?: number) {
  ctx.permissions.require(actor, notifyPermissions.editTemplates);
  const db = notifyDb(ctx.db);
  const template = await findTemplate(db, purpose);
  if (!template) return undefined;
  const shown = version === undefined ? await currentVersion(db, purpose) : await findVersion(db, purpose, version);
  if (!shown) return undefined;
  return { template, version: shown, versions: await versionsOf(db, purpose) };
}

/** Both languages rendered with the purpose's example values, as the recipient would read them. */
export function previewOf(ctx: KernelContext, template: Template, texts: TemplateTexts) {
  return (['de', 'en'] as const).map((language) => {
    const values = { ...exampleValues(template.placeholders, language, ctx.config.PUBLIC_URL), name: 'Erika Mustermann', city: ctx.config.CITY_NAME, reference: 'N-2026-7K4M-Q9TX' };
    return { language, subject: fill(texts[`subject_${language}`], values), blocks: toBlocks(fill(texts[`body_${language}`], values)) };
  });
}

/** Why a text of a template was refused, with what the message names. */
export type TemplateProblem =
  | { reason: 'subject-required' | 'body-required'; language: 'de' | 'en' }
  | { reason: 'subject-one-line' }
  | { reason: 'unknown-placeholder'; names: string[] }
  | { reason: 'changed-meanwhile'; version: number };
/** Problems by form field (`subject_de`, `body_en` …). */
export type TemplateProblems = Partial<Record<keyof TemplateTexts, TemplateProblem>>;

function checkTexts(template: Template, texts: TemplateTexts): TemplateProblems {
  const problems: TemplateProblems = {};
  for (const field of ['subject_de', 'body_de', 'subject_en', 'body_en'] as const) {
    const value = texts[field].trim();
    const language = field.endsWith('de') ? 'de' : 'en';
    if (!value) {
      problems[field] = { reason: field.startsWith('subject') ? 'subject-required' : 'body-required', language };
      continue;
    }
    if (field.startsWith('subject') && /[\r\n]/.test(value)) problems[field] = { reason: 'subject-one-line' };
    const unknown = unknownPlaceholders(template.placeholders, value);
    if (unknown.length > 0) problems[field] = { reason: 'unknown-placeholder', names: unknown };
  }
  return problems;
}

export type PreviewResult = { ok: true; preview: ReturnType<typeof previewOf> } | { ok: false; problems: TemplateProblems };

export async function previewTemplate(ctx: KernelContext, actor: Actor, purpose: string, texts: TemplateTexts): Promise<PreviewResult | undefined> {
  ctx.permissions.require(actor, notifyPermissions.editTemplates);
  const template = await findTemplate(notifyDb(ctx.db), purpose);
  if (!template) return undefined;
  const problems = checkTexts(template, texts);
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, preview: previewOf(ctx, template, texts) };
}

export type SaveResult = { ok: true; version: number } | { ok: false; problems: TemplateProblems };

/**
 * Saves the texts as the next version; earlier versions stay, and messages already sent keep the version
 * they were written from. `basedOn` is the version the editor started from: if someone saved in between,
 * the editor is asked to look at that first instead of overwriting it unseen.
 */
export async function saveTemplateVersion(ctx: KernelContext, actor: Actor, purpose: string, basedOn: number, texts: TemplateTexts): Promise<SaveResult | undefined> {
  ctx.permissions.require(actor, notifyPermissions.editTemplates);
  return ctx.db.transaction().execute(async (trx) => {
    const db = notifyDb(trx);
    const template = await findTemplate(db, purpose);
    const current = template ? await currentVersion(db, purpose) : undefined;
    if (!template || !current) return undefined;
    const problems = checkTexts(template, texts);
    if (current.version !== basedOn) problems.subject_de = { reason: 'changed-meanwhile', version: current.version };
    if (Object.keys(problems).length > 0) return { ok: false, problems } as const;
    const version = current.version + 1;
    const trimmed = { subject_de: texts.subject_de.trim(), body_de: texts.body_de.trim(), subject_en: texts.subject_en.trim(), body_en: texts.body_en.trim() };
    const name = actor.kind === 'staff' ? actor.displayName : null;
    if (!(await insertVersion(db, { purpose, version, ...trimmed, created_by: actorLabel(actor), created_by_name: name }))) {
      return { ok: false, problems: { subject_de: { reason: 'changed-meanwhile', version } } } as const;
    }
    await recordAudit(trx, { actor }, { action: 'notify.template-version-created', subjectType: 'notify_template', subjectId: `${purpose}@${version}` });
    return { ok: true, version } as const;
  });
}
