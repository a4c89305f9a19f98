import type { PageContext } from '#kernel/html/page.ts';
import { Heading, PostForm, SubmitButton } from '#kernel/html/components.tsx';
import { formatDateTime, isoString } from '#kernel/html/format.ts';
import type { BatchStatus } from '../tables.ts';
import type { BatchTransition } from '../workflow.print.ts';
import { staffLinks } from './messages.tsx';
import { NoticeBanner, StaffNav } from './parts.tsx';

interface BatchRow {
  id: string;
  reference: string;
  status: BatchStatus;
  letters: number;
  pages: number;
  created_at: Date;
  has_files: boolean;
  remake_pending: boolean;
  /** The status changes the person may record now, from the batch's workflow. */
  actions: readonly BatchTransition[];
}

/** What the print room can do with the files: download them, wait for them, or nothing any more. */
function BatchFiles({ page, batch }: { page: PageContext; batch: BatchRow }) {
  const { t } = page;
  if (batch.remake_pending) return <>{t('notify:print.remaking')}</>;
  if (batch.letters === 0) return <>{t('notify:print.emptied')}</>;
  if (!batch.has_files) return <>{t('notify:print.filesDeleted')}</>;
  return (
    <>
      <a class="kern-link" href={`/verwaltung/druck/${batch.id}/briefe.pdf`}>
        {t('notify:print.pdf')}
      </a>
      {' · '}
      <a class="kern-link" href={`/verwaltung/druck/${batch.id}/liste.csv`}>
        {t('notify:print.csv')}
      </a>
    </>
  );
}

export function PrintPage({ page, batches, notice }: { page: PageContext; batches: BatchRow[]; notice?: string }) {
  const { t, lang } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('notify:print.intro')}>{t('notify:print.title')}</Heading>
      <StaffNav page={page} links={staffLinks} />
      <NoticeBanner page={page} notice={notice} />
      <PostForm page={page} action="/verwaltung/druck">
        <SubmitButton label={t('notify:print.createNow')} />
      </PostForm>
      {batches.length === 0 ? (
        <p class="kern-body">{t('notify:print.none')}</p>
      ) : (
        <div class="kern-table-responsive">
          <table class="kern-table kern-table--small">
            <caption class="kern-title">{t('notify:print.batches')}</caption>
            <thead class="kern-table__header">
              <tr>
                <th scope="col">{t('notify:print.created')}</th>
                <th scope="col">{t('notify:print.reference')}</th>
                <th scope="col">{t('notify:print.letters')}</th>
                <th scope="col">{t('notify:print.status')}</th>
                <th scope="col">{t('notify:print.files')}</th>
                <th scope="col">{t('notify:print.actions')}</th>
              </tr>
            </thead>
            <tbody class="kern-table__body">
              {batches.map((batch) => (
                <tr key={batch.id}>
                  <td class="kern-table__cell">
                    <time datetime={isoString(batch.created_at)}>{formatDateTime(batch.created_at, lang)}</time>
                  </td>
                  <td class="kern-table__cell">{batch.reference}</td>
                  <td class="kern-table__cell">{t('notify:print.lettersPages', { letters: batch.letters, pages: batch.pages })}</td>
                  <td class="kern-table__cell">{t(`notify:print.statuses.${batch.status}`)}</td>
                  <td class="kern-table__cell">
                    <BatchFiles page={page} batch={batch} />
                  </td>
                  <td class="kern-table__cell">
                    {batch.actions.map((status) => (
                      <PostForm page={page} action={`/verwaltung/druck/${batch.id}/status`} key={status}>
                        <input type="hidden" name="status" value={status} />
                        <SubmitButton kind="tertiary" label={t(`notify:print.mark.${status}`)} />
                      </PostForm>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
