import { recordAudit } from '#kernel/audit.ts';
import { actorId, type Actor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { accountNames } from '#modules/accounts/index.ts';
import { checkDefinition, type DefinitionProblem } from './definition/check.ts';
import type { Text } from './definition/schema.ts';
import { decodeText, readableOrder, readJson } from './design-json.ts';
import { applicationsPermissions } from './permissions.ts';
import { isUniqueViolation } from '#kernel/db/errors.ts';
import { listVersions, type VersionListing } from './repo.design.ts';
import { applicationsDb, findFormVersion, insertFormVersion, latestVersionNumber } from './repo.forms.ts';
import type { FormVersionStatus } from './tables.ts';

/*
 * The form designers' back office: the forms with their versions, a definition uploaded as a new draft
 * version after `checkDefinition`, and a version downloaded to edit it offline. A version's own page, its
 * printable form and its publication are in service.design-version.ts.
 */

const designForms = applicationsPermissions.designForms;

/** The largest definition taken, as file or as text; the largest shipped form is about a fiftieth of it. */
export const definitionMaxBytes = 1024 * 1024;

export interface VersionFacts {
  id: string;
  version: number;
  status: FormVersionStatus;
  /** When it was published, or for a draft when it was uploaded. */
  at: Date;
  /** Who published it, or for a draft who uploaded it; null when the account is gone or it came with the platform. */
  by: string | null;
}

export interface FormListing {
  key: string;
  title: Text;
  published: VersionFacts | null;
  /** Drafts newer than the published version, newest first: what could be published next. */
  drafts: VersionFacts[];
  /** How many versions the form has had in all. */
  versions: number;
}

/** Names of the accounts that uploaded or published, by id; an account that is gone has none. */
export function accountNamesOf(ctx: KernelContext, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  return accountNames(ctx.db, ids.filter((id): id is string => id !== null));
}

function facts(row: VersionListing, names: Map<string, string>): VersionFacts {
  const published = row.status !== 'draft';
  const by = published ? row.published_by : row.created_by;
  return { id: row.id, version: row.version, status: row.status, at: (published ? row.published_at : null) ?? row.created_at, by: by ? (names.get(by) ?? null) : null };
}

/** Every form with its published version and the drafts after it, by key. */
export async function designOverview(ctx: KernelContext, actor: Actor): Promise<FormListing[]> {
  ctx.permissions.require(actor, designForms);
  const rows = await listVersions(applicationsDb(ctx.db));
  const names = await accountNamesOf(ctx, rows.flatMap((row) => [row.created_by, row.published_by]));
  const byKey = new Map<string, VersionListing[]>();
  for (const row of rows) byKey.set(row.form_key, [...(byKey.get(row.form_key) ?? []), row]);
  return [...byKey].map(([key, versions]) => {
    const published = versions.find((row) => row.status === 'published');
    const drafts = versions.filter((row) => row.status === 'draft' && row.version > (published?.version ?? 0));
    return { key, title: (published ?? versions[0]!).title, published: published ? facts(published, names) : null, drafts: drafts.map((row) => facts(row, names)), versions: versions.length };
  });
}

/** A definition as it arrives: a file's bytes (cut off at the limit, `truncated` then), or text typed or pasted. */
export type DefinitionSource = { kind: 'file'; bytes: Buffer; truncated: boolean } | { kind: 'text'; text: string };

export type UploadRefusal =
  | { reason: 'empty' }
  | { reason: 'too-large'; limit: number }
  | { reason: 'not-text' }
  | { reason: 'not-json'; line: number; column: number }
  | { reason: 'problems'; problems: DefinitionProblem[]; json: unknown };

export type UploadResult = { ok: true; versionId: string; formKey: string; version: number } | ({ ok: false } & UploadRefusal);

/** The source as JSON, or why it is not a definition's JSON. */
function readSource(source: DefinitionSource): { ok: true; json: unknown } | ({ ok: false } & UploadRefusal) {
  const tooLarge = { ok: false as const, reason: 'too-large' as const, limit: definitionMaxBytes };
  let text: string | null;
  if (source.kind === 'file') {
    if (source.truncated || source.bytes.length > definitionMaxBytes) return tooLarge;
    text = decodeText(source.bytes);
    if (text === null) return { ok: false, reason: 'not-text' };
  } else {
    if (Buffer.byteLength(source.text) > definitionMaxBytes) return tooLarge;
    text = source.text;
  }
  if (text.trim() === '') return { ok: false, reason: 'empty' };
  const read = readJson(text);
  return read.ok ? { ok: true, json: read.value } : { ok: false, reason: 'not-json', line: read.line, column: read.column };
}

/**
 * Checks an uploaded definition and keeps it as the form's next version, a draft: nothing is saved while
 * anything is wrong with it, and every problem is returned with its place. Two designers uploading the same
 * form at once both count the same next number; the second tries again with the one after.
 */
export async function uploadDefinition(ctx: KernelContext, actor: Actor, source: DefinitionSource): Promise<UploadResult> {
  ctx.permissions.require(actor, designForms);
  const read = readSource(source);
  if (!read.ok) return read;
  const checked = checkDefinition(read.json);
  if (!checked.ok) return { ok: false, reason: 'problems', problems: checked.problems, json: read.json };
  const { definition } = checked;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await ctx.db.transaction().execute(async (trx) => {
        const db = applicationsDb(trx);
        const version = (await latestVersionNumber(db, definition.key)) + 1;
        const row = await insertFormVersion(db, { definition, version, createdBy: actorId(actor), status: 'draft' });
        await recordAudit(trx, { actor }, { action: 'applications.form-uploaded', subjectType: 'applications.form-version', subjectId: row.id, meta: { formKey: definition.key, version } });
        return { ok: true as const, versionId: row.id, formKey: definition.key, version };
      });
    } catch (error) {
      if (attempt >= 3 || !isUniqueViolation(error)) throw error;
    }
  }
}

/** A version's definition as the designer uploaded it, to edit offline and upload again. */
export async function downloadDefinition(ctx: KernelContext, actor: Actor, versionId: string): Promise<{ filename: string; json: string } | undefined> {
  ctx.permissions.require(actor, designForms);
  const row = await findFormVersion(applicationsDb(ctx.db), versionId);
  if (!row) return undefined;
  await recordAudit(ctx.db, { actor }, { action: 'applications.form-downloaded', subjectType: 'applications.form-version', subjectId: row.id, meta: { formKey: row.form_key, version: row.version } });
  return { filename: `${row.form_key}-${row.version}.json`, json: `${JSON.stringify(readableOrder(row.definition), null, 2)}\n` };
}
