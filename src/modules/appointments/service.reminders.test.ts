import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInBerlin } from '#kernel/calendar.ts';
import { listStoredSms, smsDirectory } from '#kernel/sms.ts';
import { buildCitizen } from '#modules/accounts/test/builders.ts';
import { berlinInstant } from '#modules/catalog/index.ts';
import { buildService } from '#modules/catalog/test/builders.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { updateBooking, type BookingChange } from './repo.bookings.ts';
import { appointmentsDb } from './repo.ts';
import { sendReminders } from './service.reminders.ts';
import { buildHold, buildLocation, holdAt } from './test/builders.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const db = () => appointmentsDb(platform.ctx.db);

/** A booking made at the given Berlin day and time, with the contact given. */
async function booked(location: { id: string }, counterId: string, day: string, time: string, slug: string, change: BookingChange) {
  const held = await buildHold(platform.ctx, [counterId], holdAt(location.id, berlinInstant(day, time), 15, { services: [{ serviceId: slug, persons: 1 }] }));
  return updateBooking(db(), held.id, { status: 'booked', hold_expires_at: null, confirmed_at: new Date(), ...change }, new Date());
}

describe('reminders the day before', () => {
  it('reminds each booked appointment of tomorrow once, by e-mail, by the account and by SMS, with the documents to bring', async () => {
    const slug = `reisepass-${Date.now().toString(36)}`;
    await buildService(platform.ctx, { slug, title: 'Reisepass beantragen', documents: ['Altes Ausweisdokument', 'Biometrisches Passfoto'] });
    const { location, counters } = await buildLocation(platform.ctx, { services: [slug], name: 'Bürgerbüro am Markt' });
    const counter = counters[0]!.id;
    const now = new Date();
    const tomorrow = addDays(todayInBerlin(now), 1);
    const { user } = await buildCitizen(platform.ctx);

    const guest = await booked(location, counter, tomorrow, '09:00', slug, { name: 'Gast Person', email: 'gast-erinnerung@example.org', confirmed_by: 'email' });
    const phone = await booked(location, counter, tomorrow, '09:15', slug, { name: 'Telefon Person', phone: '+491711234567', confirmed_by: 'sms' });
    const account = await booked(location, counter, tomorrow, '09:30', slug, { user_id: user.id, name: user.display_name, confirmed_by: 'email' });
    const cancelled = await booked(location, counter, tomorrow, '09:45', slug, { name: 'Abgesagt', email: 'abgesagt@example.org' });
    await updateBooking(db(), cancelled.id, { status: 'cancelled', cancelled_at: now, cancel_reason: 'person' }, now);
    const later = await booked(location, counter, addDays(tomorrow, 1), '09:00', slug, { name: 'Später', email: 'spaeter@example.org' });

    expect(await sendReminders(platform.ctx, now)).toBe(3);
    // A second run, as the next hour's: nobody is reminded twice.
    expect(await sendReminders(platform.ctx, now)).toBe(0);
    await platform.runJobs();

    const reminded = await db().selectFrom('appointment_bookings').select(['id', 'reminded_at']).where('location_id', '=', location.id).execute();
    const wasReminded = new Map(reminded.map((row) => [row.id, row.reminded_at !== null]));
    expect([guest, phone, account, cancelled, later].map((booking) => wasReminded.get(booking.id))).toEqual([true, true, true, false, false]);

    const mail = platform.smtp.lastTo('gast-erinnerung@example.org');
    expect(mail?.subject).toContain('Erinnerung: Ihr Termin');
    expect(mail?.text).toContain(guest.reference);
    expect(mail?.text).toContain('- Altes Ausweisdokument');
    expect(mail?.text).toContain('- Biometrisches Passfoto');
    expect(mail?.text).toContain('Bürgerbüro am Markt');
    expect(mail?.text).toContain('Reisepass beantragen');
    expect(platform.smtp.lastTo('abgesagt@example.org')).toBeUndefined();
    expect(platform.smtp.lastTo('spaeter@example.org')).toBeUndefined();

    // The account holder by notify, once: their inbox keeps the message.
    const messages = await platform.ctx.db
      .withTables<{ notify_messages: { cause: string; body: string | null } }>()
      .selectFrom('notify_messages')
      .select(['cause', 'body'])
      .where('cause', 'like', 'appointments:reminder:%')
      .execute();
    const causes = messages.map((message) => message.cause);
    expect(causes.filter((cause) => cause === `appointments:reminder:${account.id}`)).toHaveLength(1);
    expect(causes).not.toContain(`appointments:reminder:${phone.id}`);
    expect(messages.find((message) => message.cause === `appointments:reminder:${account.id}`)?.body).toContain('Biometrisches Passfoto');

    const sms = (await listStoredSms(smsDirectory(platform.ctx.config.DATA_DIR))).filter((message) => message.to === '+491711234567');
    expect(sms).toHaveLength(1);
    expect(sms[0]!.text).toContain(phone.reference);
    expect(sms[0]!.text).toContain('Bitte mitbringen: Altes Ausweisdokument, Biometrisches Passfoto');
    expect(sms[0]!.text).toContain('Bürgerbüro am Markt');
  });
});
