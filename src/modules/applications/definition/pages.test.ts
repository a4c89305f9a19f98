import { describe, expect, it } from 'vitest';
import type { FileInfo } from '#kernel/files/types.ts';
import type { Upload } from '#kernel/files/uploads.ts';
import type { Answers } from './answers.ts';
import { firstIncompletePage, pageForm, pageRaw, readPage, type PageOptions } from './pages.ts';
import { sampleAnswers, sampleDefinition } from './sample-definition.ts';
import type { Page } from './schema.ts';

const now = new Date('2026-12-01T10:00:00Z');
const options: PageOptions = { now, city: 'Erkelenz', knownStreet: (street) => ['Markt', 'Kölner Straße'].includes(street) };
const page = (id: string): Page => sampleDefinition.pages.find((candidate) => candidate.id === id)!;
const read = (id: string, body: unknown, answers: Answers = sampleAnswers, upload?: (name: string) => Upload | undefined, given = options) =>
  readPage(sampleDefinition, 'form-test', page(id), answers, { body, upload }, given);

function stored(name: string, mediaType = 'application/pdf', size = 2048): Upload {
  const file: FileInfo = { id: name.padEnd(64, '0').slice(0, 64), size, mediaType, extension: 'pdf', status: 'clean', scanner: 'none', signature: null, scannedAt: null, createdAt: now };
  return { filename: `${name}.pdf`, result: { ok: true, file } };
}

/** Reads a page, shows what it stored again and reads that: the same answers come back. */
function roundTrip(id: string, body: Record<string, unknown>, answers: Answers = sampleAnswers, upload?: (name: string) => Upload | undefined) {
  const first = read(id, body, answers, upload);
  if (!first.ok) throw new Error(JSON.stringify(first.errors));
  const merged = { ...answers, ...first.values };
  const again = read(id, pageRaw(sampleDefinition, page(id), merged, options), merged);
  expect(again).toEqual({ ok: true, values: first.values, raw: expect.any(Object) });
  return first.values;
}

describe('a page as a kernel form', () => {
  it('has each shown field by its kernel kind, an address as its inputs, texts by key in the namespace', () => {
    const form = pageForm(sampleDefinition, 'form-test', page('applicant'), {}, options);
    expect(form.id).toBe('applications.beispiel-antrag.applicant');
    expect(Object.keys(form.fields)).toEqual(['name', 'email', 'phone', 'homeStreet', 'homeHouseNumber', 'homePostcode']);
    expect(form.fields.name).toMatchObject({ kind: 'text', label: 'form-test:f.name.label', required: true, maxLength: 100, autocomplete: 'name' });
    expect(form.fields.email).toMatchObject({ kind: 'email', autocomplete: 'email', required: false });
    expect(form.fields.phone).toMatchObject({ kind: 'phone', autocomplete: 'tel' });
    expect(form.fields.homePostcode).toMatchObject({ kind: 'text', required: true, inputmode: 'numeric', autocomplete: 'postal-code', labelValues: { field: { key: 'form-test:f.home.label' } } });
    // Without the city, the town of a city-only address is asked.
    expect(Object.keys(pageForm(sampleDefinition, 'n', page('applicant'), {}).fields)).toContain('homeTown');
  });

  it('has choices, dates with their limits from today, and groups as the kernel knows them', () => {
    expect(pageForm(sampleDefinition, 'n', page('vehicle'), {}, options).fields.kind).toMatchObject({ kind: 'choice', options: [{ value: 'car', label: 'n:f.kind.o.car.label' }, { value: 'motorbike', hint: 'n:f.kind.o.motorbike.hint' }] });
    expect(pageForm(sampleDefinition, 'n', page('period'), {}, options).fields.from).toMatchObject({ kind: 'date', min: '2026-12-02', max: '2027-12-01' });
    const dogs = pageForm(sampleDefinition, 'n', page('dogs'), { hasDogs: true }, options).fields.dog;
    expect(dogs).toMatchObject({ kind: 'group', label: 'n:f.dog.itemLabel', min: 1, max: 3, fields: { name: { kind: 'text', label: 'n:g.dog.name.label' }, breed: { kind: 'choice', widget: 'select' }, born: { kind: 'date', max: '2026-12-01' } } });
    expect(Object.keys(pageForm(sampleDefinition, 'n', page('payment'), { kind: 'motorbike', adults: 1 }, options).fields)).toEqual(['proof']);
  });
});

