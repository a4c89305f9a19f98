import { FormFields } from '#kernel/forms/index.ts';
import type { Raw } from '#kernel/forms/index.ts';
import { ErrorSummary, Heading, PostForm, SubmitButton } from '#kernel/html/components.tsx';
import type { FieldErrors, PageContext } from '#kernel/html/page.ts';
import { waitlistForm } from '../forms.waitlist.ts';

/** What the person asked for, as the page names it. */
export interface WaitlistRequestShown {
  place: string;
  services: string;
  persons: number;
}

/** The form that puts a person on the waiting list, with the request it is for. */
export function WaitlistPage(props: { page: PageContext; action: string; request: WaitlistRequestShown; raw: Raw; errors: FieldErrors }) {
  const { t } = props.page;
  return (
    <>
      <Heading lead={t('appointments:waitlist.lead')}>{t('appointments:waitlist.title')}</Heading>
      <ErrorSummary page={props.page} errors={props.errors} />
      <h2 class="kern-heading-medium">{t('appointments:waitlist.request')}</h2>
      <dl class="kern-description-list">
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('appointments:waitlist.place')}</dt>
          <dd class="kern-description-list-item__value">{props.request.place}</dd>
        </div>
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('appointments:waitlist.services')}</dt>
          <dd class="kern-description-list-item__value">{props.request.services}</dd>
        </div>
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('appointments:waitlist.persons')}</dt>
          <dd class="kern-description-list-item__value">{props.request.persons}</dd>
        </div>
      </dl>
      <p>{t('appointments:waitlist.how')}</p>
      <PostForm page={props.page} action={props.action}>
        <FormFields page={props.page} form={waitlistForm} raw={props.raw} errors={props.errors} />
        <SubmitButton label={t('appointments:waitlist.submit')} />
      </PostForm>
    </>
  );
}

