import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Upload } from '../files/uploads.ts';
import { defineForm, type FormValue } from './fields.ts';
import { toRaw } from './raw.ts';
import { parseForm, withErrors } from './read.ts';
import { formBody } from './schema.ts';

const dogForm = defineForm({
  id: 'test.dogs',
  once: true,
  fields: {
    owner: { kind: 'text', label: 'Halter', required: true, maxLength: 100 },
    email: { kind: 'email', label: 'E-Mail' },
    since: { kind: 'date', label: 'Seit', required: true },
    channel: { kind: 'choice', label: 'Weg', required: true, options: [{ value: 'digital', label: 'd' }, { value: 'letter', label: 'l' }] },
    consent: { kind: 'checkbox', label: 'Einverstanden', value: 'yes', required: true },
    topics: { kind: 'choices', label: 'Themen', options: [{ value: 'a', label: 'a' }, { value: 'b', label: 'b' }] },
    dog: {
      kind: 'group',
      label: 'Hund {{number}}',
      max: 3,
      min: 1,
      fields: {
        name: { kind: 'text', label: 'Name', required: true },
        fee: { kind: 'euros', label: 'Steuer' },
        born: { kind: 'date', label: 'Geboren' },
      },
    },
  },
});

const valid = { owner: ' Erika ', email: 'Erika@Example.org', since: '1.12.26', channel: 'letter', consent: 'yes', topics: 'a', dog1Name: 'Bello', dog1Fee: '96,00', dog3Name: 'Hasso', _formKey: 'a'.repeat(22) };

describe('reading a form', () => {
  it('reads every field into a typed value, groups as the rows that were filled in', () => {
    const read = parseForm(dogForm, { body: valid });
    expect(read).toMatchObject({ ok: true, form: 'test.dogs', key: 'a'.repeat(22) });
    if (!read.ok) throw new Error('refused');
    expect(read.value).toEqual({
      owner: 'Erika',
      email: 'erika@example.org',
      since: '2026-12-01',
      channel: 'letter',
      consent: true,
      topics: ['a'],
      dog: [
        { name: 'Bello', fee: 9600, born: null },
        { name: 'Hasso', fee: null, born: null },
      ],
    });
    expectTypeOf(read.value.channel).toEqualTypeOf<'digital' | 'letter'>();
    expectTypeOf(read.value.email).toEqualTypeOf<string>();
    expectTypeOf(read.value.since).toEqualTypeOf<string>();
    expectTypeOf(read.value.dog[0]!.fee).toEqualTypeOf<number | null>();
    expectTypeOf<FormValue<typeof dogForm>['consent']>().toEqualTypeOf<boolean>();
  });

  it('gives every problem by input name as a reason code, and what was typed to show again', () => {
    const read = parseForm(dogForm, { body: { owner: '', since: '31.02.2026', channel: 'pigeon', dog1Fee: '12,345', dog2Name: 'Rex', dog2Fee: 'viel', password: 'x' } });
    expect(read.ok).toBe(false);
    if (read.ok) throw new Error('accepted');
    expect(read.errors).toEqual({
      owner: { code: 'required' },
      since: { code: 'date-day', values: { day: 31, month: 2, year: 2026, daysInMonth: 28 } },
      channel: { code: 'not-a-choice' },
      consent: { code: 'required' },
      dog1Name: { code: 'required' },
      dog1Fee: { code: 'euros-cents' },
      dog2Fee: { code: 'euros-format' },
    });
    expect(read.raw).toEqual({ owner: '', since: '31.02.2026', channel: 'pigeon', dog1Fee: '12,345', dog2Name: 'Rex', dog2Fee: 'viel' });
  });

  it('asks for the fewest rows of a group', () => {
    const read = parseForm(dogForm, { body: { ...valid, dog1Name: '', dog1Fee: '', dog3Name: '' } });
    expect(read.ok ? {} : read.errors).toEqual({ dog: { code: 'too-few', values: { min: 1 } } });
  });

  it('survives hostile bodies: arrays, objects, prototype keys, huge values, no body at all', () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}}') as Record<string, unknown>;
    const read = parseForm(dogForm, { body: { ...hostile, owner: ['Erika', 'Max'], email: { $ne: '' }, since: 'x'.repeat(300_000), consent: ['yes', 'yes'], topics: ['a', 'c'], _formKey: '../../etc' } });
    if (read.ok) throw new Error('accepted');
    expect(read.errors).toMatchObject({ owner: { code: 'multiple' }, email: { code: 'invalid' }, since: { code: 'date-format' }, consent: { code: 'multiple' }, topics: { code: 'not-a-choice' } });
    expect(read.key).toBeNull();
    expect((read.raw.since as string).length).toBe(100_000);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    for (const body of [undefined, null, 'owner=Erika', ['owner'], 42]) expect(parseForm(dogForm, { body }).ok).toBe(false);
  });

  it('keeps no password and no file in what it shows again', () => {
    const form = defineForm({ id: 't', fields: { password: { kind: 'password', required: true }, name: { kind: 'text', required: true } } });
    const read = parseForm(form, { body: { password: 'geheim', name: '' } });
    expect(read.raw).toEqual({ name: '' });
  });

  it('takes a key only on a form that has one, and only in the shape the page gives it', () => {
    const plain = defineForm({ id: 't', fields: { name: { kind: 'text' } } });
    expect(parseForm(plain, { body: { name: 'a', _formKey: 'a'.repeat(22) } }).key).toBeNull();
    expect(parseForm(dogForm, { body: { ...valid, _formKey: 'kurz' } }).key).toBeNull();
    expect(parseForm(dogForm, { body: { ...valid, _formKey: ['a'.repeat(22), 'b'.repeat(22)] } }).key).toBeNull();
  });

  it('reads a file field from the uploads the store took, and says why the store refused one', () => {
    const form = defineForm({ id: 't', fields: { proof: { kind: 'file', label: 'Nachweis', required: true, accept: ['application/pdf'], maxBytes: 1000 } } });
    const file = { id: 'f'.repeat(64), size: 10, mediaType: 'application/pdf', extension: 'pdf', status: 'clean', scanner: 'none', signature: null, scannedAt: null, createdAt: new Date() } as const;
    const uploads: Record<string, Upload> = { proof: { filename: 'nachweis.pdf', result: { ok: true, file } } };
    expect(parseForm(form, { body: {}, upload: (name) => uploads[name] })).toMatchObject({ ok: true, value: { proof: { filename: 'nachweis.pdf', file: { id: file.id } } } });
    const refused: Upload = { filename: 'bild.exe', result: { ok: false, reason: 'type-not-allowed', accept: ['application/pdf'], maxBytes: 1000 } };
    expect(parseForm(form, { body: {}, upload: () => refused })).toMatchObject({ ok: false, errors: { proof: { code: 'file-type-not-allowed', values: { maxBytes: 1000, accept: 'application/pdf' } } } });
    // A browser sends an empty part without a name for a file field left empty.
    const empty: Upload = { filename: '', result: { ok: false, reason: 'empty', accept: ['application/pdf'], maxBytes: 1000 } };
    expect(parseForm(form, { body: {}, upload: () => empty })).toMatchObject({ ok: false, errors: { proof: { code: 'required' } } });
    // A text field of the file's name is no file.
    expect(parseForm(form, { body: { proof: 'f'.repeat(64) } })).toMatchObject({ ok: false, errors: { proof: { code: 'required' } } });
  });

  it('adds a service’s problems to a read form, keeping what was typed and the key', () => {
    const read = parseForm(dogForm, { body: valid });
    const refused = withErrors(read, { owner: { code: 'accounts:errors.taken' } });
    expect(refused).toMatchObject({ ok: false, errors: { owner: { code: 'accounts:errors.taken' } }, raw: { owner: ' Erika ', _formKey: 'a'.repeat(22) }, key: 'a'.repeat(22) });
  });
});