describe('reading a page and showing it again', () => {
  it('texts, e-mail, phone and a city address', () => {
    const values = roundTrip('applicant', { name: ' Erika Mustermann ', email: 'Erika@Example.org', phone: '02431 85-0', homeStreet: 'Markt', homeHouseNumber: '25', homePostcode: '41812' });
    expect(values).toEqual({ name: 'Erika Mustermann', email: 'erika@example.org', phone: '+492431850', home: { street: 'Markt', houseNumber: '25', postcode: '41812', town: 'Erkelenz' } });
    expect(pageRaw(sampleDefinition, page('applicant'), values, options)).toEqual({ name: 'Erika Mustermann', email: 'erika@example.org', phone: '+492431850', homeStreet: 'Markt', homeHouseNumber: '25', homePostcode: '41812' });
  });

  it('an address anywhere, optional fields left empty as null', () => {
    const first = read('applicant', { name: 'Erika', homeStreet: 'Hauptstraße', homeHouseNumber: '3a', homePostcode: '50667', homeTown: 'Köln' }, {}, undefined, { now });
    expect(first).toMatchObject({ ok: true, values: { name: 'Erika', email: null, phone: null, home: { street: 'Hauptstraße', houseNumber: '3a', postcode: '50667', town: 'Köln' } } });
  });

  it('a licence plate, a choice and lines of text', () => {
    expect(roundTrip('vehicle', { plate: 'erk ab 123', kind: 'car', note: 'Erste Zeile\r\nZweite Zeile' })).toEqual({ plate: 'ERK-AB 123', kind: 'car', note: 'Erste Zeile\nZweite Zeile' });
  });

  it('days as Germans write them', () => {
    expect(roundTrip('period', { from: '2.12.2026', to: '24.12.26' })).toEqual({ from: '2026-12-02', to: '2026-12-24' });
    expect(pageRaw(sampleDefinition, page('period'), { from: '2026-12-02' }, options)).toEqual({ from: '02.12.2026' });
  });

  it('a box, a number and several boxes', () => {
    expect(roundTrip('household', { hasDogs: 'on', adults: '2', topics: ['waste', 'parking'] })).toEqual({ hasDogs: true, adults: 2, topics: ['waste', 'parking'] });
    expect(roundTrip('household', { adults: '1' })).toEqual({ hasDogs: false, adults: 1, topics: [] });
  });

  it('a group: the rows filled in, in order, each field of a row by its type', () => {
    const values = roundTrip('dogs', { dog1Name: 'Bello', dog1Breed: 'labrador', dog1Born: '01.05.2020', dog3Name: 'Hasso' });
    expect(values).toEqual({ dog: [{ name: 'Bello', breed: 'labrador', born: '2020-05-01' }, { name: 'Hasso', breed: null, born: null }] });
    expect(pageRaw(sampleDefinition, page('dogs'), { hasDogs: true, ...values }, options)).toEqual({ dog1Name: 'Bello', dog1Breed: 'labrador', dog1Born: '01.05.2020', dog2Name: 'Hasso' });
    expect(read('dogs', {})).toEqual({ ok: false, errors: { dog: { code: 'too-few', values: { min: 1 } } }, raw: {} });
    expect(read('dogs', { dog1Breed: 'mix' })).toMatchObject({ ok: false, errors: { dog1Name: { code: 'required' } } });
  });

  it('an IBAN and a file; the file chosen before stays when none is sent, another replaces it', () => {
    const upload = (name: string) => (name === 'proof' ? stored('neu') : undefined);
    const values = roundTrip('payment', { iban: 'de89 3704 0044 0532 0130 00' }, sampleAnswers, upload);
    expect(values).toEqual({ iban: 'DE89370400440532013000', proof: { fileId: 'neu'.padEnd(64, '0'), filename: 'neu.pdf', mediaType: 'application/pdf', bytes: 2048 } });
    expect(read('payment', { iban: 'DE89370400440532013000' })).toMatchObject({ ok: true, values: { proof: sampleAnswers.proof } });
    const emptyPart: Upload = { filename: '', result: { ok: false, reason: 'empty', accept: [], maxBytes: 1 } };
    expect(read('payment', {}, sampleAnswers, () => emptyPart)).toMatchObject({ ok: true, values: { proof: sampleAnswers.proof } });
  });

  it('lets an optional file be taken back, and forgets one that does not fit the field', () => {
    const form = pageForm(sampleDefinition, 'n', page('payment'), sampleAnswers, options);
    expect(form.fields.proofRemove).toMatchObject({ kind: 'checkbox', label: 'applications:definition.file.remove', labelValues: { filename: 'nachweis.pdf' } });
    expect(read('payment', { proofRemove: 'on' })).toMatchObject({ ok: true, values: { proof: null } });
    const tooLarge = { ...sampleAnswers, proof: { ...sampleAnswers.proof, bytes: 5 * 1024 * 1024 } };
    expect(read('payment', {}, tooLarge)).toMatchObject({ ok: true, values: { proof: null } });
    const required = { ...sampleDefinition, pages: sampleDefinition.pages.map((candidate) => (candidate.id === 'payment' ? { ...candidate, fields: [{ ...candidate.fields[1]!, required: true }] } : candidate)) };
    const requiredPage = required.pages.find((candidate) => candidate.id === 'payment')!;
    expect(pageForm(required, 'n', requiredPage, sampleAnswers).fields.proofRemove).toBeUndefined();
    expect(readPage(required, 'n', requiredPage, sampleAnswers, { body: { proofRemove: 'on' } })).toMatchObject({ ok: true, values: { proof: sampleAnswers.proof } });
    expect(readPage(required, 'n', requiredPage, {}, { body: {} })).toMatchObject({ ok: false, errors: { proof: { code: 'required' } } });
  });

  it('keeps a file chosen before in a group row by the row\'s place', () => {
    const withPhoto = structuredClone(sampleDefinition);
    const group = withPhoto.pages[4]!.fields[0]!;
    if (group.type !== 'group') throw new Error('the sample\'s dogs are a group');
    group.fields.push({ type: 'file', id: 'photo', label: { de: 'Foto' }, accept: ['image/jpeg'], maxBytes: 10_000 });
    const dogsPage = withPhoto.pages[4]!;
    const photo = (name: string) => stored(name, 'image/jpeg');
    const first = readPage(withPhoto, 'n', dogsPage, { hasDogs: true }, { body: { dog1Name: 'Bello', dog2Name: 'Hasso' }, upload: (name) => (name === 'dog2Photo' ? photo('hasso') : undefined) }, options);
    expect(first).toMatchObject({ ok: true, values: { dog: [{ name: 'Bello', photo: null }, { name: 'Hasso', photo: { filename: 'hasso.pdf', mediaType: 'image/jpeg' } }] } });
    if (!first.ok) throw new Error(JSON.stringify(first.errors));
    const answers = { hasDogs: true, ...first.values };
    const again = readPage(withPhoto, 'n', dogsPage, answers, { body: pageRaw(withPhoto, dogsPage, answers, options) }, options);
    expect(again).toMatchObject({ ok: true, values: first.values });
    const replaced = readPage(withPhoto, 'n', dogsPage, answers, { body: { dog1Name: 'Bello', dog2Name: 'Hasso' }, upload: (name) => (name === 'dog1Photo' ? photo('bello') : undefined) }, options);
    expect(replaced).toMatchObject({ ok: true, values: { dog: [{ photo: { filename: 'bello.pdf' } }, { photo: { filename: 'hasso.pdf' } }] } });
  });

  it('reads only the fields shown: an answer posted for a hidden one is ignored', () => {
    expect(read('payment', { iban: 'DE89370400440532013000' }, { kind: 'motorbike', adults: 1 })).toEqual({ ok: true, values: { proof: null }, raw: {} });
  });
});

