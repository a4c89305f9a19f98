import { FormFields, type FormDef, type Raw } from '#kernel/forms/index.ts';
import { ErrorSummary, Heading, PostForm, SubmitButton } from '#kernel/html/components.tsx';
import type { FieldErrors, PageContext } from '#kernel/html/page.ts';
import type { SessionView } from '../service.catalogue.ts';
import type { Course } from '../tables.ts';
import { PhoneLink, SessionFacts } from './parts.tsx';

/*
 * Registering for one session: the session's facts first (so nobody registers for the wrong date), whether
 * it is a place or the waiting line, then the form: for a signed-in person only the support they need, for
 * a guest also a name and a way to reach them. The phone number stays in view for those who would rather call.
 */

export function RegisterPage(props: {
  page: PageContext;
  course: Course;
  session: SessionView;
  form: FormDef;
  action: string;
  raw: Raw;
  errors: FieldErrors;
  signedInAs?: string | undefined;
}) {
  const { t } = props.page;
  const full = props.session.free === 0;
  return (
    <div class="kern-stack-lg">
      <Heading lead={props.course.title}>{t(full ? 'learning:courses.register.waitlistTitle' : 'learning:courses.register.title')}</Heading>
      <ErrorSummary page={props.page} errors={props.errors} />
      <SessionFacts page={props.page} course={props.course} session={props.session} />
      <p class="kern-body">{t(full ? 'learning:courses.register.waitlistText' : 'learning:courses.register.placeText')}</p>
      {props.signedInAs ? <p class="kern-body">{t('learning:courses.register.signedInAs', { name: props.signedInAs })}</p> : <p class="kern-body">{t('learning:courses.register.guestText')}</p>}
      <PostForm page={props.page} action={props.action}>
        <FormFields page={props.page} form={props.form} raw={props.raw} errors={props.errors} />
        <p class="kern-body kern-body--small">
          {t('learning:courses.register.privacy')}{' '}
          <a class="kern-link" href="/datenschutz">
            {t('learning:courses.register.privacyLink')}
          </a>
        </p>
        <SubmitButton label={t(full ? 'learning:courses.register.submitWaitlist' : 'learning:courses.register.submit')} />
      </PostForm>
      <p class="kern-body">
        {t('learning:courses.course.byPhone')} <PhoneLink number={props.course.contact_phone} />
      </p>
    </div>
  );
}
