import { DateField, rawText, type Raw } from '#kernel/forms/index.ts';
import { PostForm, Select, SubmitButton, TextArea } from '#kernel/html/components.tsx';
import type { FieldErrors, PageContext } from '#kernel/html/page.ts';
import { stepForms, stepInputs, stepSlugs } from '../forms.casework.ts';
import type { StaffCase } from '../service.casework.ts';
import type { CaseTransition } from '../service.casework.steps.ts';
import { longestText } from '../service.casework.notes.ts';

/** The form the page was sent back with, and what it said: the other forms on the page start empty. */
export interface Posted {
  form: string;
  raw: Raw;
  errors: FieldErrors;
}

const of = (posted: Posted | undefined, form: string) => (posted?.form === form ? posted : { raw: {} as Raw, errors: {} as FieldErrors });

function euros(cents: number, lang: 'de' | 'en') {
  return new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** One step's form: its texts where the step asks for them, and the button that takes it. */
function StepForm({ page, made, transition, posted }: { page: PageContext; made: StaffCase; transition: CaseTransition; posted: Posted | undefined }) {
  const { t, lang } = page;
  const names = stepInputs(transition);
  const { raw, errors } = of(posted, `step:${transition}`);
  const key = `applications:casework.steps.${transition}`;
  const fields = stepForms[transition].fields;
  const writes = names.note in fields;
  const decides = names.fee in fields;
  const fees = made.fees.map((fee, index) => ({ value: String(index), label: `${fee.label}: ${euros(fee.amountCents, lang)}` }));
  return (
    <section class="kern-stack-sm case-step" aria-labelledby={`step-${transition}`}>
      <h3 class="kern-heading-small" id={`step-${transition}`}>
        {t(`${key}.title`)}
      </h3>
      <p class="kern-body">{t(`${key}.explain`)}</p>
      <PostForm page={page} action={`/verwaltung/antraege/${made.made.id}/schritte/${stepSlugs[transition]}`}>
        {writes ? <TextArea name={names.note} label={t(`${key}.note`)} hint={t(`${key}.noteHint`)} value={rawText(raw, names.note)} error={errors[names.note]} maxLength={longestText} rows={4} /> : null}
        {transition === 'requestInformation' ? <DateField page={page} name={names.replyBy} label={t(`${key}.replyBy`)} value={rawText(raw, names.replyBy)} error={errors[names.replyBy]} /> : null}
        {decides ? (
          <Select
            name={names.fee}
            label={t('applications:casework.fee')}
            hint={t(fees.length > 0 ? 'applications:casework.feeHint' : 'applications:casework.noFees')}
            value={rawText(raw, names.fee) ?? (transition === 'approve' && fees.length > 0 ? '0' : 'none')}
            error={errors[names.fee]}
            choices={[...fees, { value: 'none', label: t('applications:casework.noFee') }]}
          />
        ) : null}
        <SubmitButton kind={transition === 'proposeRejection' || transition === 'returnRejection' ? 'secondary' : 'primary'} label={t(`${key}.submit`)} />
      </PostForm>
    </section>
  );
}

/** The steps the person may take now, as the workflow gives them; a proposer sees that another must confirm. */
export function CaseActions({ page, made, posted }: { page: PageContext; made: StaffCase; posted: Posted | undefined }) {
  const { t } = page;
  const actions = made.actions.filter((transition) => !(made.confirmByOther && transition === 'confirmRejection'));
  return (
    <section class="kern-stack-md" aria-labelledby="case-actions">
      <h2 class="kern-heading-medium" id="case-actions">
        {t('applications:casework.case.actions')}
      </h2>
      {made.confirmByOther ? <p class="kern-body">{t('applications:casework.case.confirmByOther')}</p> : null}
      {actions.length === 0 && !made.confirmByOther ? <p class="kern-body">{t('applications:casework.case.noActions')}</p> : null}
      {actions.map((transition) => (
        <StepForm key={transition} page={page} made={made} transition={transition} posted={posted} />
      ))}
    </section>
  );
}

/** Who handles the case: the person themselves, nobody (back to the queue), or a colleague of the office. */
export function AssignForm({ page, made, posted }: { page: PageContext; made: StaffCase; posted: Posted | undefined }) {
  const { t } = page;
  const { raw, errors } = of(posted, 'assign');
  const others = made.colleagues.filter((colleague) => colleague.userId !== made.me);
  return (
    <section class="kern-stack-sm" aria-labelledby="case-assign">
      <h2 class="kern-heading-medium" id="case-assign">
        {t('applications:casework.assign.title')}
      </h2>
      <p class="kern-body">{made.assignedName ? t('applications:casework.assign.current', { name: made.assignedName }) : t('applications:casework.assign.nobodyYet')}</p>
      <PostForm page={page} action={`/verwaltung/antraege/${made.made.id}/zuweisung`}>
        <Select
          name="assignee"
          label={t('applications:casework.assign.label')}
          value={rawText(raw, 'assignee') ?? 'me'}
          error={errors.assignee}
          choices={[
            { value: 'me', label: t('applications:casework.assign.me') },
            { value: 'nobody', label: t('applications:casework.assign.nobody') },
            ...others.map((colleague) => ({ value: colleague.userId, label: colleague.name })),
          ]}
        />
        <SubmitButton kind="secondary" label={t('applications:casework.assign.submit')} />
      </PostForm>
    </section>
  );
}

/** A message to the applicant and an internal note, side by side in what they say they are for. */
export function WriteForms({ page, made, posted }: { page: PageContext; made: StaffCase; posted: Posted | undefined }) {
  const { t } = page;
  const message = of(posted, 'message');
  const note = of(posted, 'note');
  return (
    <section class="kern-stack-md" aria-labelledby="case-write">
      <h2 class="kern-heading-medium" id="case-write">
        {t('applications:casework.write')}
      </h2>
      <PostForm page={page} action={`/verwaltung/antraege/${made.made.id}/nachricht`}>
        <TextArea name="message" label={t('applications:casework.message.label')} hint={t('applications:casework.message.hint')} value={rawText(message.raw, 'message')} error={message.errors.message} maxLength={longestText} rows={4} />
        <SubmitButton label={t('applications:casework.message.submit')} />
      </PostForm>
      <PostForm page={page} action={`/verwaltung/antraege/${made.made.id}/notiz`}>
        <TextArea name="note" label={t('applications:casework.note.label')} hint={t('applications:casework.note.hint')} value={rawText(note.raw, 'note')} error={note.errors.note} maxLength={longestText} rows={3} />
        <SubmitButton kind="secondary" label={t('applications:casework.note.submit')} />
      </PostForm>
    </section>
  );
}