describe('licence plates', () => {
  it('are stored as the registration prints them, however typed', () => {
    for (const typed of ['erk ab 123', 'ERK-AB123', 'ERK AB 123', 'Erk - Ab 123', 'ERK-AB 123']) {
      expect(read('vehicle', { plate: typed, kind: 'car' }), typed).toMatchObject({ ok: true, values: { plate: 'ERK-AB 123' } });
    }
    expect(read('vehicle', { plate: 'k-x 1e', kind: 'car' })).toMatchObject({ ok: true, values: { plate: 'K-X 1E' } });
    expect(read('vehicle', { plate: 'MÜ-AB 12 H', kind: 'car' })).toMatchObject({ ok: true, values: { plate: 'MÜ-AB 12H' } });
  });

  it('are refused with their own message when they are no German plate', () => {
    for (const typed of ['ERKAB123', 'ERK-ABC 123', 'ERK-AB 0123', 'ERK-AB 12345', 'ERKE-AB 12', '123', 'ERK-AB 12X']) {
      expect(read('vehicle', { plate: typed, kind: 'car' }), typed).toEqual({ ok: false, errors: { plate: { code: 'applications:definition.errors.licencePlate' } }, raw: { plate: typed, kind: 'car' } });
    }
  });
});

describe('addresses', () => {
  it('want every part once one is given, five digits as postcode, a number that starts with a digit', () => {
    expect(read('applicant', { name: 'E', homeStreet: 'Markt' }, {}, undefined, { now }).ok).toBe(false);
    const optional = { ...sampleDefinition, pages: [{ ...page('applicant'), fields: [{ type: 'address' as const, id: 'home', label: { de: 'Anschrift' } }] }] };
    const readOptional = (body: Record<string, string>) => readPage(optional, 'n', optional.pages[0]!, {}, { body });
    expect(readOptional({})).toMatchObject({ ok: true, values: { home: null } });
    expect(readOptional({ homeStreet: 'Markt' })).toMatchObject({ ok: false, errors: { homeHouseNumber: { code: 'required' }, homePostcode: { code: 'required' }, homeTown: { code: 'required' } } });
    expect(readOptional({ homeStreet: 'Markt', homeHouseNumber: 'a', homePostcode: '4181', homeTown: 'Erkelenz' })).toMatchObject({
      ok: false,
      errors: { homeHouseNumber: { code: 'pattern' }, homePostcode: { code: 'pattern' } },
    });
    expect(pageForm(optional, 'n', optional.pages[0]!, {}).fields.homePostcode).toMatchObject({ messages: { pattern: 'applications:definition.errors.postcode' } });
  });

  it('in the city only take a street of its register, and the town is the city', () => {
    const body = { name: 'Erika', homeStreet: 'Mondweg', homeHouseNumber: '1', homePostcode: '41812', homeTown: 'Köln' };
    expect(read('applicant', body, {})).toMatchObject({ ok: false, errors: { homeStreet: { code: 'applications:definition.errors.unknownStreet', values: { street: 'Mondweg' } } } });
    expect(read('applicant', { ...body, homeStreet: 'Kölner Straße' }, {})).toMatchObject({ ok: true, values: { home: { street: 'Kölner Straße', town: 'Erkelenz' } } });
  });
});

