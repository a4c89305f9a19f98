import { Alert } from '#kernel/html/components.tsx';
import { formatDay } from '#kernel/dates.ts';
import type { PageContext } from '#kernel/html/page.ts';
import type { QueueRow, StaffCase } from '../service.casework.ts';

/** While the case waits for information: the day asked for, and a warning once it has passed. */
export function ReplyByNotice({ page, replyBy }: { page: PageContext; replyBy: StaffCase['replyBy'] }) {
  const { t } = page;
  if (!replyBy) return null;
  const day = formatDay(replyBy.day);
  return replyBy.overdue ? (
    <Alert kind="warning" title={t('applications:casework.list.overdue', { day })}>
      <p class="kern-body">{t('applications:casework.case.overdue')}</p>
    </Alert>
  ) : (
    <p class="kern-body">{t('applications:casework.case.replyBy', { day })}</p>
  );
}

/** The queue's marks beside a case's status: a reply nobody has answered yet, a request past its day. */
export function QueueMarks({ page, row }: { page: PageContext; row: Pick<QueueRow, 'newReply' | 'overdueSince'> }) {
  const { t } = page;
  return (
    <>
      {row.newReply ? (
        <>
          {' '}
          <span class="kern-label kern-label--small">{t('applications:casework.list.newReply')}</span>
        </>
      ) : null}
      {row.overdueSince ? (
        <>
          {' '}
          <span class="kern-label kern-label--small">{t('applications:casework.list.overdue', { day: formatDay(row.overdueSince) })}</span>
        </>
      ) : null}
    </>
  );
}
