import { Checkbox, RadioGroup, TextArea, TextField } from '#kernel/html/components.tsx';
import { accessibilityFeatures, weekdays } from '../forms.office.ts';
import { english } from '../forms.english.ts';
import { EditFrame, EnglishTwin, Fieldset, value, type EditProps } from './editing.tsx';

function field(props: EditProps, name: string, label: string, options: { hint?: string; maxLength?: number; rows?: number; area?: boolean } = {}) {
  const common = { name, label, hint: options.hint, value: value(props.values, name), error: props.errors[name] };
  return options.area ? <TextArea {...common} rows={options.rows ?? 4} maxLength={options.maxLength ?? 5000} /> : <TextField {...common} maxLength={options.maxLength ?? 300} />;
}

/** A field, and after it its English twin. */
function withTwin(props: EditProps, name: string, label: string, options: { hint?: string; maxLength?: number; rows?: number; area?: boolean } = {}) {
  return (
    <>
      {field(props, name, label, options)}
      <EnglishTwin>{field(props, english(name), props.page.t('catalog:fields.inEnglish', { field: label }), { ...options, hint: undefined })}</EnglishTwin>
    </>
  );
}

export function OfficeEditPage(props: EditProps) {
  const { page, values, errors } = props;
  const { t } = page;
  return (
    <EditFrame {...props}>
      <Fieldset legend={t('catalog:staff.groups.basics')}>
        <p class="kern-body">{t('catalog:hints.english')}</p>
        {withTwin(props, 'title', t('catalog:fields.officeName'), { maxLength: 160 })}
        {field(props, 'slug', t('catalog:fields.slug'), { hint: t('catalog:hints.slug'), maxLength: 80 })}
        {withTwin(props, 'summary', t('catalog:fields.summary'), { area: true, rows: 2, maxLength: 400 })}
        {withTwin(props, 'description', t('catalog:fields.officeTasks'), { area: true, hint: t('catalog:hints.paragraphs') })}
      </Fieldset>
      <Fieldset legend={t('catalog:office.contact')}>
        {field(props, 'street', t('catalog:fields.street'), { maxLength: 200 })}
        {field(props, 'postalCode', t('catalog:fields.postalCode'), { maxLength: 10 })}
        {field(props, 'city', t('catalog:fields.city'), { maxLength: 100 })}
        {field(props, 'phone', t('catalog:fields.phone'), { maxLength: 60 })}
        {field(props, 'email', t('catalog:fields.email'), { maxLength: 254 })}
        {field(props, 'website', t('catalog:fields.website'), { maxLength: 500 })}
        {withTwin(props, 'publicTransport', t('catalog:fields.publicTransport'), { area: true, rows: 3, hint: t('catalog:hints.publicTransport') })}
      </Fieldset>
      <Fieldset legend={t('catalog:office.hours')}>
        <p class="kern-body">{t('catalog:hints.hours')}</p>
        {weekdays.map((day) => (
          <fieldset class="kern-fieldset catalog-day" key={day}>
            <legend class="kern-label">{t(`catalog:weekdays.${day}`)}</legend>
            <div class="catalog-day__periods">
              {[1, 2].map((period) => (
                <div class="catalog-day__period" key={period}>
                  <TextField name={`d${day}Opens${period}`} label={t('catalog:fields.opensPeriod', { period })} value={value(values, `d${day}Opens${period}`)} error={errors[`d${day}Opens${period}`]} maxLength={5} width={4} />
                  <TextField name={`d${day}Closes${period}`} label={t('catalog:fields.closesPeriod', { period })} value={value(values, `d${day}Closes${period}`)} maxLength={5} width={4} />
                </div>
              ))}
            </div>
          </fieldset>
        ))}
        <Checkbox name="closedOnHolidays" label={t('catalog:fields.closedOnHolidays')} checked={value(values, 'closedOnHolidays') === 'on'} />
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
            value={value(values, feature) ?? 'unknown'}
            choices={(['yes', 'no', 'unknown'] as const).map((choice) => ({ value: choice, label: t(`catalog:accessibility.${choice}`) }))}
          />
        ))}
        {withTwin(props, 'accessibilityNote', t('catalog:fields.accessibilityNote'), { area: true, rows: 3 })}
      </Fieldset>
    </EditFrame>
  );
}

export function SituationEditPage(props: EditProps) {
  const { page, values } = props;
  const { t } = page;
  return (
    <EditFrame {...props}>
      <Fieldset legend={t('catalog:staff.groups.basics')}>
        <p class="kern-body">{t('catalog:hints.english')}</p>
        {withTwin(props, 'title', t('catalog:fields.title'), { maxLength: 160 })}
        {field(props, 'slug', t('catalog:fields.slug'), { hint: t('catalog:hints.slug'), maxLength: 80 })}
        {withTwin(props, 'summary', t('catalog:fields.summary'), { area: true, rows: 2, maxLength: 400 })}
        {withTwin(props, 'description', t('catalog:fields.introduction'), { area: true, hint: t('catalog:hints.paragraphs') })}
        {withTwin(props, 'tips', t('catalog:fields.tips'), { area: true, hint: t('catalog:hints.lines') })}
        <Checkbox name="showOnHome" label={t('catalog:fields.showOnHome')} checked={value(values, 'showOnHome') === 'on'} />
        {field(props, 'position', t('catalog:fields.position'), { hint: t('catalog:hints.position'), maxLength: 5 })}
      </Fieldset>
    </EditFrame>
  );
}
