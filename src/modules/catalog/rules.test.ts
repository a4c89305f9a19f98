import { describe, expect, it } from 'vitest';
import { parseOfficeForm } from './forms.office.ts';
import { parseEuros, parseServiceForm, serviceFormValues } from './forms.service.ts';
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
    expect(problems.phoneTarget).toEqual({ key: 'catalog:errors.analogChannel' });
  });

  it('accepts a complete service, and a fee table in place of a fee note', () => {
    expect(publishProblems('service', serviceContent({ officeId: 'b4e7f6f2-59a4-4b9f-9a32-0d8c4c0f5d11' }))).toEqual({});
    expect(publishProblems('service', serviceContent({ officeId: 'b4e7f6f2-59a4-4b9f-9a32-0d8c4c0f5d11', feesNote: '', fees: [{ label: 'Gebühr', amountCents: 1300 }] }))).toEqual({});
  });

  it('asks an office for a way to reach it', () => {
    expect(publishProblems('office', officeContent({ phone: '', email: '' }))).toEqual({ phone: { key: 'catalog:errors.officeContact' } });
  });
});

describe('the service form', () => {
  it('reads euros the way people write them', () => {
    expect(parseEuros('46,00')).toBe(4600);
    expect(parseEuros('27,6 €')).toBe(2760);
    expect(parseEuros('1.234,50')).toBe(123450);
    expect(parseEuros('13')).toBe(1300);
    expect(parseEuros('zehn')).toBeNull();
    expect(parseEuros('-5')).toBeNull();
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
    expect(parseServiceForm(serviceFormValues(content))).toEqual({ content, errors: {} });
  });

  it('reports bad fields by name and keeps the rest', () => {
    const { content, errors } = parseServiceForm({ title: 'X', slug: 'x', leikaKey: '12345', fee1Label: 'Gebühr', fee1Amount: 'viel', onlineTarget: 'www.x.de', links: 'Gut | https://a.example\nSchlecht | ftp://b' });
    expect(errors).toEqual({
      leikaKey: { key: 'catalog:errors.leikaKey' },
      fee1Amount: { key: 'catalog:errors.feeAmount' },
      onlineTarget: { key: 'catalog:errors.channelLink' },
      links: { key: 'catalog:errors.linkLine', values: { line: '2' } },
    });
    expect(content.links).toEqual([{ label: 'Gut', url: 'https://a.example' }]);
  });
});

describe('the office form', () => {
  it('reads opening hours and exception lines', () => {
    const { content, errors } = parseOfficeForm({
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
    expect(content.hours).toEqual([
      { day: 1, opens: '07:30', closes: '12:30' },
      { day: 2, opens: '08:00', closes: '12:00' },
    ]);
    expect(content.exceptions).toEqual([
      { date: '2026-12-24', periods: [], note: 'Heiligabend' },
      { date: '2026-02-12', periods: [{ opens: '07:30', closes: '12:00' }], note: 'Altweiber' },
    ]);
  });

  it('refuses a period that ends before it begins and an unreadable exception line', () => {
    const { errors } = parseOfficeForm({ title: 'Amt', slug: 'amt', d3Opens2: '16:00', d3Closes2: '13:00', exceptions: '31.02.2026 geschlossen\n01.01.2027 zu', postalCode: '4181' });
    expect(errors).toEqual({
      d3Opens2: { key: 'catalog:errors.period', values: { day: 'catalog:weekdays.3' } },
      exceptions: { key: 'catalog:errors.exceptionLine', values: { line: '1' } },
      postalCode: { key: 'catalog:errors.postalCode' },
    });
  });
});
