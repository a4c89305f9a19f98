import type { ComponentChildren } from 'preact';
import { FormKey, rawText, rowFieldName, type FormDef, type LeafDef, type Raw } from '#kernel/forms/index.ts';
import type { FieldErrors, PageContext } from '#kernel/html/page.ts';
import { Alert, ErrorSummary, Heading, PostForm, SubmitButton } from '#kernel/html/components.tsx';
import { formatDateTime } from '#kernel/html/format.ts';
import { publicPath } from '../indexing.ts';
import type { Entry, EntryKind, LinkCheck } from '../tables.ts';
import type { EntryTransition } from '../workflow.entry.ts';
import { linkProblemKey } from '../rules.ts';
import { DemoBadge } from './parts.tsx';

/** The back-office address segment of each kind. */
export const staffSection: Record<EntryKind, string> = { service: 'leistungen', office: 'dienststellen', situation: 'lebenslagen' };

/**
 * The longest value a form takes for each input (group rows included), so that a field laid out by hand
 * says so before the form is sent, with the limit its definition reads with.
 */
export function limitsOf(form: FormDef): (name: string) => number | undefined {
  const limits = new Map<string, number>();
  const add = (name: string, field: LeafDef) => {
    if ('maxLength' in field && field.maxLength !== undefined) limits.set(name, field.maxLength);
  };
  for (const [name, field] of Object.entries(form.fields)) {
    if (field.kind !== 'group') add(name, field);
    else for (let row = 1; row <= field.max; row += 1) for (const [child, leaf] of Object.entries(field.fields)) add(rowFieldName(name, row, child), leaf);
  }
  return (name) => limits.get(name);
}

export function StatusBadge({ page, entry }: { page: PageContext; entry: Pick<Entry, 'published' | 'published_revision' | 'revision'> }) {
  const { t } = page;
  if (entry.published) {
    const changed = entry.published_revision !== entry.revision;
    return (
      <span class={`kern-badge kern-badge--${changed ? 'warning' : 'success'}`}>
        <span class="kern-label">{t(changed ? 'catalog:staff.status.changed' : 'catalog:staff.status.published')}</span>
      </span>
    );
  }
  return (
    <span class="kern-badge kern-badge--info">
      <span class="kern-label">{t(entry.published_revision ? 'catalog:staff.status.withdrawn' : 'catalog:staff.status.draft')}</span>
    </span>
  );
}

function linkProblem(page: PageContext, check: LinkCheck): string {
  if (check.status !== null) return page.t('catalog:linkProblems.http', { status: check.status });
  return page.t(linkProblemKey(check.problem));
}

