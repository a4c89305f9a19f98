import { Alert, Heading, PostForm, SubmitButton } from '#kernel/html/components.tsx';
import type { PageContext } from '#kernel/html/page.ts';
import { meetingText, whereText } from '../facts.ts';
import type { OwnRegistration } from '../service.account.ts';
import { cataloguePath } from './catalogue.tsx';
import { lang } from './parts.tsx';

/** "Meine Kurse": each registration with its state, the way to cancel, and the certificate once there is one. */
export function AccountCoursesPage({ page, registrations, notice }: { page: PageContext; registrations: OwnRegistration[]; notice?: string | undefined }) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading>{t('learning:courses.account.title')}</Heading>
      {notice ? (
<Alert kind="success" title={notice} />
      ) : null}
      {registrations.length === 0 ? (
        <p class="kern-body">
          {t('learning:courses.account.none')}{' '}
          <a class="kern-link" href={cataloguePath}>
            {t('learning:courses.account.toCatalogue')}
          </a>
        </p>
      ) : null}
      <ul class="kern-list">
        {registrations.map((entry) => (
          <li key={entry.id} class="kern-stack-xs courses-own">
            <h2 class="kern-heading-small">
              <a class="kern-link" href={`${cataloguePath}/${entry.slug}`}>
                {entry.title}
              </a>
            </h2>
            <p class="kern-body">
              <time datetime={entry.startsAt.toISOString()}>{meetingText({ starts_at: entry.startsAt, ends_at: entry.endsAt }, lang(page))}</time> · {whereText(entry, lang(page))}
            </p>
            <p class="kern-body">
              {t(`learning:courses.account.status.${entry.status}`, { position: entry.position ?? 0 })} · {t('learning:courses.account.reference', { reference: entry.reference })}
            </p>
            {entry.cancellable ? (
              <PostForm page={page} action={`/konto/kurse/${entry.id}/abmelden`}>
                <SubmitButton label={t('learning:courses.account.cancel')} kind="secondary" />
              </PostForm>
            ) : null}
            {entry.certificateCode ? (
              <p class="kern-body">
                <a class="kern-link" href={`/konto/kurse/${entry.id}/bescheinigung.pdf`}>
                  {t('learning:courses.account.certificate')}
                </a>
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
