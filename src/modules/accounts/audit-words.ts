import type { TFunction } from 'i18next';
import { auditActionLabel } from '#kernel/audit.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { Language } from '#kernel/auth/actor.ts';
import type { AuditSubjects } from '#kernel/module.ts';
import { accountsDb, apiClientNames, displayNames } from './repo.ts';

/*
 * The audit log in words: which actions there are to choose from, and what a record's subject is. Both come
 * from the modules themselves (their texts name their actions, their manifests their subjects), so a new
 * module appears in the log's choices and columns without a change here.
 */

export interface ActionGroup {
  /** The module's id; choosing `<module>.` picks every action of the module. */
  module: string;
  label: string;
  actions: { code: string; label: string }[];
}

/** Every action a module names under `audit` in its texts, grouped by module, each group in alphabetical order. */
export function declaredActions(ctx: KernelContext, t: TFunction, language: Language): ActionGroup[] {
  const groups: ActionGroup[] = [];
  for (const module of ctx.modules) {
    const named = module.locales?.de.audit;
    if (!named || typeof named !== 'object') continue;
    // Only texts are actions; the kernel keeps the words for kinds of actor beside them.
    const codes = Object.entries(named).flatMap(([key, value]) => (typeof value === 'string' ? [`${module.id}.${key}`] : []));
    if (codes.length === 0) continue;
    const actions = codes.map((code) => ({ code, label: auditActionLabel(t, code) })).sort((a, b) => a.label.localeCompare(b.label, language));
    groups.push({ module: module.id, label: t(`${module.id}:auditGroup`, { defaultValue: module.id }), actions });
  }
  return groups;
}

/** Whether the log can be filtered by this: nothing, a whole module (`notify.`) or one declared action. */
export function isDeclaredChoice(groups: readonly ActionGroup[], choice: string): boolean {
  return choice === '' || groups.some((group) => choice === `${group.module}.` || group.actions.some((action) => action.code === choice));
}

export interface Subject {
  subject_type: string;
  subject_id: string | null;
}

/**
 * A function that names each record's subject in words: as the module that declares the type names it
 * (Leistung „Personalausweis beantragen“), by its type in words where the module cannot ("Nachricht"), and
 * by the recorded type itself only when no module declares it.
 */
export async function subjectWords(ctx: KernelContext, t: TFunction, records: readonly Subject[]): Promise<(record: Subject) => string> {
  const idsByType = new Map<string, Set<string>>();
  for (const record of records) {
    const ids = idsByType.get(record.subject_type) ?? new Set<string>();
    if (record.subject_id !== null) ids.add(record.subject_id);
    idsByType.set(record.subject_type, ids);
  }
  const typeWords = new Map<string, string>();
  const names = new Map<string, ReadonlyMap<string, string>>();
  for (const [type, ids] of idsByType) {
    const declaring = ctx.modules.find((module) => module.auditSubjects?.types[type] !== undefined)?.auditSubjects;
    if (!declaring) continue;
    typeWords.set(type, t(declaring.types[type]!));
    if (declaring.describe && ids.size > 0) names.set(type, await declaring.describe(ctx.db, t, type, [...ids]));
  }
  return (record) => {
    const type = typeWords.get(record.subject_type) ?? record.subject_type;
    const name = record.subject_id === null ? undefined : names.get(record.subject_type)?.get(record.subject_id);
    return name ?? type;
  };
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What this module's records are about: accounts by their names, machine clients by theirs. */
export const accountsAuditSubjects: AuditSubjects = {
  types: { user: 'accounts:auditSubjects.user', api_client: 'accounts:auditSubjects.apiClient', audit_log: 'accounts:auditSubjects.auditLog' },
  describe: async (db, t, type, ids) => {
    // Ids come as recorded, and the tables' keys are uuids: anything else names nothing here.
    const keys = ids.filter((id) => uuid.test(id));
    if (type === 'user') {
      const names = await displayNames(accountsDb(db), keys);
      return new Map(ids.map((id) => [id, names.has(id) ? t('accounts:auditSubjects.userNamed', { name: names.get(id) }) : t('accounts:auditLog.formerAccount')]));
    }
    if (type === 'api_client') {
      const names = await apiClientNames(accountsDb(db), keys);
      return new Map([...names].map(([id, name]) => [id, t('accounts:auditSubjects.apiClientNamed', { name })]));
    }
    return new Map();
  },
};
