import type { ComponentChildren } from 'preact';
import type { FieldErrors, PageContext } from './page.ts';

/** The list of errors at the top of a form, each linking to its field (GOV.UK and KERN pattern). */
export function ErrorSummary({ page, errors }: { page: PageContext; errors: FieldErrors }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="kern-alert kern-alert--danger error-summary" role="alert" aria-labelledby="error-summary-title">
      <div class="kern-alert__header">
        <span class="kern-icon kern-icon--danger kern-icon--default" aria-hidden="true" />
        <h2 class="kern-title" id="error-summary-title">
          {page.t('kernel:errors.summaryTitle')}
        </h2>
      </div>
      <div class="kern-alert__body">
        <ul class="kern-list">
          {entries.map(([field, message]) => (
            <li key={field}>
              <a class="kern-link" href={`#${field}`}>
                {message}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

export function Alert({ kind, title, children }: { kind: 'info' | 'success' | 'warning' | 'danger'; title: string; children?: ComponentChildren }) {
  return (
    <div class={`kern-alert kern-alert--${kind}`} role={kind === 'danger' ? 'alert' : 'status'}>
      <div class="kern-alert__header">
        <span class={`kern-icon kern-icon--${kind} kern-icon--default`} aria-hidden="true" />
        <span class="kern-title">{title}</span>
      </div>
      {children ? <div class="kern-alert__body">{children}</div> : null}
    </div>
  );
}

export interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  optionalLabel?: string;
}

export function FieldError({ name, error }: { name: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <p class="kern-error" id={`${name}-error`}>
      <span class="kern-icon kern-icon--danger kern-icon--default" aria-hidden="true" />
      <span class="kern-body">{error}</span>
    </p>
  );
}

/** The hint under a field's label, which its `aria-describedby` names. */
export function Hint({ name, hint }: { name: string; hint: string | undefined }) {
  return hint ? (
    <div class="kern-hint" id={`${name}-hint`}>
      {hint}
    </div>
  ) : null;
}

export function describedBy(props: FieldProps): string | undefined {
  const ids = [props.hint ? `${props.name}-hint` : '', props.error ? `${props.name}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export function Label(props: FieldProps) {
  return (
    <label class="kern-label" for={props.name}>
      {props.label}
      {props.optionalLabel ? <span class="kern-label__optional"> {props.optionalLabel}</span> : null}
    </label>
  );
}

export function TextField(
  props: FieldProps & {
    value?: string | undefined;
    type?: 'text' | 'email' | 'password' | 'tel' | 'number';
    autocomplete?: string;
    required?: boolean;
    inputmode?: 'numeric' | 'decimal' | 'text' | 'email' | 'tel';
    maxLength?: number;
    width?: 2 | 4;
    /** Off for codes and numbers, whose red underlines would only distract (an IBAN); addresses and passwords have it off anyway. */
    spellcheck?: boolean;
    /** The id of a `<datalist>` whose entries the browser offers while typing (street names). */
    list?: string;
  },
) {
  const widthClass = props.width ? ` kern-form-input__input--width-${props.width}` : '';
  return (
    <div class={`kern-form-input${props.error ? ' kern-form-input--error' : ''}`}>
      <Label {...props} />
      <Hint name={props.name} hint={props.hint} />
      <FieldError name={props.name} error={props.error} />
      <input
        class={`kern-form-input__input${props.error ? ' kern-form-input__input--error' : ''}${widthClass}`}
        id={props.name}
        name={props.name}
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- Preact's input types are a union per type; tsc needs one member
        type={(props.type ?? 'text') as 'text'}
        value={props.type === 'password' ? undefined : props.value}
        autocomplete={props.autocomplete}
        required={props.required}
        inputmode={props.inputmode}
        maxLength={props.maxLength}
        list={props.list}
        aria-describedby={describedBy(props)}
        aria-invalid={props.error ? 'true' : undefined}
        spellcheck={props.spellcheck ?? (props.type === 'email' || props.type === 'password' ? false : undefined)}
      />
    </div>
  );
}

export function TextArea(props: FieldProps & { value?: string | undefined; rows?: number; maxLength?: number }) {
  return (
    <div class={`kern-form-input${props.error ? ' kern-form-input--error' : ''}`}>
      <Label {...props} />
      <Hint name={props.name} hint={props.hint} />
      <FieldError name={props.name} error={props.error} />
      <textarea
        class={`kern-form-input__input${props.error ? ' kern-form-input__input--error' : ''}`}
        id={props.name}
        name={props.name}
        rows={props.rows ?? 5}
        maxLength={props.maxLength}
        aria-describedby={describedBy(props)}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.value ?? ''}
      </textarea>
    </div>
  );
}

export interface Choice {
  value: string;
  label: string;
  hint?: string;
}

/** Radio buttons in a fieldset whose legend is the question. The first radio carries the field's id. */
export function RadioGroup(props: FieldProps & { choices: Choice[]; value?: string | undefined }) {
  return <ChoiceFieldset {...props} type="radio" isChosen={(value) => props.value === value} />;
}

/** Checkboxes in a fieldset whose legend is the question; the first box carries the field's id. */
export function CheckboxGroup(props: FieldProps & { choices: Choice[]; values: readonly string[] }) {
  return <ChoiceFieldset {...props} type="checkbox" isChosen={(value) => props.values.includes(value)} />;
}

function ChoiceFieldset(props: FieldProps & { type: 'radio' | 'checkbox'; choices: Choice[]; isChosen: (value: string) => boolean }) {
  return (
    <fieldset class={`kern-fieldset${props.error ? ' kern-fieldset--error' : ''}`} aria-describedby={describedBy(props)}>
      <legend class="kern-label">{props.label}</legend>
      <Hint name={props.name} hint={props.hint} />
      <FieldError name={props.name} error={props.error} />
      <div class="kern-fieldset__body">
        {props.choices.map((choice, index) => {
          const id = index === 0 ? props.name : `${props.name}-${choice.value}`;
          return (
            <div class="kern-form-check" key={choice.value}>
              <input class={`kern-form-check__${props.type}`} type={props.type} id={id} name={props.name} value={choice.value} checked={props.isChosen(choice.value)} />
              <label class="kern-label" for={id}>
                {choice.label}
              </label>
              {choice.hint ? <div class="kern-hint">{choice.hint}</div> : null}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

export function Checkbox(props: FieldProps & { checked?: boolean; value?: string }) {
  return (
    <div class={`kern-form-check${props.error ? ' kern-form-check--error' : ''}`}>
      <input
        class="kern-form-check__checkbox"
        type="checkbox"
        id={props.name}
        name={props.name}
        value={props.value ?? 'on'}
        checked={props.checked}
        aria-describedby={describedBy(props)}
      />
      <label class="kern-label" for={props.name}>
        {props.label}
      </label>
      <Hint name={props.name} hint={props.hint} />
      <FieldError name={props.name} error={props.error} />
    </div>
  );
}

export interface ChoiceGroup {
  label: string;
  choices: Choice[];
}

/** A drop-down list; `groups` add labelled sections (`<optgroup>`) after the ungrouped `choices`. */
export function Select(props: FieldProps & { choices: Choice[]; groups?: ChoiceGroup[]; value?: string | undefined }) {
  const option = (choice: Choice) => (
    <option key={choice.value} value={choice.value} selected={props.value === choice.value}>
      {choice.label}
    </option>
  );
  return (
    <div class={`kern-form-input${props.error ? ' kern-form-input--error' : ''}`}>
      <Label {...props} />
      <Hint name={props.name} hint={props.hint} />
      <FieldError name={props.name} error={props.error} />
      <div class="kern-form-input__select-wrapper">
        <select class="kern-form-input__select" id={props.name} name={props.name} aria-describedby={describedBy(props)} aria-invalid={props.error ? 'true' : undefined}>
          {props.choices.map(option)}
          {props.groups?.map((group) => (
            <optgroup key={group.label} label={group.label}>
              {group.choices.map(option)}
            </optgroup>
          ))}
        </select>
      </div>
    </div>
  );
}

/**
 * A form that posts back with the CSRF token every state-changing request must carry; with `files`, as
 * multipart form data, which file fields need.
 */
export function PostForm({ page, action, children, id, files }: { page: PageContext; action: string; children: ComponentChildren; id?: string; files?: boolean }) {
  return (
    <form method="post" action={action} class="kern-stack-md form" novalidate id={id} enctype={files ? 'multipart/form-data' : undefined}>
      <input type="hidden" name="_csrf" value={page.csrfToken()} />
      {children}
    </form>
  );
}

export function SubmitButton({ label, kind = 'primary' }: { label: string; kind?: 'primary' | 'secondary' | 'tertiary' }) {
  return (
    <button type="submit" class={`kern-btn kern-btn--${kind}`}>
      <span class="kern-label">{label}</span>
    </button>
  );
}

/**
 * The page's h1 with an optional lead paragraph under it. KERN's heading group orders its children by
 * class (preline, heading, subline) and puts any other child first, so the lead carries a class that
 * keeps it below the heading: seen and read in the same order. `leadLang` marks a lead in another language
 * than the page's.
 */
export function Heading({ children, lead, leadLang }: { children: ComponentChildren; lead?: string; leadLang?: string | undefined }) {
  return (
    <div class="kern-hgroup page-heading">
      <h1 class="kern-heading-x-large">{children}</h1>
      {lead ? (
        <p class="kern-body kern-body--large page-heading__lead" lang={leadLang}>
          {lead}
        </p>
      ) : null}
    </div>
  );
}

/**
 * Previous / next links with the position between them (KERN has no pagination). Plain links, so paging
 * works without JavaScript and every page has its own address.
 */
export function Pagination({ page, current, pages, href }: { page: PageContext; current: number; pages: number; href: (n: number) => string }) {
  if (pages <= 1) return null;
  const { t } = page;
  return (
    <nav class="pagination" aria-label={t('kernel:layout.pagination')}>
      <ul class="pagination__list">
        {current > 1 ? (
          <li>
            <a class="kern-link" href={href(current - 1)} rel="prev">
              <span class="kern-icon kern-icon--chevron-left kern-icon--default" aria-hidden="true" />
              {t('kernel:layout.previousPage')}
            </a>
          </li>
        ) : null}
        <li aria-current="page">{t('kernel:layout.pageOf', { page: current, pages })}</li>
        {current < pages ? (
          <li>
            <a class="kern-link" href={href(current + 1)} rel="next">
              {t('kernel:layout.nextPage')}
              <span class="kern-icon kern-icon--chevron-right kern-icon--default" aria-hidden="true" />
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** What a step just did ("Die Rückfrage wurde gesendet."), announced to screen readers as a status. */
export function StatusNote({ children }: { children: ComponentChildren }) {
  return (
    <div class="kern-alert kern-alert--success" role="status">
      <div class="kern-alert__body">{children}</div>
    </div>
  );
}

/** A page that says what happened (a request sent, a link confirmed), with ways on. */
export function NoticePage(props: { title: string; text: string; links?: readonly { href: string; label: string }[] }) {
  return (
    <>
      <Heading>{props.title}</Heading>
      <StatusNote>
        <p>{props.text}</p>
      </StatusNote>
      {props.links?.map((link) => (
        <p key={link.href}>
          <a href={link.href} class="kern-link">
            {link.label}
          </a>
        </p>
      ))}
    </>
  );
}

/** Asks before a link from a mail changes anything: mail scanners follow links, people press buttons. */
export function AskFirstPage(props: { page: PageContext; title: string; text: string; button: string; action: string }) {
  return (
    <>
      <Heading>{props.title}</Heading>
      <p>{props.text}</p>
      <PostForm page={props.page} action={props.action}>
        <SubmitButton label={props.button} />
      </PostForm>
    </>
  );
}
