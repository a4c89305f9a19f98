import crypto from 'node:crypto';
import { Fragment, type ComponentChildren } from 'preact';
import { Checkbox, CheckboxGroup, describedBy, FieldError, Hint, Label, RadioGroup, Select, TextArea, TextField, type Choice, type FieldProps } from '../html/components.tsx';
import { Island } from '../html/islands.tsx';
import type { FieldErrors, PageContext } from '../html/page.ts';
import { formatDay } from '../dates.ts';
import { formKeyField, rowFieldName, type FormDef, type GroupDef, type LeafDef, type Option, type Raw } from './fields.ts';
import { translated } from './messages.ts';

/** A new one-time key for a form that creates something: 128 random bits, URL-safe. */
export function newFormKey(): string {
  return crypto.randomBytes(16).toString('base64url');
}

/**
 * The hidden field with the form's one-time key: the key that came back with a form shown again, or a new
 * one for a form shown for the first time. Inside the `<form>` of every definition with `once`.
 */
export function FormKey({ raw }: { raw: Raw }) {
  const sent = raw[formKeyField];
  return <input type="hidden" name={formKeyField} value={typeof sent === 'string' ? sent : newFormKey()} />;
}

/**
 * A calendar day, typed as people in Germany write it (01.12.2026; also 1.12.2026, 01.12.26 and the
 * 2026-12-01 a date picker sends). A text field rather than `type="date"`, whose look, keyboard use and
 * screen reader output differ from browser to browser; wide enough for the whole date, with digits on a
 * phone's keyboard and no autofill. Where JavaScript runs, the `kernel/date-picker` island adds the
 * browser's calendar beside it, which writes the chosen day into this field. `value` is what was typed,
 * or a day (`YYYY-MM-DD`) shown the German way; a `date` field of a form definition reads what comes back.
 */
export function DateField(props: FieldProps & { page: PageContext; value?: string | undefined }) {
  const hint = props.hint ?? props.page.t('kernel:dates.hint');
  return (
    <div class={`kern-form-input date-field${props.error ? ' kern-form-input--error' : ''}`} data-date-picker={props.page.t('kernel:forms.pickDate')}>
      <Label {...props} />
      <Hint name={props.name} hint={hint} />
      <FieldError name={props.name} error={props.error} />
      <input
        class={`kern-form-input__input date-field__input${props.error ? ' kern-form-input__input--error' : ''}`}
        id={props.name}
        name={props.name}
        type="text"
        value={props.value === undefined ? undefined : formatDay(props.value)}
        inputmode="numeric"
        autocomplete="off"
        spellcheck={false}
        maxLength={20}
        aria-describedby={describedBy({ ...props, hint })}
        aria-invalid={props.error ? 'true' : undefined}
      />
      <Island name="kernel/date-picker" />
    </div>
  );
}

/** A file field; the form around it posts multipart form data (`<PostForm files>`). */
export function FileField(props: FieldProps & { accept: readonly string[] }) {
  return (
    <div class={`kern-form-input${props.error ? ' kern-form-input--error' : ''}`}>
      <Label {...props} />
      <Hint name={props.name} hint={props.hint} />
      <FieldError name={props.name} error={props.error} />
      <input
        class={`kern-form-input__input${props.error ? ' kern-form-input__input--error' : ''}`}
        id={props.name}
        name={props.name}
        type="file"
        accept={props.accept.join(',')}
        aria-describedby={describedBy(props)}
        aria-invalid={props.error ? 'true' : undefined}
      />
    </div>
  );
}

export interface FieldsProps {
  page: PageContext;
  form: FormDef;
  /** What was posted, or `toRaw(form, value)` of what is stored. */
  raw: Raw;
  /** Messages by input name (`formMessages`). */
  errors: FieldErrors;
  /** Options known only when the page is made (offices from the database), by field name. */
  options?: Record<string, readonly Option[]>;
}

/** One input's value in `raw`, for a field laid out by hand (`<TextField value={rawText(raw, 'street')} />`). */
export function rawText(raw: Raw, name: string): string | undefined {
  const value = raw[name];
  return typeof value === 'string' ? value : undefined;
}

const text = rawText;