describe('days', () => {
  it('limited in days from today move with today, in Berlin', () => {
    expect(read('period', { from: '01.12.2026', to: '24.12.2026' })).toMatchObject({ ok: false, errors: { from: { code: 'date-too-early', values: { min: '2026-12-02' } } } });
    const lateEvening = { ...options, now: new Date('2026-12-01T23:30:00Z') };
    expect(read('period', { from: '02.12.2026', to: '24.12.2026' }, sampleAnswers, undefined, lateEvening)).toMatchObject({ ok: false, errors: { from: { code: 'date-too-early', values: { min: '2026-12-03' } } } });
    expect(read('period', { from: '02.12.2027', to: '24.12.2027' })).toMatchObject({ ok: false, errors: { from: { code: 'date-too-late', values: { max: '2027-12-01' } } } });
  });

  it('that end a range may not come before its start', () => {
    expect(read('period', { from: '24.12.2026', to: '02.12.2026' })).toMatchObject({
      ok: false,
      errors: { to: { code: 'applications:definition.errors.notBefore', values: { other: { key: 'form-test:f.from.label' } } } },
    });
    expect(read('period', { from: '24.12.2026', to: '24.12.2026' })).toMatchObject({ ok: true });
  });
});

describe('hostile posts', () => {
  it('get field errors, never an exception', () => {
    expect(read('applicant', { name: ['Erika', 'Max'], email: { $ne: 1 }, homeStreet: 'Markt', homeHouseNumber: '1', homePostcode: '41812' })).toMatchObject({
      ok: false,
      errors: { name: { code: 'multiple' }, email: { code: 'invalid' } },
    });
    expect(read('applicant', { name: 'x'.repeat(1_000_000) })).toMatchObject({ ok: false, errors: { name: { code: 'too-long' } } });
    expect(read('household', { adults: '1e5', topics: ['waste', 'schools'], hasDogs: 'yes' })).toMatchObject({
      ok: false,
      errors: { adults: { code: 'integer' }, topics: { code: 'not-a-choice' }, hasDogs: { code: 'not-a-choice' } },
    });
    for (const body of [null, 'name=Erika', ['name'], 42]) expect(read('period', body)).toMatchObject({ ok: false, errors: { from: { code: 'required' }, to: { code: 'required' } } });
  });

  it('cannot add answers the page does not have', () => {
    const result = read('household', { adults: '2', dog1Name: 'Bello', name: 'Mallory', __proto__: { admin: true }, constructor: 'x' });
    expect(result).toEqual({ ok: true, values: { hasDogs: false, adults: 2, topics: [] }, raw: { adults: '2' } });
  });

  it('count code points as well, which systems receiving the cases count', () => {
    const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}';
    expect(read('applicant', { name: family.repeat(50), homeStreet: 'Markt', homeHouseNumber: '1', homePostcode: '41812' })).toMatchObject({
      ok: false,
      errors: { name: { code: 'too-long', values: { max: 100, length: 250 } } },
    });
  });
});

