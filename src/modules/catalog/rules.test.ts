import { describe, expect, it } from 'vitest';
import { parseForm } from '#kernel/forms/index.ts';
import { officeContentOf, officeForm } from './forms.office.ts';
import { serviceContentOf, serviceForm, serviceFormValues } from './forms.service.ts';
import { channelTargetProblem, invalidLeikaKey, isLink, linksOf, parseLeikaKey, publishProblems, slugify, sortKey } from './rules.ts';
import { officeContent, serviceContent } from './test/builders.ts';

describe('LeiKa keys', () => {
  it('accepts 14 digits starting with 99 and drops the separators people copy along', () => {
    expect(parseLeikaKey('99008001012000')).toBe('99008001012000');
    expect(parseLeikaKey(' 99 008 001 012 000 ')).toBe('99008001012000');
    expect(parseLeikaKey('99-102-013-104-000')).toBe('99102013104000');
    expect(parseLeikaKey('')).toBeNull();
  });

  it('refuses anything else', () => {
    for (const raw of ['9900800101200', '990080010120001', '12008001012000', '99OO8001012000', '99008001012000x']) expect(parseLeikaKey(raw), raw).toBe(invalidLeikaKey);
  });
});

describe('addresses and links', () => {
  it('turns titles into slugs with German letters spelled out', () => {
    expect(slugify('Hund anmelden (Hundesteuer)')).toBe('hund-anmelden-hundesteuer');
    expect(slugify('Übermittlungssperren – Größe & Straße')).toBe('uebermittlungssperren-groesse-strasse');
  });

  it('sorts Umlaut titles with their base letter', () => {
    expect(['Zulassung', 'Ämter', 'Bauen'].sort((a, b) => sortKey(a).localeCompare(sortKey(b)))).toEqual(['Ämter', 'Bauen', 'Zulassung']);
  });

  it('accepts web addresses and platform paths, nothing else', () => {
    expect(isLink('https://service.erkelenz.de')).toBe(true);
    expect(isLink('/leistungen/hund-anmelden')).toBe(true);
    for (const bad of ['javascript:alert(1)', '//evil.example', 'ftp://x.example', 'service.erkelenz.de', 'https://', '/mit leerzeichen']) expect(isLink(bad), bad).toBe(false);
  });

  it('checks each channel for the kind of target it needs', () => {
    expect(channelTargetProblem('online', 'www.example.org')).toBe('catalog:errors.channelLink');
    expect(channelTargetProblem('phone', '0800')).toBe('catalog:errors.channelPhone');
    expect(channelTargetProblem('phone', '+49 2431 85-0')).toBeNull();
    expect(channelTargetProblem('email', 'kaputt@')).toBe('catalog:errors.channelEmail');
    expect(channelTargetProblem('appointment', '')).toBeNull();
    expect(channelTargetProblem('inPerson', '')).toBeNull();
  });

  it('collects the links an entry contains', () => {
    const service = serviceContent({
      channels: [
        { kind: 'online', target: 'https://service.erkelenz.de', instructions: '' },
        { kind: 'appointment', target: '', instructions: 'telefonisch' },
        { kind: 'phone', target: '02431 85-0', instructions: '' },
      ],
      links: [{ label: 'Bund', url: 'https://verwaltung.bund.de' }],
    });
    expect(linksOf('service', service)).toEqual(['https://service.erkelenz.de', 'https://verwaltung.bund.de']);
    expect(linksOf('office', officeContent({ website: 'https://www.erkelenz.de' }))).toEqual(['https://www.erkelenz.de']);
  });
});

describe('what publishing requires', () => {
  it('names every missing section of a service', () => {
    const problems = publishProblems('service', serviceContent({ description: '', documents: [], fees: [], feesNote: '', legalBasis: [], officeId: null, channels: [{ kind: 'online', target: 'https://x.example', instructions: '' }] }));
    expect(Object.keys(problems).sort()).toEqual(['description', 'documents', 'feesNote', 'legalBasis', 'officeId', 'phoneTarget']);
    expect(problems.phoneTarget).toEqual({ code: 'catalog:errors.analogChannel' });
  });

  it('accepts a complete service, and a fee table in place of a fee note', () => {
    expect(publishProblems('service', serviceContent({ officeId: 'b4e7f6f2-59a4-4b9f-9a32-0d8c4c0f5d11' }))).toEqual({});
    expect(publishProblems('service', serviceContent({ officeId: 'b4e7f6f2-59a4-4b9f-9a32-0d8c4c0f5d11', feesNote: '', fees: [{ label: 'Gebühr', amountCents: 1300 }] }))).toEqual({});
  });

  it('asks an office for a way to reach it', () => {
    expect(publishProblems('office', officeContent({ phone: '', email: '' }))).toEqual({ phone: { code: 'catalog:errors.officeContact' } });
  });
});

