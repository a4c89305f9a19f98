import { sql } from 'kysely';
import type { KernelContext } from '#kernel/context.ts';
import { coursesDb } from './repo.ts';
import type { RegistrationStatus } from './tables.ts';

/** A person's own registrations, newest session first, with what "Meine Kurse" shows of each. */
export interface OwnRegistration {
  id: string;
  reference: string;
  status: RegistrationStatus;
  slug: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  place: string | null;
  address: string | null;
  online_url: string | null;
  position: number | null;
  cancellable: boolean;
  certificateCode: string | null;
}

export async function ownRegistrations(ctx: KernelContext, userId: string, now = new Date()): Promise<OwnRegistration[]> {
  const rows = await coursesDb(ctx.db)
    .selectFrom('learning_registrations as r')
    .innerJoin('learning_sessions as s', 's.id', 'r.session_id')
    .innerJoin('learning_courses as c', 'c.id', 's.course_id')
    .leftJoin('learning_certificates as z', (join) => join.onRef('z.registration_id', '=', 'r.id').on('z.withdrawn_at', 'is', null))
    .select(['r.id', 'r.reference', 'r.status', 'r.seq', 'r.session_id', 'c.slug', 'c.title', 's.starts_at', 's.ends_at', 's.place', 's.address', 's.online_url', 'z.code'])
    .select((eb) =>
      eb
        .selectFrom('learning_registrations as w')
        .whereRef('w.session_id', '=', 'r.session_id')
        .where('w.status', '=', 'waiting')
        .whereRef('w.seq', '<=', 'r.seq')
        .select(sql<number>`count(*)::int`.as('n'))
        .as('position'),
    )
    .where('r.user_id', '=', userId)
    .orderBy('s.starts_at', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    reference: row.reference,
    status: row.status,
    slug: row.slug,
    title: row.title,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    place: row.place,
    address: row.address,
    online_url: row.online_url,
    position: row.status === 'waiting' ? row.position : null,
    cancellable: (row.status === 'placed' || row.status === 'waiting') && row.starts_at > now,
    certificateCode: row.code,
  }));
}