describe('the first page still to answer', () => {
  it('is the first page never answered, none when every shown page is complete', () => {
    expect(firstIncompletePage(sampleDefinition, {}, options)?.id).toBe('applicant');
    expect(firstIncompletePage(sampleDefinition, sampleAnswers, options)).toBeUndefined();
    const { topics: _topics, ...withoutTopics } = sampleAnswers;
    expect(firstIncompletePage(sampleDefinition, withoutTopics, options)?.id).toBe('household');
  });

  it('is a page whose stored answer its rules no longer take', () => {
    expect(firstIncompletePage(sampleDefinition, sampleAnswers, { ...options, now: new Date('2026-12-10T12:00:00Z') })?.id).toBe('period');
    expect(firstIncompletePage(sampleDefinition, { ...sampleAnswers, kind: 'bus' }, options)?.id).toBe('vehicle');
    expect(firstIncompletePage(sampleDefinition, { ...sampleAnswers, plate: 'ERKAB1' }, options)?.id).toBe('vehicle');
    expect(firstIncompletePage(sampleDefinition, sampleAnswers, { ...options, knownStreet: () => false })?.id).toBe('applicant');
  });

  it('is a page a changed answer has opened', () => {
    const { dog: _dog, ...withoutDogs } = sampleAnswers;
    expect(firstIncompletePage(sampleDefinition, withoutDogs, options)?.id).toBe('dogs');
    expect(firstIncompletePage(sampleDefinition, { ...withoutDogs, hasDogs: false }, options)).toBeUndefined();
  });
});
