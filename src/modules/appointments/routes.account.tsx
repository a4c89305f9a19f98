import type { FastifyRequest } from 'fastify';
import { isSignedIn } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { signedInOnly } from '#kernel/http/guard.ts';
import type { App } from '#kernel/module.ts';
import { bookingsOfUser } from './repo.bookings.ts';
import { appointmentsDb } from './repo.ts';
import { serviceLines } from './service.facts.ts';
import { MyBookingsPage, type MyBooking } from './views/booking-mine.tsx';

/** "Mein Konto → Meine Termine": the bookings made while signed in. */
export async function accountBookingRoutes(app: App, ctx: KernelContext): Promise<void> {
  app.addHook('onRequest', signedInOnly);

  app.get('/konto/termine', async (request: FastifyRequest, reply) => {
    if (!isSignedIn(request.actor)) throw new Error('Route reached without the sign-in guard');
    const rows = await bookingsOfUser(appointmentsDb(ctx.db), request.actor.userId);
    const now = new Date();
    const bookings: (MyBooking & { endsAt: Date })[] = await Promise.all(
      rows.map(async (row) => ({
        id: row.id,
        reference: row.reference,
        startsAt: row.starts_at,
        endsAt: row.ends_at,
        status: row.status,
        place: row.place,
        services: (await serviceLines(ctx, row.services, request.page.lang)).map((line) => request.t('appointments:book.serviceLine', { title: line.title, count: line.persons })).join(', '),
      })),
    );
    const coming = bookings.filter((booking) => booking.endsAt > now && (booking.status === 'booked' || booking.status === 'confirming')).reverse();
    const past = bookings.filter((booking) => !coming.includes(booking));
    const account = { label: request.t('accounts:account.title'), href: '/konto' };
    return reply.header('cache-control', 'no-store').html({ title: request.t('appointments:mine.title'), breadcrumbs: [account, { label: request.t('appointments:mine.title') }] }, <MyBookingsPage page={request.page} coming={coming} past={past} />);
  });
}
