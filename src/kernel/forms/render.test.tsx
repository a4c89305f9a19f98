import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { anonymous } from '../auth/actor.ts';
import type { PageContext } from '../html/page.ts';
import { createI18n } from '../i18n/i18n.ts';
import de from '../i18n/locales/de.json' with { type: 'json' };
import en from '../i18n/locales/en.json' with { type: 'json' };
import { defineForm } from './fields.ts';
import { DateField, FormFields, FormKey, rowsShown } from './render.tsx';

const i18n = await createI18n({ kernel: { de, en }, test: { de: { name: 'Name', twin: '{{field}} auf Englisch' }, en: { name: 'Name', twin: '{{field}} in English' } } });

function pageIn(language: 'de' | 'en'): PageContext {
  return { t: i18n.getFixedT(language), lang: language, actor: anonymous, path: '/', query: '', csrfToken: () => 'token', nav: [], footer: [], cityName: 'Erkelenz' };
}

const inputs = (html: string) => [...html.matchAll(/<(input|textarea|select)[^>]*>/g)].map((match) => match[0]);

describe('the date field', () => {
  it('is a numeric text field wide enough for 01.12.2026, with an example as its hint and no autofill', () => {
    const html = render(<DateField page={pageIn('de')} name="from" label="Von" value="2026-12-01" />);
    expect(html).toContain('<label class="kern-label" for="from">Von</label>');
    expect(html).toContain('<div class="kern-hint" id="from-hint">z. B. 01.12.2026</div>');
    const [input = ''] = inputs(html);
    expect(input).toContain('type="text"');
    expect(input).toContain('inputmode="numeric"');
    expect(input).toContain('autocomplete="off"');
    expect(input).toContain('value="01.12.2026"');
    expect(input).toContain('aria-describedby="from-hint"');
    // The kernel's own width rule, not KERN's four-character one.
    expect(input).toContain('date-field__input');
    expect(input).not.toContain('--width-4');
    expect(render(<DateField page={pageIn('en')} name="to" label="To" />)).toContain('e.g. 01.12.2026');
  });

  it('keeps a refused date as typed, ties the message to the field, and names the calendar the island adds', () => {
    const html = render(<DateField page={pageIn('de')} name="to" label="Bis" value="31.02.2026" error="Den 31.02.2026 gibt es nicht." />);
    expect(html).toContain('value="31.02.2026"');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('aria-describedby="to-hint to-error"');
    expect(html).toContain('<p class="kern-error" id="to-error">');
    expect(html).toContain('data-date-picker="Oder im Kalender wählen"');
    // Only the text field is sent: no second input of the same name, no date input in the page itself.
    expect(inputs(html)).toHaveLength(1);
  });
});

const form = defineForm({
  id: 'test.render',
  once: true,
  fields: {
    name: { kind: 'text', label: 'kernel:layout.home', required: true, maxLength: 80 },
    amount: { kind: 'euros', label: 'kernel:layout.home' },
    topics: { kind: 'choices', label: 'kernel:layout.home', options: [{ value: 'a', label: 'kernel:layout.login' }, { value: 'b', label: 'kernel:layout.logout' }] },
    fee: { kind: 'group', label: 'kernel:layout.pageOf', max: 4, spare: 1, fields: { label: { kind: 'text', label: 'kernel:layout.home' } } },
  },
});

describe('rendering a form from its definition', () => {
  it('fills every field from what was posted and marks the refused ones', () => {
    const html = render(<FormFields page={pageIn('de')} form={form} raw={{ name: 'Erika <b>', amount: '12,345', topics: ['b'], fee1Label: 'Grundgebühr', _formKey: 'k'.repeat(22) }} errors={{ amount: 'Zu viele Stellen.' }} />);
    expect(html).toContain('name="_formKey" value="kkkkkkkkkkkkkkkkkkkkkk"');
    expect(html).toContain('value="Erika &lt;b>"');
    expect(html).toMatch(/id="amount"[^>]*value="12,345"|value="12,345"[^>]*id="amount"/);
    expect(html).toContain('inputmode="decimal"');
    expect(html).toContain('<p class="kern-error" id="amount-error">');
    expect(html).toMatch(/value="b" checked/);
    expect(html).not.toMatch(/value="a" checked/);
    // One filled fee row and one spare, each with its own name.
    expect(html).toContain('name="fee1Label"');
    expect(html).toContain('name="fee2Label"');
    expect(html).not.toContain('name="fee3Label"');
    expect(html).toContain('(optional)');
  });

  it('gives a form shown for the first time a fresh key, and a form shown again the key it came with', () => {
    const first = render(<FormKey raw={{}} />);
    const second = render(<FormKey raw={{}} />);
    expect(first).toMatch(/value="[A-Za-z0-9_-]{22}"/);
    expect(first).not.toBe(second);
    expect(render(<FormKey raw={{ _formKey: 'x'.repeat(22) }} />)).toContain(`value="${'x'.repeat(22)}"`);
  });

  it('shows the filled rows of a group and spare ones, within its limits', () => {
    const group = form.fields.fee;
    expect(rowsShown('fee', group, {})).toBe(1);
    expect(rowsShown('fee', group, { fee3Label: 'x' })).toBe(4);
    expect(rowsShown('fee', group, { fee4Label: 'x' })).toBe(4);
    expect(rowsShown('fee', { ...group, spare: 0, min: 2 }, {})).toBe(2);
  });
});

describe('bank details and telephone numbers', () => {
  const form = defineForm({ id: 'test.payer', fields: { iban: { kind: 'iban', label: 'test:name', required: true }, phone: { kind: 'phone', label: 'test:name' }, other: { kind: 'phone', label: 'test:name', autocomplete: 'off' } } });

  it('renders an IBAN as text without autofill or spell checking, and a number as a telephone field the browser may fill', () => {
    const html = render(<FormFields page={pageIn('de')} form={form} raw={{ iban: 'DE89 3704 0044 0532 0130 00', phone: '+492431850' }} errors={{}} />);
    const [iban = '', phone = '', other = ''] = inputs(html);
    expect(iban).toContain('type="text"');
    expect(iban).toContain('autocomplete="off"');
    expect(iban).toContain('inputmode="text"');
    expect(iban).toContain('spellcheck="false"');
    expect(iban).toContain('value="DE89 3704 0044 0532 0130 00"');
    expect(phone).toContain('type="tel"');
    expect(phone).toContain('autocomplete="tel"');
    expect(phone).toContain('value="+492431850"');
    expect(other).toContain('autocomplete="off"');
    expect(html).toContain('z. B. DE89 3704 0044 0532 0130 00');
    expect(html).toContain('mit Vorwahl, z. B. 02431 85-0 oder +49 2431 850');
    expect(render(<FormFields page={pageIn('en')} form={form} raw={{}} errors={{}} />)).toContain('with the area code, e.g. 02431 85-0 or +49 2431 850');
  });
});

describe('a label that takes values', () => {
  it('is shown with its values, keys among them translated', () => {
    const form = defineForm({ id: 'test.twin', fields: { nameEn: { kind: 'text', label: 'test:twin', labelValues: { field: { key: 'test:name' } } } } });
    expect(render(<FormFields page={pageIn('de')} form={form} raw={{}} errors={{}} />)).toContain('<label class="kern-label" for="nameEn">Name auf Englisch');
    expect(render(<FormFields page={pageIn('en')} form={form} raw={{}} errors={{}} />)).toContain('<label class="kern-label" for="nameEn">Name in English');
  });
});