/** A posted form as the staff routes take it: read by the kernel, then turned into content by the catalogue. */
function readService(body: Record<string, string | string[]>) {
  const read = parseForm(serviceForm, { body });
  return read.ok ? serviceContentOf(read.value) : { content: undefined, errors: read.errors };
}

function readOffice(body: Record<string, string | string[]>) {
  const read = parseForm(officeForm, { body });
  return read.ok ? officeContentOf(read.value) : { content: undefined, errors: read.errors };
}

describe('the service form', () => {
  it('reads fees the way people write them, in rows of their own', () => {
    const { content, errors } = readService({ title: 'X', slug: 'x', fee1Label: 'Jahreskarte', fee1Amount: '27,6 €', fee2Label: 'Tageskarte', fee2Amount: '1.234,50', fee3LabelEn: '' });
    expect(errors).toEqual({});
    expect(content?.fees).toEqual([
      { label: 'Jahreskarte', amountCents: 2760 },
      { label: 'Tageskarte', amountCents: 123450 },
    ]);
  });

  it('refuses an amount that is none and a fee without its description, by row', () => {
    expect(readService({ fee1Label: 'Gebühr', fee1Amount: 'viel', fee2Amount: '5', fee3Label: 'Negativ', fee3Amount: '-5' }).errors).toEqual({
      fee1Amount: { code: 'euros-format' },
      fee2Label: { code: 'required' },
      fee3Amount: { code: 'euros-negative', values: { min: 0 } },
    });
  });

  it('round-trips a service through its form fields', () => {
    const content = serviceContent({
      leikaKey: '99102013104000',
      fees: [{ label: 'Hundesteuer', amountCents: 9600 }],
      synonyms: ['Hundemarke', 'Steuermarke'],
      links: [{ label: 'Satzung', url: 'https://www.erkelenz.de' }],
      channels: [
        { kind: 'online', target: 'https://service.erkelenz.de', instructions: 'Online anmelden.' },
        { kind: 'phone', target: '02431 85-0', instructions: 'Anrufen.' },
      ],
    });
    expect(readService(serviceFormValues(content))).toEqual({ content, errors: {} });
  });

  it('reports what only the catalogue knows to be wrong by field, as reason codes, and keeps the rest', () => {
    const { content, errors } = readService({ title: 'X', slug: 'x', leikaKey: '12345', onlineTarget: 'www.x.de', links: 'Gut | https://a.example\nSchlecht | ftp://b' });
    expect(errors).toEqual({
      leikaKey: { code: 'catalog:errors.leikaKey' },
      onlineTarget: { code: 'catalog:errors.channelLink' },
      links: { code: 'catalog:errors.linkLine', values: { line: 2 } },
    });
    expect(content?.links).toEqual([{ label: 'Gut', url: 'https://a.example' }]);
  });
});

describe('the office form', () => {
  it('reads opening hours and exception lines', () => {
    const { content, errors } = readOffice({
      title: 'Amt',
      slug: 'amt',
      d1Opens1: '7.30',
      d1Closes1: '12:30',
      d2Opens1: '08:00',
      d2Closes1: '12:00',
      exceptions: '24.12.2026 geschlossen Heiligabend\n12.02.2026 07:30-12:00 Altweiber',
      closedOnHolidays: 'on',
    });
    expect(errors).toEqual({});
    expect(content?.hours).toEqual([
      { day: 1, opens: '07:30', closes: '12:30' },
      { day: 2, opens: '08:00', closes: '12:00' },
    ]);
    expect(content?.exceptions).toEqual([
      { date: '2026-12-24', periods: [], note: 'Heiligabend' },
      { date: '2026-02-12', periods: [{ opens: '07:30', closes: '12:00' }], note: 'Altweiber' },
    ]);
  });

  it('refuses a period that ends before it begins and an unreadable exception line', () => {
    const { errors } = readOffice({ title: 'Amt', slug: 'amt', d3Opens2: '16:00', d3Closes2: '13:00', exceptions: '31.02.2026 geschlossen\n01.01.2027 zu', phone: 'x' });
    expect(errors).toEqual({
      d3Opens2: { code: 'catalog:errors.period', values: { day: { key: 'catalog:weekdays.3' } } },
      exceptions: { code: 'catalog:errors.exceptionLine', values: { line: 1 } },
      phone: { code: 'catalog:errors.channelPhone' },
    });
  });

  it('refuses a time of day that is none and a postal code of other than five digits while reading', () => {
    expect(readOffice({ d1Opens1: '25:00', d1Closes1: '12:00', postalCode: '4181' }).errors).toEqual({ d1Opens1: { code: 'time-format' }, postalCode: { code: 'pattern' } });
  });
});
