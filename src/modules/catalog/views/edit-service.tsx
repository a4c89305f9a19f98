import type { PageContext } from '#kernel/html/page.ts';
import { Select, TextArea, TextField } from '#kernel/html/components.tsx';
import { feeRows } from '../forms.service.ts';
import { channelKinds } from '../schemas.content.ts';
import { english } from '../forms.english.ts';
import { EditFrame, EnglishTwin, Fieldset, value, type EditProps } from './editing.tsx';

export interface Choices {
  offices: { id: string; title: string }[];
  situations: { id: string; title: string }[];
}

function SituationChoices({ page, props, choices }: { page: PageContext; props: EditProps; choices: Choices }) {
  const chosen = props.values.lifeSituationIds;
  const selected = Array.isArray(chosen) ? chosen : chosen ? [chosen] : [];
  const error = props.errors.lifeSituationIds;
  return (
    <fieldset class={`kern-fieldset${error ? ' kern-fieldset--error' : ''}`}>
      <legend class="kern-label">{page.t('catalog:fields.situations')}</legend>
      {error ? (
        <p class="kern-error" id="lifeSituationIds-error">
          <span class="kern-icon kern-icon--danger kern-icon--default" aria-hidden="true" />
          <span class="kern-body">{error}</span>
        </p>
      ) : null}
      <div class="kern-fieldset__body catalog-checkboxes">
        {choices.situations.map((situation, index) => {
          const id = index === 0 ? 'lifeSituationIds' : `lifeSituationIds-${situation.id}`;
          return (
            <div class="kern-form-check" key={situation.id}>
              <input class="kern-form-check__checkbox" type="checkbox" id={id} name="lifeSituationIds" value={situation.id} checked={selected.includes(situation.id)} />
              <label class="kern-label" for={id}>
                {situation.title}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

export function ServiceEditPage(props: EditProps & { choices: Choices }) {
  const { page, values, errors, choices } = props;
  const { t } = page;
  type Options = { hint?: string; maxLength?: number; rows?: number; area?: boolean; inEnglish?: boolean | { hint: string } };
  const field = (name: string, label: string, options: Options) =>
    options.area ? (
      <TextArea name={name} label={label} hint={options.hint} value={value(values, name)} error={errors[name]} rows={options.rows ?? 5} maxLength={options.maxLength ?? 5000} />
    ) : (
      <TextField name={name} label={label} hint={options.hint} value={value(values, name)} error={errors[name]} maxLength={options.maxLength ?? 300} />
    );
  /** A field, and after it its English twin when it has one. */
  const text = (name: string, label: string, options: Options = {}) =>
    options.inEnglish ? (
      <>
        {field(name, label, options)}
        <EnglishTwin>{field(english(name), t('catalog:fields.inEnglish', { field: label }), { ...options, hint: typeof options.inEnglish === 'object' ? options.inEnglish.hint : undefined })}</EnglishTwin>
      </>
    ) : (
      field(name, label, options)
    );
  return (
    <EditFrame {...props}>
      <Fieldset legend={t('catalog:staff.groups.basics')}>
        <p class="kern-body">{t('catalog:hints.english')}</p>
        {text('title', t('catalog:fields.title'), { maxLength: 160, inEnglish: true })}
        {text('slug', t('catalog:fields.slug'), { hint: t('catalog:hints.slug'), maxLength: 80 })}
        {text('leikaKey', t('catalog:fields.leikaKey'), { hint: t('catalog:hints.leikaKey'), maxLength: 40 })}
        {text('summary', t('catalog:fields.summary'), { hint: t('catalog:hints.summary'), area: true, rows: 3, maxLength: 400, inEnglish: true })}
        <Select
          name="officeId"
          label={t('catalog:fields.office')}
          value={value(values, 'officeId')}
          error={errors.officeId}
          choices={[{ value: '', label: t('catalog:staff.noOffice') }, ...choices.offices.map((office) => ({ value: office.id, label: office.title }))]}
        />
        <SituationChoices page={page} props={props} choices={choices} />
      </Fieldset>
      <Fieldset legend={t('catalog:staff.groups.description')}>
        {text('description', t('catalog:sections.description'), { area: true, hint: t('catalog:hints.paragraphs'), inEnglish: true })}
        {text('eligibility', t('catalog:sections.eligibility'), { area: true, rows: 3, inEnglish: true })}
        {text('requirements', t('catalog:sections.requirements'), { area: true, hint: t('catalog:hints.lines'), inEnglish: true })}
        {text('documents', t('catalog:sections.documents'), { area: true, hint: t('catalog:hints.lines'), inEnglish: true })}
        {Array.from({ length: feeRows }, (_, index) => index + 1).map((row) => (
          <div class="catalog-fee-row" key={row}>
            {text(`fee${row}Label`, t('catalog:fields.feeLabelRow', { row }), { maxLength: 200 })}
            {text(`fee${row}Amount`, t('catalog:fields.feeAmountRow', { row }), { hint: t('catalog:hints.amount'), maxLength: 20 })}
            {text(english(`fee${row}Label`), t('catalog:fields.inEnglish', { field: t('catalog:fields.feeLabelRow', { row }) }), { maxLength: 200 })}
          </div>
        ))}
        {text('feesNote', t('catalog:fields.feesNote'), { area: true, rows: 3, hint: t('catalog:hints.feesNote'), inEnglish: true })}
        {text('deadlines', t('catalog:sections.deadlines'), { area: true, rows: 3, inEnglish: true })}
        {text('processingTime', t('catalog:sections.processingTime'), { area: true, rows: 2, inEnglish: true })}
        {text('legalBasis', t('catalog:sections.legalBasis'), { area: true, rows: 3, hint: t('catalog:hints.lines'), inEnglish: true })}
        {text('notes', t('catalog:sections.notes'), { area: true, rows: 3, inEnglish: true })}
        {text('appeal', t('catalog:sections.appeal'), { area: true, rows: 3, inEnglish: true })}
        {text('links', t('catalog:sections.links'), { area: true, rows: 3, hint: t('catalog:hints.links'), inEnglish: { hint: t('catalog:hints.linksEn') } })}
      </Fieldset>
      <Fieldset legend={t('catalog:staff.groups.channels')}>
        <p class="kern-body">{t('catalog:hints.channels')}</p>
        {channelKinds.map((kind) => (
          <div class="catalog-channel-fields" key={kind}>
            {text(`${kind}Target`, t(`catalog:channels.${kind}.target`), { hint: t(`catalog:channels.${kind}.hint`), maxLength: 500 })}
            {text(`${kind}Instructions`, t(`catalog:channels.${kind}.instructions`), { area: true, rows: 2, maxLength: 1000, inEnglish: true })}
          </div>
        ))}
      </Fieldset>
      <Fieldset legend={t('catalog:staff.groups.search')}>
        {text('synonyms', t('catalog:fields.synonyms'), { hint: t('catalog:hints.synonyms'), area: true, rows: 2 })}
        {text('keywords', t('catalog:fields.keywords'), { hint: t('catalog:hints.keywords'), area: true, rows: 2 })}
      </Fieldset>
      <Fieldset legend={t('catalog:fields.easyLanguage')}>{text('easyLanguage', t('catalog:fields.easyLanguage'), { area: true, hint: t('catalog:hints.easyLanguage') })}</Fieldset>
    </EditFrame>
  );
}