describe('showing a stored value', () => {
  it('turns a value into what the form shows, and reading that gives the value again', () => {
    const read = parseForm(dogForm, { body: valid });
    if (!read.ok) throw new Error('refused');
    const raw = toRaw(dogForm, read.value);
    expect(raw).toMatchObject({ owner: 'Erika', since: '01.12.2026', consent: 'yes', topics: ['a'], dog1Name: 'Bello', dog1Fee: '96,00', dog2Name: 'Hasso' });
    const again = parseForm(dogForm, { body: raw });
    expect(again.ok && again.value).toEqual(read.value);
  });
});

describe('bank details and telephone numbers', () => {
  const payer = defineForm({
    id: 'test.payer',
    fields: {
      iban: { kind: 'iban', label: 'IBAN', required: true },
      phone: { kind: 'phone', label: 'Telefon' },
      mobile: { kind: 'phone', label: 'Mobil' },
    },
  });

  it('reads an IBAN compact and a number in E.164, typed as string or null, and shows the IBAN again in groups of four', () => {
    const read = parseForm(payer, { body: { iban: 'de89 3704 0044 0532 0130 00', phone: '(02431) 85-0' } });
    expect(read).toMatchObject({ ok: true, value: { iban: 'DE89370400440532013000', phone: '+492431850', mobile: null }, raw: { iban: 'de89 3704 0044 0532 0130 00' } });
    if (!read.ok) throw new Error('refused');
    expectTypeOf(read.value.iban).toEqualTypeOf<string>();
    expectTypeOf(read.value.phone).toEqualTypeOf<string | null>();
    const raw = toRaw(payer, read.value);
    expect(raw).toEqual({ iban: 'DE89 3704 0044 0532 0130 00', phone: '+492431850' });
    const again = parseForm(payer, { body: raw });
    expect(again.ok && again.value).toEqual(read.value);
  });

  it('says per field what is wrong, keeping what was typed', () => {
    const read = parseForm(payer, { body: { iban: 'DE88 3704 0044 0532 0130 00', phone: '0800 FLOWERS', mobile: '0171' } });
    expect(read).toMatchObject({
      ok: false,
      errors: { iban: { code: 'iban-check' }, phone: { code: 'phone-letters' }, mobile: { code: 'phone-too-short' } },
      raw: { iban: 'DE88 3704 0044 0532 0130 00', phone: '0800 FLOWERS', mobile: '0171' },
    });
  });
});

describe('the body schema', () => {
  it('names every input, group rows expanded, the CSRF token and the key; no file, no password limit below the field’s', () => {
    const schema = formBody(dogForm) as { properties: Record<string, unknown>; required?: string[] };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['_csrf', '_formKey', 'owner', 'dog1Name', 'dog3Born', 'topics']));
    expect(schema.required ?? []).toEqual([]);
  });
});
