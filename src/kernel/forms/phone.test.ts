import { describe, expect, it } from 'vitest';
import type { PhoneDef } from './fields.ts';
import { formatPhone, parsePhone, parsePhoneField } from './phone.ts';

const field: PhoneDef = { kind: 'phone', label: 'x' };

describe('telephone fields', () => {
  it('reads German and international numbers as people write them, into E.164', () => {
    const cases: [string, string][] = [
      ['02431 85-0', '+492431850'],
      ['02431 850', '+492431850'],
      ['(02431) 85 0', '+492431850'],
      ['02431/85-0', '+492431850'],
      ['02431.85.0', '+492431850'],
      ['+49 2431 850', '+492431850'],
      ['+49243185 0', '+492431850'],
      ['+49 (0)2431 85-0', '+492431850'],
      ['+49 (0) 2431 850', '+492431850'],
      ['+49 02431 850', '+492431850'],
      ['0049 2431 850', '+492431850'],
      ['0049 (0)2431 850', '+492431850'],
      ['0171/1234567', '+491711234567'],
      ['0171 123 45 67', '+491711234567'],
      ['\u00a0+49\u202f171\u00a01234567 ', '+491711234567'],
      ['+31 20 123 4567', '+31201234567'],
      ['0031 20 123 4567', '+31201234567'],
      ['+39 06 1234 5678', '+390612345678'],
      ['+1 (212) 555-0100', '+12125550100'],
    ];
    for (const [typed, phone] of cases) expect(parsePhoneField(field, typed), typed).toEqual({ ok: true, value: phone });
  });

  it('refuses letters, saying that only digits are taken', () => {
    for (const typed of ['0800 FLOWERS', 'Tel. 02431 850', '02431 850 Durchwahl 12', '02431 85-0 ext. 3', 'О2431 850']) {
      expect(parsePhoneField(field, typed), typed).toEqual({ ok: false, error: { code: 'phone-letters' } });
    }
  });

  it('refuses a number without its area code, and stray characters', () => {
    for (const typed of ['85 0', '2431850', '+0 2431 850', '+', '++49 2431 850', '02431 + 850', '02431#850', '02431 850;', '*100#', '02431_850', '\u0660\u0662\u0664\u0663\u0661 850', '０２４３１ ８５０']) {
      expect(parsePhoneField(field, typed), typed).toEqual({ ok: false, error: { code: 'phone-format' } });
    }
  });

  it('refuses too few and too many digits', () => {
    for (const typed of ['0', '00', '0049 0', '0 85', '+49 85', '030 12']) expect(parsePhone(typed), typed).toEqual({ ok: false, reason: 'phone-too-short' });
    expect(parsePhone('030 123')).toEqual({ ok: true, phone: '+4930123' });
    expect(parsePhone('+49 1234 5678 9012 3')).toEqual({ ok: true, phone: '+491234567890123' });
    expect(parsePhone('+49 1234 5678 9012 34')).toEqual({ ok: false, reason: 'phone-too-long' });
    expect(parsePhone('0171 1234 5678 9012 34')).toEqual({ ok: false, reason: 'phone-too-long' });
  });

  it('takes an empty field as nothing, and refuses it when required', () => {
    expect(parsePhoneField(field, '')).toEqual({ ok: true, value: null });
    expect(parsePhoneField(field, undefined)).toEqual({ ok: true, value: null });
    expect(parsePhoneField({ ...field, required: true }, ' - ')).toEqual({ ok: false, error: { code: 'phone-format' } });
    expect(parsePhoneField({ ...field, required: true }, '  ')).toEqual({ ok: false, error: { code: 'required' } });
  });

  it('gets a field error rather than an exception for hostile input', () => {
    expect(parsePhoneField(field, ['02431 850', '0171 1234567'])).toEqual({ ok: false, error: { code: 'multiple' } });
    expect(parsePhoneField(field, { $ne: '' })).toEqual({ ok: false, error: { code: 'invalid' } });
    expect(parsePhoneField(field, '0'.repeat(100_000))).toEqual({ ok: false, error: { code: 'phone-too-long' } });
    expect(parsePhoneField(field, `02431 ${'8'.repeat(40)}`)).toEqual({ ok: false, error: { code: 'phone-too-long' } });
    expect(parsePhoneField(field, '02431\u0000 85\u001b-0')).toEqual({ ok: true, value: '+492431850' });
    expect(parsePhoneField(field, '<script>alert(1)</script>')).toEqual({ ok: false, error: { code: 'phone-letters' } });
    expect(parsePhoneField(field, "02431 850' OR '1'='1")).toEqual({ ok: false, error: { code: 'phone-letters' } });
  });

  it('shows a stored number as people read it: German ones the national way, others with their country', () => {
    expect(formatPhone('+4924311234')).toBe('02431 1234');
    expect(formatPhone('+492431850')).toBe('02431 850');
    expect(formatPhone('+4930123456')).toBe('030 123456');
    expect(formatPhone('+4915112345678')).toBe('01511 2345678');
    expect(formatPhone('+31201234567')).toBe('+31 20 123 4567');
    // What no numbering plan knows is shown as stored, never half-formatted or lost.
    expect(formatPhone('+4930123')).toBe('030 123');
    expect(formatPhone('+491234567890123')).toBe('+491234567890123');
    expect(formatPhone('+999123456')).toBe('+999123456');
    expect(formatPhone('keine Nummer')).toBe('keine Nummer');
    expect(formatPhone('')).toBe('');
  });
});
