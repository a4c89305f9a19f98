import Type from 'typebox';
import { calendarAttachment } from '#kernel/ical/ical.ts';
import { defineJob } from '#kernel/jobs.ts';
import { sessionCalendar } from './calendar.ts';
import { feeText } from './facts.ts';
import { coursesDb, findRegistration, issueCancelKey, linePosition } from './repo.ts';
import { meetingsList, noticeValues, sessionFacts } from './service.notices.ts';

/*
 * The first mail to a guest who gave an e-mail address: the confirmation (or the place in the waiting line)
 * with the link to cancel. The job makes the link's key when it sends, so no working link waits in the job
 * table, and the mail goes to the address directly, not through notify, whose messages never carry a key.
 */

export const cancelPath = (key: string) => `/kurse/abmelden/${key}`;

export const sendRegistrationMailJob = defineJob({
  name: 'learning.send-registration-mail',
  payload: Type.Object({ registrationId: Type.String({ format: 'uuid' }) }),
  handler: async ({ registrationId }, ctx) => {
    const db = coursesDb(ctx.db);
    const registration = await findRegistration(db, registrationId);
    if (!registration?.email || (registration.status !== 'placed' && registration.status !== 'waiting')) return;
    const facts = await sessionFacts(db, registration.session_id);
    if (!facts) return;
    const language = registration.language;
    const t = ctx.i18n.getFixedT(language);
    const key = await issueCancelKey(db, registration.id);
    const values = {
      ...noticeValues(facts, registration),
      name: registration.name ?? '',
      meetings: meetingsList(facts, language),
      fee: feeText(facts.course, language),
      cancelLink: `${ctx.config.PUBLIC_URL}${cancelPath(key)}`,
      city: ctx.config.CITY_NAME,
    };
    const host = new URL(ctx.config.PUBLIC_URL).hostname;
    if (registration.status === 'placed') {
      await ctx.mailer.send({
        to: registration.email,
        subject: t('learning:courses.mail.placedSubject', values),
        text: t('learning:courses.mail.placedText', values),
        messageId: `<kurs-${registration.id}-${Date.now()}@${host}>`,
        attachments: [calendarAttachment(sessionCalendar(ctx, facts, language), { name: facts.course.title })],
      });
      return;
    }
    const position = await linePosition(db, registration);
    await ctx.mailer.send({
      to: registration.email,
      subject: t('learning:courses.mail.waitingSubject', values),
      text: t('learning:courses.mail.waitingText', { ...values, position }),
      messageId: `<kurs-${registration.id}-${Date.now()}@${host}>`,
    });
  },
});
