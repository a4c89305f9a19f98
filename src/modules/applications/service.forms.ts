import type { KernelContext } from '#kernel/context.ts';
import type { ServiceRoute } from '#kernel/module.ts';
import { registerFormTexts } from './definition/texts.ts';
import type { FormDefinition } from './definition/schema.ts';
import { applicationsDb, findFormVersion, findPublishedForm, publishedForms } from './repo.forms.ts';
import type { FormVersionRow } from './tables.ts';

/** A version of a form as pages use it: its definition, and the i18n namespaces its texts are read from. */
export interface LoadedForm {
  versionId: string;
  version: number;
  status: FormVersionRow['status'];
  definition: FormDefinition;
  namespace: string;
  /** Texts in Leichte Sprache where the form has them, German otherwise. */
  easyNamespace: string;
}

// A version's row never changes once written (a designer's edit is a new version), so it is read once per
// platform: its texts live in that platform's i18n instance.
const loadedBy = new WeakMap<KernelContext['i18n'], Map<string, Promise<LoadedForm | undefined>>>();

function load(ctx: KernelContext, row: FormVersionRow): LoadedForm {
  return {
    versionId: row.id,
    version: row.version,
    status: row.status,
    definition: row.definition,
    namespace: registerFormTexts(ctx.i18n, row.id, row.definition),
    easyNamespace: registerFormTexts(ctx.i18n, row.id, row.definition, true),
  };
}

/** A version by id (a draft or case keeps the version it was made with), texts registered. */
export function formVersion(ctx: KernelContext, id: string): Promise<LoadedForm | undefined> {
  let loaded = loadedBy.get(ctx.i18n);
  if (!loaded) loadedBy.set(ctx.i18n, (loaded = new Map<string, Promise<LoadedForm | undefined>>()));
  let held = loaded.get(id);
  if (!held) {
    held = findFormVersion(applicationsDb(ctx.db), id).then((row) => (row ? load(ctx, row) : undefined));
    loaded.set(id, held);
    held.catch(() => loaded.delete(id));
  }
  // The status is the one thing that changes (published → retired); it is read fresh where it matters.
  return held;
}

/** The version new applications of a form start from; read again only after a publication. */
export function publishedForm(ctx: KernelContext, key: string): Promise<LoadedForm | undefined> {
  return ctx.content.remember(['applications'], `applications:form:${key}`, async () => {
    const row = await findPublishedForm(applicationsDb(ctx.db), key);
    return row ? { ...(await formVersion(ctx, row.id))!, status: row.status } : undefined;
  });
}

/** Published forms by the service they serve: what a service page offers as "Online beantragen". */
export function formsByService(ctx: KernelContext): Promise<ReadonlyMap<string, { key: string; title: FormDefinition['title'] }>> {
  return ctx.content.remember(['applications'], 'applications:by-service', async () => {
    const rows = await publishedForms(applicationsDb(ctx.db));
    return new Map(rows.filter((row) => row.service_slug).map((row) => [row.service_slug!, { key: row.form_key, title: row.definition.title }]));
  });
}

/** "Online beantragen" and the form to print, for the catalogue's page of each service with a published form. */
export async function formRoutes(ctx: KernelContext): Promise<ReadonlyMap<string, readonly ServiceRoute[]>> {
  const forms = await formsByService(ctx);
  return new Map(
    [...forms].map(([slug, form]) => [
      slug,
      [
        { kind: 'online', href: `/antraege/${form.key}` },
        { kind: 'paper', href: `/antraege/${form.key}/formular.pdf` },
      ],
    ]),
  );
}
