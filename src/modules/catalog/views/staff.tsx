import { FileField, type FormState } from '#kernel/forms/index.ts';
import type { PageContext } from '#kernel/html/page.ts';
import { Alert, ErrorSummary, Heading, PostForm, SubmitButton } from '#kernel/html/components.tsx';
import { importForm } from '../forms.ts';
import { formatDateTime } from '#kernel/html/format.ts';
import type { Entry, EntryKind, HistoryRow } from '../tables.ts';
import { StatusBadge, staffSection } from './editing.tsx';
import { DemoBadge } from './parts.tsx';

function EntryTable({ page, kind, entries, broken }: { page: PageContext; kind: EntryKind; entries: Entry[]; broken: Map<string, number> }) {
  const { t, lang } = page;
  const section = staffSection[kind];
  return (
    <section aria-labelledby={`liste-${section}`} class="kern-stack-sm">
      <h2 class="kern-heading-medium" id={`liste-${section}`}>
        {t(`catalog:staff.lists.${kind}`, { count: entries.length })}
      </h2>
      <p>
        <a class="kern-btn kern-btn--secondary" href={`/verwaltung/katalog/${section}/neu`}>
          <span class="kern-label">{t(`catalog:staff.new.${kind}`)}</span>
        </a>
      </p>
      <div class="kern-table-responsive">
        <table class="kern-table kern-table--small">
          <thead class="kern-table__header">
            <tr>
              <th scope="col">{t('catalog:fields.title')}</th>
              <th scope="col">{t('catalog:staff.state')}</th>
              <th scope="col">{t('catalog:staff.brokenLinks')}</th>
              <th scope="col">{t('catalog:staff.changedAt')}</th>
            </tr>
          </thead>
          <tbody class="kern-table__body">
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td class="kern-table__cell">
                  <a class="kern-link" href={`/verwaltung/katalog/${section}/${entry.id}`}>
                    {entry.draft.title}
                  </a>
                </td>
                <td class="kern-table__cell">
                  <StatusBadge page={page} entry={entry} /> {entry.demo ? <DemoBadge page={page} /> : null}
                </td>
                <td class="kern-table__cell">{broken.get(entry.id) ?? 0}</td>
                <td class="kern-table__cell">{formatDateTime(entry.updated_at, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function DashboardPage({ page, entries, broken, notice, canTransfer }: { page: PageContext; entries: Entry[]; broken: Map<string, number>; notice?: string; canTransfer: boolean }) {
  const { t } = page;
  const demo = entries.filter((entry) => entry.demo).length;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('catalog:staff.intro')}>{t('catalog:staff.title')}</Heading>
      {notice ? <Alert kind="success" title={t(notice)} /> : null}
      {demo > 0 ? (
        <Alert kind="warning" title={t('catalog:staff.demoTitle')}>
          <p class="kern-body">{t('catalog:staff.demoBody', { count: demo })}</p>
        </Alert>
      ) : null}
      <div class="catalog-actions">
        <PostForm page={page} action="/verwaltung/katalog/links-pruefen">
          <SubmitButton kind="secondary" label={t('catalog:staff.checkAllLinks')} />
        </PostForm>
        {canTransfer ? (
          <p class="kern-body">
            <a class="kern-link" href="/verwaltung/katalog/export.json" download="katalog.json">
              {t('catalog:transfer.export')}
            </a>{' '}
            ·{' '}
            <a class="kern-link" href="/verwaltung/katalog/import">
              {t('catalog:transfer.import')}
            </a>
          </p>
        ) : null}
      </div>
      {(['service', 'office', 'situation'] as const).map((kind) => (
        <EntryTable key={kind} page={page} kind={kind} entries={entries.filter((entry) => entry.kind === kind)} broken={broken} />
      ))}
    </div>
  );
}

export function HistoryPage({ page, entry, history }: { page: PageContext; entry: Entry; history: HistoryRow[] }) {
  const { t, lang } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={entry.draft.title}>{t('catalog:staff.history')}</Heading>
      <div class="kern-table-responsive">
        <table class="kern-table kern-table--small">
          <thead class="kern-table__header">
            <tr>
              <th scope="col">{t('catalog:history.when')}</th>
              <th scope="col">{t('catalog:history.who')}</th>
              <th scope="col">{t('catalog:history.what')}</th>
              <th scope="col">{t('catalog:history.revision')}</th>
              <th scope="col">{t('catalog:history.changed')}</th>
            </tr>
          </thead>
          <tbody class="kern-table__body">
            {history.map((row) => (
              <tr key={row.id}>
                <td class="kern-table__cell">{formatDateTime(row.at, lang)}</td>
                <td class="kern-table__cell">{row.actor_name ?? t('catalog:history.unknown')}</td>
                <td class="kern-table__cell">{t(`catalog:history.actions.${row.action}`)}</td>
                <td class="kern-table__cell">{row.revision}</td>
                <td class="kern-table__cell">{row.changed.map((field) => t(`catalog:history.fields.${field}`, { defaultValue: field })).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function ImportPage({ page, problems, form }: { page: PageContext; problems: string[]; form: Pick<FormState, 'errors'> }) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('catalog:transfer.importLead')}>{t('catalog:transfer.import')}</Heading>
      <ErrorSummary page={page} errors={form.errors} />
      {problems.length > 0 ? (
        <Alert kind="danger" title={t('catalog:transfer.problemsTitle', { count: problems.length })}>
          <ul class="kern-list">
            {problems.map((problem, index) => (
              <li key={index}>{problem}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <PostForm page={page} action="/verwaltung/katalog/import" files>
        {/* The extension as well as the type, so the browser's file picker offers .json files. */}
        <FileField name="file" label={t('catalog:transfer.file')} hint={t('catalog:transfer.fileHint')} error={form.errors.file} accept={[...importForm.fields.file.accept, '.json']} />
        <SubmitButton label={t('catalog:transfer.importSubmit')} />
      </PostForm>
    </div>
  );
}

export function PreviewBanner({ page }: { page: PageContext }) {
  return (
    <Alert kind="info" title={page.t('catalog:staff.previewTitle')}>
      <p class="kern-body">{page.t('catalog:staff.previewBody')}</p>
    </Alert>
  );
}
