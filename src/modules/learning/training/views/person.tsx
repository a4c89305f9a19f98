import { FormField, FormKey, type Raw } from '#kernel/forms/index.ts';
import { Alert, ErrorSummary, Heading, PostForm, Select, SubmitButton } from '#kernel/html/components.tsx';
import type { FieldErrors, PageContext } from '#kernel/html/page.ts';
import { externalForm } from '../forms.ts';
import { titleOf, type PersonTraining } from '../service.ts';
import { RecordsTable, StandingsTable } from './records.tsx';
import { duePath, personHref } from './shared.tsx';

/** A staff member's training for the coordinator: standings, records, and the form to record a certificate. */
export function PersonPage({ page, training, form, notice }: { page: PageContext; training: PersonTraining; form: { raw: Raw; errors: FieldErrors }; notice?: 'erfasst' | 'entfernt' | undefined }) {
  const { t, lang } = page;
  const chosen = typeof form.raw.requirement === 'string' ? form.raw.requirement : undefined;
  const field = (name: string) => <FormField page={page} form={externalForm} name={name} raw={form.raw} errors={form.errors} />;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('learning:training.person.lead')}>{training.person.name}</Heading>
      {notice ? <Alert kind="success" title={t(notice === 'erfasst' ? 'learning:training.person.recorded' : 'learning:training.person.removed')} /> : null}
      <ErrorSummary page={page} errors={form.errors} />
      <section aria-labelledby="stand" class="kern-stack-sm">
        <h2 id="stand" class="kern-heading-medium">
          {t('learning:training.person.standTitle')}
        </h2>
        <StandingsTable page={page} standings={training.standings} next={training.next} caption={t('learning:training.person.standTitle')} />
      </section>
      <section aria-labelledby="nachweise" class="kern-stack-sm">
        <h2 id="nachweise" class="kern-heading-medium">
          {t('learning:training.person.recordsTitle')}
        </h2>
        <RecordsTable page={page} training={training} base={duePath} caption={t('learning:training.person.recordsTitle')} removable />
      </section>
      <section aria-labelledby="erfassen" class="kern-stack-sm">
        <h2 id="erfassen" class="kern-heading-medium">
          {t('learning:training.person.formTitle')}
        </h2>
        <p>{t('learning:training.person.formLead')}</p>
        <PostForm page={page} action={`${personHref(training.person.userId)}/nachweise`} files>
          <FormKey raw={form.raw} />
          <Select
            name="requirement"
            label={t('learning:training.form.requirement')}
            error={form.errors.requirement}
            value={chosen}
            choices={training.requirements.map((requirement) => ({ value: requirement.key, label: titleOf(requirement, lang) }))}
          />
          {field('completedOn')}
          {field('expiresOn')}
          {field('courseTitle')}
          {field('provider')}
          {field('certificate')}
          <SubmitButton label={t('learning:training.person.submit')} />
        </PostForm>
      </section>
      <p>
        <a class="kern-link" href={duePath}>
          {t('learning:training.person.back')}
        </a>
      </p>
    </div>
  );
}