function LeafField(props: FieldsProps & { name: string; field: LeafDef; labelValues?: Record<string, unknown> }) {
  const { page, name, field, raw, errors } = props;
  const t = page.t;
  const base = {
    name,
    label: field.label ? t(field.label, { ...translated(page, field.labelValues), ...props.labelValues }) : name,
    hint: field.hint ? t(field.hint) : undefined,
    error: errors[name],
    optionalLabel: field.required || field.kind === 'checkbox' ? undefined : t('kernel:forms.optional'),
  };
  const choices = (options: readonly Option[] | undefined): Choice[] => (props.options?.[name] ?? options ?? []).map((option) => ({ value: option.value, label: t(option.label), hint: option.hint ? t(option.hint) : undefined }));
  switch (field.kind) {
    case 'hidden':
      return <input type="hidden" name={name} value={text(raw, name) ?? ''} />;
    case 'text':
    case 'email':
    case 'password':
      return <TextField {...base} type={field.kind} value={text(raw, name)} autocomplete={field.autocomplete} inputmode={field.inputmode} maxLength={field.maxLength} />;
    case 'textarea':
    case 'lines':
    case 'terms':
      return <TextArea {...base} value={text(raw, name)} maxLength={field.maxLength} />;
    case 'integer':
      return <TextField {...base} value={text(raw, name)} inputmode="numeric" width={4} />;
    case 'euros':
      return <TextField {...base} hint={base.hint ?? t('kernel:forms.eurosHint')} value={text(raw, name)} inputmode="decimal" width={4} />;
    case 'time':
      return <TextField {...base} hint={base.hint ?? t('kernel:forms.timeHint')} value={text(raw, name)} width={2} />;
    case 'date':
      return <DateField {...base} page={page} value={text(raw, name)} />;
    case 'iban':
      return <TextField {...base} hint={base.hint ?? t('kernel:forms.ibanHint')} value={text(raw, name)} autocomplete="off" inputmode="text" spellcheck={false} />;
    case 'phone':
      return <TextField {...base} hint={base.hint ?? t('kernel:forms.phoneHint')} type="tel" value={text(raw, name)} autocomplete={field.autocomplete ?? 'tel'} />;
    case 'checkbox':
      return <Checkbox {...base} value={field.value ?? 'on'} checked={text(raw, name) === (field.value ?? 'on')} />;
    case 'choice':
      return field.widget === 'select' ? (
        // A required select offers no empty entry: it would be sent as a choice nobody made.
        <Select {...base} choices={[...(field.required ? [] : [{ value: '', label: t('kernel:forms.choose') }]), ...choices(field.options)]} value={text(raw, name)} />
      ) : (
        <RadioGroup {...base} choices={choices(field.options)} value={text(raw, name)} />
      );
    case 'choices': {
      const values = raw[name];
      return <CheckboxGroup {...base} choices={choices(field.options)} values={Array.isArray(values) ? values : values ? [values] : []} />;
    }
    case 'file':
      return <FileField {...base} accept={field.accept} />;
  }
}

/** The highest row of a group with anything in it. */
function lastFilledRow(name: string, group: GroupDef, raw: Raw): number {
  let last = 0;
  for (let number = 1; number <= group.max; number += 1) {
    const any = Object.keys(group.fields).some((child) => {
      const value = raw[rowFieldName(name, number, child)];
      return Array.isArray(value) ? value.length > 0 : Boolean(value?.trim());
    });
    if (any) last = number;
  }
  return last;
}

/** How many rows of a group a page shows: the filled ones and `spare` empty ones, at least `min` and one. */
export function rowsShown(name: string, group: GroupDef, raw: Raw): number {
  return Math.min(group.max, Math.max(lastFilledRow(name, group, raw) + (group.spare ?? 1), group.min ?? 0, 1));
}

function GroupField(props: FieldsProps & { name: string; group: GroupDef }) {
  const { page, name, group } = props;
  const rows = Array.from({ length: rowsShown(name, group, props.raw) }, (_, index) => index + 1);
  return (
    <>
      {props.errors[name] ? <FieldError name={name} error={props.errors[name]} /> : null}
      {rows.map((number) => (
        <fieldset class="kern-fieldset form-group-row" key={number} id={number === 1 ? name : undefined}>
          <legend class="kern-label">{group.label ? page.t(group.label, { number }) : `${name} ${number}`}</legend>
          <div class="kern-fieldset__body kern-stack-sm">
            {Object.entries(group.fields).map(([child, field]) => (
              <LeafField key={child} {...props} name={rowFieldName(name, number, child)} field={field} labelValues={{ number }} />
            ))}
          </div>
        </fieldset>
      ))}
    </>
  );
}

/** One field of a definition, filled from `raw`, with its message from `errors`. */
export function FormField(props: FieldsProps & { name: string }) {
  const field = props.form.fields[props.name];
  if (!field) throw new Error(`Form ${props.form.id} has no field ${props.name}`);
  return field.kind === 'group' ? <GroupField {...props} group={field} /> : <LeafField {...props} field={field} />;
}

/**
 * Every field of a definition in order, filled from `raw` so that nothing typed is lost, each with its
 * message; and the form's one-time key when it has one. Goes inside a `PostForm` beside the error summary.
 * `after` places content after a field (a map that fills the coordinates it follows).
 */
export function FormFields({ after, ...props }: FieldsProps & { after?: Partial<Record<string, ComponentChildren>> }) {
  return (
    <>
      {props.form.once ? <FormKey raw={props.raw} /> : null}
      {Object.keys(props.form.fields).map((name) => (
        <Fragment key={name}>
          <FormField {...props} name={name} />
          {after?.[name]}
        </Fragment>
      ))}
    </>
  );
}
