import { Heading } from '#kernel/html/components.tsx';
import type { PageContext } from '#kernel/html/page.ts';
import type { PersonTraining } from '../service.ts';
import { RecordsTable, StandingsTable } from './records.tsx';
import { ownPath } from './shared.tsx';

/** A staff member's own page: what applies to them, what is due with the next course, and their records. */
export function OwnPage({ page, training }: { page: PageContext; training: PersonTraining }) {
  const { t } = page;
  const due = training.standings.filter((standing) => standing.status !== 'current').length;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('learning:training.own.lead')}>{t('learning:training.own.title')}</Heading>
      <p role="status">{due > 0 ? t('learning:training.own.due', { count: due }) : t('learning:training.own.nothingDue')}</p>
      <section aria-labelledby="stand" class="kern-stack-sm">
        <h2 id="stand" class="kern-heading-medium">
          {t('learning:training.own.standTitle')}
        </h2>
        <StandingsTable page={page} standings={training.standings} next={training.next} caption={t('learning:training.own.standTitle')} />
      </section>
      <section aria-labelledby="nachweise" class="kern-stack-sm">
        <h2 id="nachweise" class="kern-heading-medium">
          {t('learning:training.own.recordsTitle')}
        </h2>
        <RecordsTable page={page} training={training} base={ownPath} caption={t('learning:training.own.recordsTitle')} />
        <p>{t('learning:training.own.external')}</p>
      </section>
    </div>
  );
}
