import { describe, expect, it } from 'vitest';
import type { IbanDef } from './fields.ts';
import { formatIban, parseIban, parseIbanField } from './iban.ts';

const field: IbanDef = { kind: 'iban', label: 'x' };

describe('IBAN fields', () => {
  it('reads IBANs as people type or paste them, compact and upper case', () => {
    const cases: [string, string][] = [
      ['DE89370400440532013000', 'DE89370400440532013000'],
      ['DE89 3704 0044 0532 0130 00', 'DE89370400440532013000'],
      ['de89 3704 0044 0532 0130 00', 'DE89370400440532013000'],
      ['  De89\u00a03704\u202f0044 05320130 00 ', 'DE89370400440532013000'],
      ['\tDE89 3704\t0044 0532 0130 00\n', 'DE89370400440532013000'],
      ['NL91 ABNA 0417 1643 00', 'NL91ABNA0417164300'],
      ['AT61 1904 3002 3457 3201', 'AT611904300234573201'],
      ['BE68 5390 0754 7034', 'BE68539007547034'],
      ['CH93 0076 2011 6238 5295 7', 'CH9300762011623852957'],
      ['GB29 NWBK 6016 1331 9268 19', 'GB29NWBK60161331926819'],
      ['FR14 2004 1010 0505 0001 3M02 606', 'FR1420041010050500013M02606'],
      ['NO93 8601 1117 947', 'NO9386011117947'],
    ];
    for (const [typed, iban] of cases) expect(parseIbanField(field, typed), typed).toEqual({ ok: true, value: iban });
  });

  it('refuses check digits that do not match, a mistyped digit and two swapped neighbours alike', () => {
    expect(parseIbanField(field, 'DE88 3704 0044 0532 0130 00')).toEqual({ ok: false, error: { code: 'iban-check' } });
    expect(parseIbanField(field, 'DE89 3704 0044 0532 0131 00')).toEqual({ ok: false, error: { code: 'iban-check' } });
    expect(parseIbanField(field, 'DE89 3704 0044 0523 0130 00')).toEqual({ ok: false, error: { code: 'iban-check' } });
    // Every single changed digit of the body is caught, whatever the digit and wherever it stands.
    const iban = 'DE89370400440532013000';
    for (let position = 4; position < iban.length; position += 1) {
      for (const digit of '0123456789') {
        if (digit === iban[position]) continue;
        const changed = iban.slice(0, position) + digit + iban.slice(position + 1);
        expect(parseIban(changed), changed).toEqual({ ok: false, reason: 'iban-check' });
      }
    }
  });

  it('says when the length does not fit the country, naming both lengths', () => {
    expect(parseIbanField(field, 'DE89 3704 0044 0532 0130 0')).toEqual({ ok: false, error: { code: 'iban-length', values: { country: 'DE', expected: 22, length: 21 } } });
    expect(parseIbanField(field, 'DE 3704 0044')).toEqual({ ok: false, error: { code: 'iban-length', values: { country: 'DE', expected: 22, length: 10 } } });
    expect(parseIbanField(field, 'NL91 ABNA 0417 1643 0012')).toEqual({ ok: false, error: { code: 'iban-length', values: { country: 'NL', expected: 18, length: 20 } } });
  });

  it('says when the letters at the start name no country with IBANs', () => {
    expect(parseIbanField(field, 'US12 3456 7890 1234 5678 90')).toEqual({ ok: false, error: { code: 'iban-country', values: { country: 'US' } } });
    expect(parseIbanField(field, 'XX89 3704 0044 0532 0130 00')).toEqual({ ok: false, error: { code: 'iban-country', values: { country: 'XX' } } });
  });

  it('refuses what is no IBAN at all', () => {
    for (const typed of ['3704 0044 0532 0130 00', 'DEXX370400440532013000', 'DE89-3704-0044-0532-0130-00', 'IBAN DE89370400440532013000', 'DE89', 'DE89 3704 0044 0532 0130 00 €', 'DE89 3704 0044 0532 0130 0ö', `DE89${'1'.repeat(31)}`]) {
      expect(parseIbanField(field, typed), typed).toEqual({ ok: false, error: { code: 'iban-format' } });
    }
  });

  it('takes an empty field as nothing, and refuses it when required', () => {
    expect(parseIbanField(field, '')).toEqual({ ok: true, value: null });
    expect(parseIbanField(field, '   ')).toEqual({ ok: true, value: null });
    expect(parseIbanField({ ...field, required: true }, ' ')).toEqual({ ok: false, error: { code: 'required' } });
  });

  it('gets a field error rather than an exception for hostile input', () => {
    expect(parseIbanField(field, ['DE89370400440532013000', 'NL91ABNA0417164300'])).toEqual({ ok: false, error: { code: 'multiple' } });
    expect(parseIbanField(field, { iban: 'DE89370400440532013000' })).toEqual({ ok: false, error: { code: 'invalid' } });
    expect(parseIbanField(field, 'DE89'.repeat(25_000))).toEqual({ ok: false, error: { code: 'iban-format' } });
    expect(parseIbanField(field, 'DE89 3704\u0000 0044 0532 0130 00')).toEqual({ ok: true, value: 'DE89370400440532013000' });
    expect(parseIbanField(field, "DE89370400440532013000' OR 1=1")).toEqual({ ok: false, error: { code: 'iban-format' } });
    // Digits of another script look like digits but are none.
    expect(parseIbanField(field, 'DE\u0668\u0669370400440532013000')).toEqual({ ok: false, error: { code: 'iban-format' } });
  });

  it('shows an IBAN again in groups of four', () => {
    expect(formatIban('DE89370400440532013000')).toBe('DE89 3704 0044 0532 0130 00');
    expect(formatIban('BE68539007547034')).toBe('BE68 5390 0754 7034');
  });
});
