import { Heading, Select, SubmitButton } from '#kernel/html/components.tsx';
import type { PageContext } from '#kernel/html/page.ts';
import { StaffTable } from '#kernel/html/staff-table.tsx';
import { titleOf, type DueList } from '../service.ts';
import { duePath, expiryWords, ownPath, personHref, requirementsPath, StatusBadge } from './shared.tsx';

/** The coordinator's page: the figures per requirement, then who is due, the most urgent first. */
export function DuePage({ page, list, chosen }: { page: PageContext; list: DueList; chosen: string | undefined }) {
  const { t, lang } = page;
  const any = { value: '', label: t('learning:training.due.anyRequirement') };
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('learning:training.due.lead')}>{t('learning:training.due.title')}</Heading>
      <section aria-labelledby="figures" class="kern-stack-sm">
        <h2 id="figures" class="kern-heading-medium">
          {t('learning:training.due.figuresTitle')}
        </h2>
        <StaffTable
          caption={t('learning:training.due.figuresTitle')}
          columns={[t('learning:training.columns.requirement'), t('learning:training.columns.appliesTo'), t('learning:training.status.current'), t('learning:training.status.expiring'), t('learning:training.status.expired'), t('learning:training.status.missing')]}
        >
          {list.figures.map((row) => (
            <tr key={row.key}>
              <td>{titleOf(row, lang)}</td>
              <td>{row.appliesTo}</td>
              <td>{row.current}</td>
              <td>{row.expiring}</td>
              <td>{row.expired}</td>
              <td>{row.missing}</td>
            </tr>
          ))}
        </StaffTable>
      </section>
      <section aria-labelledby="due" class="kern-stack-sm">
        <h2 id="due" class="kern-heading-medium">
          {t('learning:training.due.dueTitle')}
        </h2>
        <form method="get" action={duePath} class="kern-stack-sm filter-form">
          <Select name="anforderung" label={t('learning:training.columns.requirement')} value={chosen ?? ''} choices={[any, ...list.requirements.map((requirement) => ({ value: requirement.key, label: titleOf(requirement, lang) }))]} />
          <SubmitButton kind="secondary" label={t('learning:training.due.filter')} />
        </form>
        <p role="status">{t('learning:training.due.count', { count: list.due.length })}</p>
        {list.due.length > 0 ? (
          <p>
            <a class="kern-link" href={`${duePath}/faellig.csv${chosen ? `?anforderung=${encodeURIComponent(chosen)}` : ''}`} download>
              {t('learning:training.due.csv')}
            </a>
          </p>
        ) : null}
        {list.due.length > 0 ? (
          <StaffTable caption={t('learning:training.due.dueTitle')} columns={[t('learning:training.columns.person'), t('learning:training.columns.requirement'), t('learning:training.columns.status'), t('learning:training.columns.expiry')]}>
            {list.due.map((row) => (
              <tr key={`${row.userId}-${row.requirement.key}`}>
                <td>
                  <a class="kern-link" href={personHref(row.userId)}>
                    {row.name}
                  </a>
                </td>
                <td>{titleOf(row.requirement, lang)}</td>
                <td>
                  <StatusBadge page={page} status={row.status} />
                </td>
                <td>{expiryWords(page, row)}</td>
              </tr>
            ))}
          </StaffTable>
        ) : null}
      </section>
      <ul class="kern-list">
        <li>
          <a class="kern-link" href={requirementsPath}>
            {t('learning:training.requirements.title')}
          </a>
        </li>
        <li>
          <a class="kern-link" href={ownPath}>
            {t('learning:training.own.title')}
          </a>
        </li>
      </ul>
    </div>
  );
}
