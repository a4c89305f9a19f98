import { sql } from 'kysely';
import type { Executor } from '#kernel/db/database.ts';
import type { PersonalDataSource, RetentionRule } from '#kernel/module.ts';
import { coursesDb, lockSession } from './repo.ts';
import { sessionFacts } from './service.notices.ts';
import { moveUp } from './service.registration.ts';

/*
 * A registration holds what the course needed: a name, a way to reach the person, the support they asked
 * for. It is kept for a year after the session's last meeting (questions about a fee, a complaint, the
 * figures per course are counted before), then deleted with its keys; the form says so. A certificate of
 * attendance keeps the holder's name and what it certifies for five years from its issue, so employers and
 * the holder can check its code in that time (the usual period for keeping proof of further training); it
 * outlives the registration on purpose.
 */

export const registrationKeptDays = 365;
export const certificateKeptYears = 5;

export const coursesRetention: RetentionRule[] = [
  {
    id: 'learning.registrations',
    description: 'learning:courses.retention.registrations',
    descriptionValues: () => ({ days: registrationKeptDays }),
    table: 'learning_registrations',
    columns: ['user_id', 'name', 'email', 'phone', 'postal_address', 'language', 'support_needs', 'support_note', 'registered_by', 'channel', 'attended'],
    purge: async (db, now) => {
      const cutoff = new Date(now.getTime() - registrationKeptDays * 86_400_000);
      const gone = await coursesDb(db)
        .deleteFrom('learning_registrations')
        .where('session_id', 'in', (eb) => eb.selectFrom('learning_sessions').select('id').where('ends_at', '<', cutoff))
        .executeTakeFirst();
      return Number(gone.numDeletedRows);
    },
  },
  {
    id: 'learning.certificates',
    description: 'learning:courses.retention.certificates',
    descriptionValues: () => ({ years: certificateKeptYears }),
    table: 'learning_certificates',
    columns: ['user_id', 'holder_name', 'course_title', 'competences', 'first_day', 'last_day', 'hours', 'provider'],
    purge: async (db, now) => {
      const gone = await coursesDb(db)
        .deleteFrom('learning_certificates')
        .where('issued_at', '<', sql<Date>`${now}::timestamptz - make_interval(years => ${certificateKeptYears})`)
        .executeTakeFirst();
      return Number(gone.numDeletedRows);
    },
  },
];

/** Registrations and certificates of an account, in the data download; erased with the account. */
export const coursesPersonalData: PersonalDataSource = {
  export: async (db, userId) => {
    const courses = coursesDb(db);
    const registrations = await courses
      .selectFrom('learning_registrations as r')
      .innerJoin('learning_sessions as s', 's.id', 'r.session_id')
      .innerJoin('learning_courses as c', 'c.id', 's.course_id')
      .select(['r.reference', 'r.status', 'r.name', 'r.email', 'r.phone', 'r.postal_address', 'r.language', 'r.channel', 'r.registered_by', 'r.support_needs', 'r.support_note', 'r.attended', 'r.created_at', 'r.cancelled_at', 'c.title', 's.starts_at'])
      .where('r.user_id', '=', userId)
      .orderBy('s.starts_at')
      .execute();
    const certificates = await courses.selectFrom('learning_certificates').select(['code', 'holder_name', 'course_title', 'competences', 'first_day', 'last_day', 'hours', 'provider', 'issued_at', 'withdrawn_at']).where('user_id', '=', userId).execute();
    if (registrations.length === 0 && certificates.length === 0) return {};
    return {
      courseRegistrations: registrations.map((row) => ({
        course: row.title,
        startsAt: row.starts_at,
        reference: row.reference,
        status: row.status,
        // Set when staff entered a registration for the person (by phone or at the counter).
        name: row.name,
        email: row.email,
        phone: row.phone,
        postalAddress: row.postal_address,
        language: row.language,
        channel: row.channel,
        registeredByStaffAccount: row.registered_by,
        supportNeeds: row.support_needs,
        supportNote: row.support_note,
        attended: row.attended,
        registeredAt: row.created_at,
        cancelledAt: row.cancelled_at,
      })),
      certificatesOfAttendance: certificates.map((row) => ({ code: row.code, holder: row.holder_name, course: row.course_title, competences: row.competences, from: row.first_day, to: row.last_day, hours: row.hours, provider: row.provider, issuedAt: row.issued_at, withdrawnAt: row.withdrawn_at })),
    };
  },
  /**
   * The registrations go (a place to come frees for the first one waiting, moved up in this transaction with
   * their notice), and so do the certificates: they name the person and are theirs alone.
   */
  erase: async (db: Executor, userId, ctx) => {
    const courses = coursesDb(db);
    const now = new Date();
    const sessions = await courses
      .selectFrom('learning_registrations as r')
      .innerJoin('learning_sessions as s', 's.id', 'r.session_id')
      .select('s.id')
      .where('r.user_id', '=', userId)
      .where('r.status', '=', 'placed')
      .where('s.status', '=', 'open')
      .where('s.starts_at', '>', now)
      .execute();
    for (const { id } of sessions) await lockSession(courses, id);
    await courses.deleteFrom('learning_registrations').where('user_id', '=', userId).execute();
    await courses.deleteFrom('learning_certificates').where('user_id', '=', userId).execute();
    for (const { id } of sessions) {
      const facts = await sessionFacts(courses, id);
      if (facts) await moveUp(ctx, db, facts, now);
    }
  },
};
