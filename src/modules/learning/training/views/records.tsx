import { formatDay } from '#kernel/dates.ts';
import { formatDateTime } from '#kernel/html/format.ts';
import type { PageContext } from '#kernel/html/page.ts';
import { PostForm, SubmitButton } from '#kernel/html/components.tsx';
import { StaffTable } from '#kernel/html/staff-table.tsx';
import type { NextSession } from '../repo.ts';
import { titleOf, type PersonTraining, type Standing } from '../service.ts';
import { certificateHref, courseHref, expiryWords, StatusBadge } from './shared.tsx';

/** The next course for a requirement that is due, or a sentence saying there is none yet. */
function NextCourse({ page, next }: { page: PageContext; next: NextSession | undefined }) {
  const { t } = page;
  if (!next) return <>{t('learning:training.noCourse')}</>;
  return (
    <a class="kern-link" href={courseHref(next.slug)}>
      {t('learning:training.nextCourse', { course: next.title, when: formatDateTime(next.startsAt, page.lang) })}
    </a>
  );
}

/** Each requirement that applies to the person with where they stand and, when it is due, the next course. */
export function StandingsTable({ page, standings, next, caption }: { page: PageContext; standings: readonly Standing[]; next: PersonTraining['next']; caption: string }) {
  const { t, lang } = page;
  if (standings.length === 0) return <p>{t('learning:training.noneApply')}</p>;
  return (
    <StaffTable caption={caption} columns={[t('learning:training.columns.requirement'), t('learning:training.columns.status'), t('learning:training.columns.expiry'), t('learning:training.columns.course')]}>
      {standings.map((standing) => (
        <tr key={standing.requirement.key}>
          <td>{titleOf(standing.requirement, lang)}</td>
          <td>
            <StatusBadge page={page} status={standing.status} />
          </td>
          <td>{expiryWords(page, standing)}</td>
          <td>{standing.status === 'current' ? '–' : <NextCourse page={page} next={next.get(standing.requirement.key)} />}</td>
        </tr>
      ))}
    </StaffTable>
  );
}

/** Every completion recorded for the person, the latest first, with the certificate where there is one. */
export function RecordsTable({ page, training, base, caption, removable }: { page: PageContext; training: PersonTraining; base: string; caption: string; removable?: boolean }) {
  const { t, lang } = page;
  if (training.records.length === 0) return <p>{t('learning:training.noRecords')}</p>;
  const titles = new Map(training.requirements.map((requirement) => [requirement.key, titleOf(requirement, lang)]));
  return (
    <StaffTable
      caption={caption}
      columns={[t('learning:training.columns.requirement'), t('learning:training.columns.completedOn'), t('learning:training.columns.validUntil'), t('learning:training.columns.courseAndProvider'), t('learning:training.columns.source'), t('learning:training.columns.certificate'), ...(removable ? [t('learning:training.columns.correction')] : [])]}
    >
      {training.records.map((record) => (
        <tr key={record.id}>
          <td>{titles.get(record.requirementKey) ?? record.requirementKey}</td>
          <td>{formatDay(record.completedOn)}</td>
          <td>{formatDay(record.expiresOn)}</td>
          <td>{`${record.courseTitle} (${record.provider})`}</td>
          <td>{t(`learning:training.source.${record.source}`)}</td>
          <td>
            {record.certificateFilename ? (
              <a class="kern-link" href={certificateHref(base, record.id)}>
                {t('learning:training.certificateLink', { name: record.certificateFilename })}
              </a>
            ) : (
              '–'
            )}
          </td>
          {removable ? (
            <td>
              <PostForm page={page} action={`${base}/nachweise/${record.id}/entfernen`}>
                <SubmitButton kind="tertiary" label={t('learning:training.person.remove')} />
              </PostForm>
            </td>
          ) : null}
        </tr>
      ))}
    </StaffTable>
  );
}
