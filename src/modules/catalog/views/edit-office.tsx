import { rawText } from '#kernel/forms/index.ts';
import { Checkbox, RadioGroup, TextArea, TextField } from '#kernel/html/components.tsx';
import { accessibilityFeatures, hourField, officeForm, situationForm, weekdays } from '../forms.office.ts';
import { english } from '../forms.english.ts';
import { EditFrame, EnglishTwin, Fieldset, limitsOf, type EditProps } from './editing.tsx';

type Options = { hint?: string; rows?: number; area?: boolean };
const limits = { office: limitsOf(officeForm), situation: limitsOf(situationForm), service: () => undefined };

function field(props: EditProps, name: string, label: string, options: Options = {}) {
  const common = { name, label, hint: options.hint, value: rawText(props.raw, name), error: props.errors[name], maxLength: limits[props.kind](name) };
  return options.area ? <TextArea {...common} rows={options.rows ?? 4} /> : <TextField {...common} />;
}

/** A field, and after it its English twin. */
function withTwin(props: EditProps, name: string, label: string, options: Options = {}) {
  return (
    <>
      {field(props, name, label, options)}
      <EnglishTwin>{field(props, english(name), props.page.t('catalog:fields.inEnglish', { field: label }), { ...options, hint: undefined })}</EnglishTwin>
    </>
  );
}

export function OfficeEditPage(props: EditProps) {
  const { page, raw, errors } = props;
  const { t } = page;
  return (
    <EditFrame {...props}>
      <Fieldset legend={t('catalog:staff.groups.basics')}>
        <p class="kern-body">{t('catalog:hints.english')}</p>
        {withTwin(props, 'title', t('catalog:fields.officeName'))}
        {field(props, 'slug', t('catalog:fields.slug'), { hint: t('catalog:hints.slug') })}
        {withTwin(props, 'summary', t('catalog:fields.summary'), { area: true, rows: 2 })}
        {withTwin(props, 'description', t('catalog:fields.officeTasks'), { area: true, hint: t('catalog:hints.paragraphs') })}
      </Fieldset>
      <Fieldset legend={t('catalog:office.contact')}>
        {field(props, 'street', t('catalog:fields.street'))}
        {field(props, 'postalCode', t('catalog:fields.postalCode'))}
        {field(props, 'city', t('catalog:fields.city'))}
        {field(props, 'phone', t('catalog:fields.phone'))}
        {field(props, 'email', t('catalog:fields.email'))}
        {field(props, 'website', t('catalog:fields.website'))}
        {withTwin(props, 'publicTransport', t('catalog:fields.publicTransport'), { area: true, rows: 3, hint: t('catalog:hints.publicTransport') })}
      </Fieldset>
      <Fieldset legend={t('catalog:office.hours')}>
        <p class="kern-body">{t('catalog:hints.hours')}</p>
        {weekdays.map((day) => (
          <fieldset class="kern-fieldset catalog-day" key={day}>
            <legend class="kern-label">{t(`catalog:weekdays.${day}`)}</legend>
            <div class="catalog-day__periods">
              {([1, 2] as const).map((period) => (
                <div class="catalog-day__period" key={period}>
                  <TextField name={hourField(day, 'Opens', period)} label={t('catalog:fields.opensPeriod', { period })} value={rawText(raw, hourField(day, 'Opens', period))} error={errors[hourField(day, 'Opens', period)]} maxLength={8} width={4} />
                  <TextField name={hourField(day, 'Closes', period)} label={t('catalog:fields.closesPeriod', { period })} value={rawText(raw, hourField(day, 'Closes', period))} error={errors[hourField(day, 'Closes', period)]} maxLength={8} width={4} />
                </div>
              ))}
            </div>
          </fieldset>
        ))}
        <Checkbox name="closedOnHolidays" label={t('catalog:fields.closedOnHolidays')} checked={rawText(raw, 'closedOnHolidays') === 'on'} error={errors.closedOnHolidays} />
        {field(props, 'closingDays', t('catalog:fields.closingDays'), { area: true, rows: 4, hint: t('catalog:hints.closingDays') })}
        {field(props, 'exceptions', t('catalog:fields.exceptions'), { area: true, hint: t('catalog:hints.exceptions') })}
        {withTwin(props, 'hoursNote', t('catalog:fields.hoursNote'), { area: true, rows: 3 })}
      </Fieldset>
      <Fieldset legend={t('catalog:office.accessibility')}>
        {accessibilityFeatures.map((feature) => (
          <RadioGroup
            key={feature}
            name={feature}
            label={t(`catalog:accessibility.${feature}`)}
            value={rawText(raw, feature) ?? 'unknown'}
            error={errors[feature]}
            choices={(['yes', 'no', 'unknown'] as const).map((choice) => ({ value: choice, label: t(`catalog:accessibility.${choice}`) }))}
          />
        ))}
        {withTwin(props, 'accessibilityNote', t('catalog:fields.accessibilityNote'), { area: true, rows: 3 })}
      </Fieldset>
    </EditFrame>
  );
}

export function SituationEditPage(props: EditProps) {
  const { page, raw, errors } = props;
  const { t } = page;
  return (
    <EditFrame {...props}>
      <Fieldset legend={t('catalog:staff.groups.basics')}>
        <p class="kern-body">{t('catalog:hints.english')}</p>
        {withTwin(props, 'title', t('catalog:fields.title'))}
        {field(props, 'slug', t('catalog:fields.slug'), { hint: t('catalog:hints.slug') })}
        {withTwin(props, 'summary', t('catalog:fields.summary'), { area: true, rows: 2 })}
        {withTwin(props, 'description', t('catalog:fields.introduction'), { area: true, hint: t('catalog:hints.paragraphs') })}
        {withTwin(props, 'tips', t('catalog:fields.tips'), { area: true, hint: t('catalog:hints.lines') })}
        <Checkbox name="showOnHome" label={t('catalog:fields.showOnHome')} checked={rawText(raw, 'showOnHome') === 'on'} error={errors.showOnHome} />
        {field(props, 'position', t('catalog:fields.position'), { hint: t('catalog:hints.position') })}
      </Fieldset>
    </EditFrame>
  );
}
