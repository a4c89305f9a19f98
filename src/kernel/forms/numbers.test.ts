import { describe, expect, it } from 'vitest';
import { formatEuros, parseEuros, parseEurosField, parseInteger, parseTime, parseTimeField } from './numbers.ts';

describe('amounts in euros', () => {
  it('reads amounts as people in Germany write them, into cents', () => {
    const cases: [string, number][] = [
      ['46,00', 4600],
      ['46', 4600],
      ['46,5', 4650],
      ['46,-', 4600],
      ['1.234,50 €', 123_450],
      ['1.234', 123_400],
      ['€ 12,00', 1200],
      ['12,00 EUR', 1200],
      ['1 234,50', 123_450],
      ['1\u202f234,50\u00a0€', 123_450],
      ['46.00', 4600],
      ['0,99', 99],
      ['12.345.678,90', 1_234_567_890],
    ];
    for (const [typed, cents] of cases) expect(parseEuros(typed), typed).toEqual({ ok: true, cents });
  });

  it('says what is wrong: too many digits after the comma, or no amount at all', () => {
    expect(parseEuros('46,999')).toEqual({ ok: false, reason: 'euros-cents' });
    expect(parseEuros('1.234,567')).toEqual({ ok: false, reason: 'euros-cents' });
    for (const typed of ['zwölf', '12.34.56', '1.23,00', '12,00,00', '12 €uro', '1e3', '0x10', '--5', '12.3456', '', '99999999999999']) {
      expect(parseEuros(typed), typed).toEqual({ ok: false, reason: 'euros-format' });
    }
  });

  it('refuses negative amounts unless the field takes them, and amounts beyond its limits', () => {
    expect(parseEurosField({ kind: 'euros' }, '-5,00')).toEqual({ ok: false, error: { code: 'euros-negative', values: { min: 0 } } });
    expect(parseEurosField({ kind: 'euros', min: -10_000 }, '−5,00')).toEqual({ ok: true, value: -500 });
    expect(parseEurosField({ kind: 'euros', min: 100 }, '0,50')).toEqual({ ok: false, error: { code: 'euros-too-small', values: { min: 100 } } });
    expect(parseEurosField({ kind: 'euros', max: 100_000 }, '1.000,01')).toEqual({ ok: false, error: { code: 'euros-too-large', values: { max: 100_000 } } });
    expect(parseEurosField({ kind: 'euros' }, '9.999.999.999,99')).toMatchObject({ ok: false, error: { code: 'euros-too-large' } });
  });

  it('gives null for an empty optional field and refuses an empty required one, or two values', () => {
    expect(parseEurosField({ kind: 'euros' }, '  ')).toEqual({ ok: true, value: null });
    expect(parseEurosField({ kind: 'euros', required: true }, '')).toEqual({ ok: false, error: { code: 'required' } });
    expect(parseEurosField({ kind: 'euros' }, ['1', '2'])).toEqual({ ok: false, error: { code: 'multiple' } });
    expect(parseEurosField({ kind: 'euros' }, '12,\u000050')).toEqual({ ok: true, value: 1250 });
  });

  it('shows cents the German way, and reading that gives the cents again', () => {
    expect(formatEuros(4600)).toBe('46,00');
    expect(formatEuros(123_450)).toBe('1.234,50');
    expect(formatEuros(5)).toBe('0,05');
    for (const cents of [0, 5, 4600, 123_450, 1_234_567_890]) expect(parseEuros(formatEuros(cents))).toEqual({ ok: true, cents });
  });
});

describe('whole numbers', () => {
  it('reads whole numbers, with thousands dots, within limits', () => {
    expect(parseInteger({ kind: 'integer' }, ' 12 ')).toEqual({ ok: true, value: 12 });
    expect(parseInteger({ kind: 'integer' }, '1.000')).toEqual({ ok: true, value: 1000 });
    expect(parseInteger({ kind: 'integer' }, '-3')).toEqual({ ok: true, value: -3 });
    expect(parseInteger({ kind: 'integer', min: 0 }, '-3')).toEqual({ ok: false, error: { code: 'too-small', values: { min: 0 } } });
    expect(parseInteger({ kind: 'integer', max: 1000 }, '1001')).toEqual({ ok: false, error: { code: 'too-large', values: { max: 1000 } } });
  });

  it('refuses fractions, exponents and numbers too large to count exactly', () => {
    for (const typed of ['1,5', '1e309', '0x10', 'zwölf', '9999999999999999', '1.00']) {
      expect(parseInteger({ kind: 'integer' }, typed), typed).toEqual({ ok: false, error: { code: 'integer' } });
    }
  });
});

describe('times of day', () => {
  it('reads the ways people write a time', () => {
    const cases: [string, string][] = [
      ['7:30', '07:30'],
      ['07.30', '07:30'],
      ['0730', '07:30'],
      ['7', '07:00'],
      ['18 Uhr', '18:00'],
      ['23:59', '23:59'],
    ];
    for (const [typed, time] of cases) expect(parseTime(typed), typed).toBe(time);
    for (const typed of ['24:00', '7:60', 'mittags', '7:5', '12:00:00']) expect(parseTime(typed), typed).toBeNull();
  });

  it('refuses what is no time, and takes an empty optional field as none', () => {
    expect(parseTimeField({ kind: 'time' }, '25:00')).toEqual({ ok: false, error: { code: 'time-format' } });
    expect(parseTimeField({ kind: 'time' }, '')).toEqual({ ok: true, value: null });
    expect(parseTimeField({ kind: 'time', required: true }, '')).toEqual({ ok: false, error: { code: 'required' } });
  });
});
