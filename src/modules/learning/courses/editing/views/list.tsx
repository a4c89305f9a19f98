import { Alert, Heading } from '#kernel/html/components.tsx';
import type { PageContext } from '#kernel/html/page.ts';
import { StaffTable } from '#kernel/html/staff-table.tsx';
import { DemoMark } from '#modules/learning/courses/views/parts.tsx';
import type { CourseRow } from '../repo.ts';
import { courseEditHref, newCoursePath } from './paths.ts';

/** Every course, for citizens and for staff, published or not, with its sessions; each opens its form. */
export function CoursesPage({ page, rows, notice }: { page: PageContext; rows: readonly CourseRow[]; notice?: string | undefined }) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('learning:courseEditing.list.lead')}>{t('learning:courseEditing.list.title')}</Heading>
      {notice ? <Alert kind="success" title={notice} /> : null}
      <p>
        <a class="kern-link" href={newCoursePath}>
          {t('learning:courseEditing.list.new')}
        </a>
      </p>
      {rows.length === 0 ? <p class="kern-body">{t('learning:courseEditing.list.none')}</p> : null}
      <StaffTable
        caption={t('learning:courseEditing.list.title')}
        columns={[t('learning:courseEditing.list.course'), t('learning:courseEditing.list.audience'), t('learning:courseEditing.list.level'), t('learning:courseEditing.list.sessions'), t('learning:courseEditing.list.published')]}
      >
        {rows.map((row) => (
          <tr key={row.id}>
            <td>
              <a class="kern-link" href={courseEditHref(row.id)}>
                {row.title}
              </a>{' '}
              {row.demo ? <DemoMark page={page} /> : null}
            </td>
            <td>{t(`learning:courseEditing.audiences.${row.audience}`)}</td>
            <td>{t(`learning:courses.levels.${row.level}`)}</td>
            <td>{t('learning:courseEditing.list.sessionCount', { count: row.sessions, upcoming: row.upcoming })}</td>
            <td>{t(row.published ? 'learning:courseEditing.list.yes' : 'learning:courseEditing.list.no')}</td>
          </tr>
        ))}
      </StaffTable>
    </div>
  );
}
