import { CheckboxGroup, rawText } from '#kernel/forms/index.ts';
import { Select, TextArea, TextField } from '#kernel/html/components.tsx';
import { feeRows, serviceForm } from '../forms.service.ts';
import { channelKinds } from '../schemas.content.ts';
import { english } from '../forms.english.ts';
import { EditFrame, EnglishTwin, Fieldset, limitsOf, type EditProps } from './editing.tsx';

export interface Choices {
  offices: { id: string; title: string }[];
  situations: { id: string; title: string }[];
}

const limitOf = limitsOf(serviceForm);

export function ServiceEditPage(props: EditProps & { choices: Choices }) {
  const { page, raw, errors, choices } = props;
  const { t } = page;
  type Options = { hint?: string; rows?: number; area?: boolean; inEnglish?: boolean | { hint: string } };
  const field = (name: string, label: string, options: Options) =>
    options.area ? (
      <TextArea name={name} label={label} hint={options.hint} value={rawText(raw, name)} error={errors[name]} rows={options.rows ?? 5} maxLength={limitOf(name)} />
    ) : (
      <TextField name={name} label={label} hint={options.hint} value={rawText(raw, name)} error={errors[name]} maxLength={limitOf(name)} />
    );
  const chosen = raw.lifeSituationIds;
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
        {text('title', t('catalog:fields.title'), { inEnglish: true })}
        {text('slug', t('catalog:fields.slug'), { hint: t('catalog:hints.slug') })}
        {text('leikaKey', t('catalog:fields.leikaKey'), { hint: t('catalog:hints.leikaKey') })}
        {text('summary', t('catalog:fields.summary'), { hint: t('catalog:hints.summary'), area: true, rows: 3, inEnglish: true })}
        <Select
          name="officeId"
          label={t('catalog:fields.office')}
          value={rawText(raw, 'officeId')}
          error={errors.officeId}
          choices={[{ value: '', label: t('catalog:staff.noOffice') }, ...choices.offices.map((office) => ({ value: office.id, label: office.title }))]}
        />
        <CheckboxGroup
          name="lifeSituationIds"
          label={t('catalog:fields.situations')}
          error={errors.lifeSituationIds}
          choices={choices.situations.map((situation) => ({ value: situation.id, label: situation.title }))}
          values={Array.isArray(chosen) ? chosen : chosen ? [chosen] : []}
        />
      </Fieldset>
      <Fieldset legend={t('catalog:staff.groups.description')}>
        {text('description', t('catalog:sections.description'), { area: true, hint: t('catalog:hints.paragraphs'), inEnglish: true })}
        {text('eligibility', t('catalog:sections.eligibility'), { area: true, rows: 3, inEnglish: true })}
        {text('requirements', t('catalog:sections.requirements'), { area: true, hint: t('catalog:hints.lines'), inEnglish: true })}
        {text('documents', t('catalog:sections.documents'), { area: true, hint: t('catalog:hints.lines'), inEnglish: true })}
        {Array.from({ length: feeRows }, (_, index) => index + 1).map((row) => (
          <div class="catalog-fee-row" key={row}>
            {text(`fee${row}Label`, t('catalog:fields.feeLabelRow', { row }))}
            {text(`fee${row}Amount`, t('catalog:fields.feeAmountRow', { row }), { hint: t('catalog:hints.amount') })}
            {text(english(`fee${row}Label`), t('catalog:fields.inEnglish', { field: t('catalog:fields.feeLabelRow', { row }) }))}
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
            {text(`${kind}Target`, t(`catalog:channels.${kind}.target`), { hint: t(`catalog:channels.${kind}.hint`) })}
            {text(`${kind}Instructions`, t(`catalog:channels.${kind}.instructions`), { area: true, rows: 2, inEnglish: true })}
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
