import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { KernelContext } from '#kernel/context.ts';
import { formBody, formMessages, once, readForm, withErrors, type FormErrors, type Raw } from '#kernel/forms/index.ts';
import type { App } from '#kernel/module.ts';
import type { SlotProblem } from './calendar/index.ts';
import { PlaceParams, phoneBookForm, phoneSearchForm } from './forms.staff.ts';
import { bookForCaller, offerTimes, phoneChoices } from './service.staff-phone.ts';
import { berlinTime } from '#modules/catalog/index.ts';
import { clock, placeHref, staffCrumbs } from './views/staff/format.ts';
import { PhonePage, type PhoneProps } from './views/staff/phone.tsx';

const phoneQuery = Type.Object({ ...formBody(phoneSearchForm).properties });

/** A request the slot engine refuses, said at the services field. */
const problemCodes: Record<SlotProblem['reason'], string> = {
  'no-services': 'appointments:staff.errors.servicesRequired',
  'unknown-service': 'appointments:staff.errors.unknownService',
  'duplicate-service': 'appointments:staff.errors.unknownService',
  'invalid-persons': 'appointments:staff.errors.persons',
  'too-many-persons': 'appointments:staff.errors.tooManyPersons',
  'not-combinable': 'appointments:staff.errors.notCombinable',
  'invalid-day': 'appointments:staff.errors.unknownService',
  'invalid-limit': 'appointments:staff.errors.unknownService',
};

interface Shown {
  search: { raw: Raw; errors?: FormErrors };
  book?: { raw: Raw; errors?: FormErrors };
  status?: number;
}

/** Booking for a caller on the phone: a GET form for the request, a POST form for the time and the caller. */
export async function phoneRoutes(app: App, ctx: KernelContext): Promise<void> {
  const show = async (request: FastifyRequest, reply: FastifyReply, placeId: string, shown: Shown, asked: { services: string[]; persons: number } | null) => {
    const choices = await phoneChoices(ctx, request.actor, placeId);
    if (!choices) return reply.callNotFound();
    let search = shown.search;
    let offer: PhoneProps['offer'] = null;
    if (asked) {
      const offered = await offerTimes(ctx, request.actor, placeId, asked.services, asked.persons);
      if (offered.ok) offer = { ...asked, days: offered.days };
      else if (offered.reason === 'request') search = { raw: search.raw, errors: { ...search.errors, leistung: { code: problemCodes[offered.problem.reason] } } };
    }
    const errors = { search: search.errors ? formMessages(request.page, search.errors, phoneSearchForm) : {}, book: shown.book?.errors ? formMessages(request.page, shown.book.errors, phoneBookForm) : {} };
    const hasErrors = Object.keys(errors.search).length + Object.keys(errors.book).length > 0;
    const title = request.t('appointments:staff.phone.title', { place: choices.place.name });
    return reply.status(shown.status ?? (hasErrors ? 400 : 200)).html(
      { title, breadcrumbs: [...staffCrumbs(request, choices.place), { label: request.t('appointments:staff.places.phone') }], hasErrors },
      <PhonePage page={request.page} place={choices.place} services={choices.services} search={{ raw: search.raw, errors: errors.search }} offer={offer} book={{ raw: shown.book?.raw ?? {}, errors: errors.book }} />,
    );
  };

  app.get('/verwaltung/termine/:placeId/telefon', { schema: { params: PlaceParams, querystring: phoneQuery }, attachValidation: true }, async (request, reply) => {
    if (request.validationError?.validationContext === 'params') return reply.callNotFound();
    const { placeId } = request.params;
    if (Object.keys(request.query).length === 0) return show(request, reply, placeId, { search: { raw: {} } }, null);
    const read = readForm(phoneSearchForm, request, 'query');
    if (!read.ok) return show(request, reply, placeId, { search: read }, null);
    return show(request, reply, placeId, { search: read }, { services: read.value.leistung, persons: read.value.personen });
  });

  app.post('/verwaltung/termine/:placeId/telefon', { schema: { params: PlaceParams, body: formBody(phoneBookForm) }, attachValidation: true }, async (request, reply) => {
    const { placeId } = request.params;
    const searched = readForm(phoneSearchForm, request);
    if (!searched.ok) return show(request, reply, placeId, { search: searched, status: 422 }, null);
    const asked = { services: searched.value.leistung, persons: searched.value.personen };
    const read = readForm(phoneBookForm, request);
    const start = read.ok ? new Date(read.value.start ?? '') : null;
    if (!read.ok || !start || Number.isNaN(start.getTime())) {
      const refused = read.ok ? withErrors(read, { start: { code: 'appointments:staff.errors.slotRequired' } }) : read;
      return show(request, reply, placeId, { search: searched, book: refused, status: 422 }, asked);
    }
    const value = read.value;
    const result = await once(ctx, request, read, () =>
      bookForCaller(ctx, request.actor, placeId, { ...asked, start, name: value.name, phone: value.phone || null, email: value.email || null, needs: value.needs, needsNote: value.needsNote || null }),
    );
    if (result.ok) return reply.redirect(`${placeHref(placeId)}?tag=${berlinTime(start).date}&notice=phone-booked&nummer=${encodeURIComponent(`${result.reference} ${clock(start)}`)}`, 303);
    switch (result.reason) {
      case 'not-found':
        return reply.callNotFound();
      case 'contact':
        return show(request, reply, placeId, { search: searched, book: withErrors(read, { phone: { code: 'appointments:staff.errors.contact' } }), status: 422 }, asked);
      case 'taken':
      case 'not-offered':
        return show(request, reply, placeId, { search: searched, book: withErrors(read, { start: { code: 'appointments:staff.errors.slotTaken' } }), status: 409 }, asked);
      case 'request':
        return show(request, reply, placeId, { search: withErrors(searched, { leistung: { code: problemCodes[result.problem.reason] } }), book: { raw: read.raw }, status: 422 }, null);
    }
  });
}