function LinkStatus({ page, links }: { page: PageContext; links: { url: string; check: LinkCheck | undefined }[] }) {
  const { t } = page;
  if (links.length === 0) return null;
  return (
    <>
      <h2 class="kern-heading-small">{t('catalog:staff.links')}</h2>
      <ul class="kern-list">
        {links.map(({ url, check }) => (
          <li key={url}>
            <span class="catalog-url">{url}</span>:{' '}
            {!check ? (
              t('catalog:staff.linkUnchecked')
            ) : check.ok ? (
              t('catalog:staff.linkOk', { date: formatDateTime(check.checked_at, page.lang) })
            ) : (
              <strong>{t('catalog:staff.linkBroken', { problem: linkProblem(page, check), date: formatDateTime(check.checked_at, page.lang) })}</strong>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

/** What an editor can do with a saved entry, beside its form. */
function EntryPanel({ page, entry, links, actions }: { page: PageContext; entry: Entry; links: { url: string; check: LinkCheck | undefined }[]; actions: readonly EntryTransition[] }) {
  const { t } = page;
  const base = `/verwaltung/katalog/${staffSection[entry.kind]}/${entry.id}`;
  return (
    <aside class="kern-card kern-card--surface catalog-panel" aria-labelledby="panel-heading">
      <div class="kern-card__container kern-stack-sm">
        <h2 class="kern-heading-small" id="panel-heading">
          {t('catalog:staff.state')}
        </h2>
        <p class="kern-body">
          <StatusBadge page={page} entry={entry} /> {entry.demo ? <DemoBadge page={page} /> : null}
        </p>
        <p class="kern-body kern-body--small">
          {t('catalog:staff.revision', { revision: entry.revision })}
          {entry.published_at && entry.published ? ` · ${t('catalog:staff.publishedAt', { date: formatDateTime(entry.published_at, page.lang) })}` : ''}
        </p>
        <ul class="kern-list">
          <li>
            <a class="kern-link" href={`${base}/vorschau`}>
              {t('catalog:staff.preview')}
            </a>
          </li>
          <li>
            <a class="kern-link" href={`${base}/verlauf`}>
              {t('catalog:staff.history')}
            </a>
          </li>
          {entry.published ? (
            <li>
              <a class="kern-link" href={`${publicPath[entry.kind]}/${entry.slug}`}>
                {t('catalog:staff.publicPage')}
              </a>
            </li>
          ) : null}
        </ul>
        {actions.includes('publish') ? (
          <PostForm page={page} action={`${base}/veroeffentlichen`}>
            <SubmitButton label={t(entry.published ? 'catalog:staff.publishChanges' : 'catalog:staff.publish')} />
          </PostForm>
        ) : null}
        {actions.includes('unpublish') ? (
          <PostForm page={page} action={`${base}/zurueckziehen`}>
            <SubmitButton kind="secondary" label={t('catalog:staff.unpublish')} />
          </PostForm>
        ) : null}
        <PostForm page={page} action={`${base}/links-pruefen`}>
          <SubmitButton kind="tertiary" label={t('catalog:staff.checkLinks')} />
        </PostForm>
        <LinkStatus page={page} links={links} />
      </div>
    </aside>
  );
}

export interface EditProps {
  page: PageContext;
  kind: EntryKind;
  entry: Entry | null;
  /** What was typed, or the stored draft as the form shows it. */
  raw: Raw;
  /** Problems in words, by input name (`formState`). */
  errors: FieldErrors;
  notice?: string;
  links: { url: string; check: LinkCheck | undefined }[];
  /** The workflow's steps the editor may take now (`allowedTransitions`): only these get a button. */
  actions: readonly EntryTransition[];
}

/** The frame around every editing form: heading, messages, the form, and the panel once the entry exists. */
export function EditFrame({ page, kind, entry, raw, errors, notice, links, actions, children }: EditProps & { children: ComponentChildren }) {
  const { t } = page;
  const action = entry ? `/verwaltung/katalog/${staffSection[kind]}/${entry.id}` : `/verwaltung/katalog/${staffSection[kind]}/neu`;
  return (
    <div class="kern-stack-lg">
      <Heading>{entry ? t(`catalog:staff.edit.${kind}`, { title: entry.draft.title }) : t(`catalog:staff.new.${kind}`)}</Heading>
      {notice ? <Alert kind="success" title={t(notice)} /> : null}
      <ErrorSummary page={page} errors={errors} />
      <div class="catalog-editor">
        <PostForm page={page} action={action} id="form">
          <input type="hidden" name="revision" value={rawText(raw, 'revision') ?? String(entry?.revision ?? 0)} />
          {entry ? null : <FormKey raw={raw} />}
          {children}
          <SubmitButton label={t(entry ? 'catalog:staff.save' : 'catalog:staff.create')} />
        </PostForm>
        {entry ? <EntryPanel page={page} entry={entry} links={links} actions={actions} /> : null}
      </div>
    </div>
  );
}

/** An English twin, set in under the German field it translates. */
export function EnglishTwin({ children }: { children: ComponentChildren }) {
  return <div class="catalog-twin">{children}</div>;
}

export function Fieldset({ legend, children }: { legend: string; children: ComponentChildren }) {
  return (
    <fieldset class="kern-fieldset catalog-fieldset">
      <legend class="kern-label catalog-legend">{legend}</legend>
      <div class="kern-fieldset__body kern-stack-md">{children}</div>
    </fieldset>
  );
}
