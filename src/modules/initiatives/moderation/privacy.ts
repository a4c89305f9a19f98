import type { PersonalDataSource, RetentionRule } from '#kernel/module.ts';
import { consentSubjectIds, forgetConsents } from '#modules/accounts/index.ts';
import { initiativesDb } from '../repo.ts';

/*
 * What proposing keeps about people, and for how long: a proposal whose address was never confirmed goes
 * after three days; a rejected entry keeps its contact and its maintainers 90 days after the rejection (to
 * answer a question about it), then only the entry's public facts stay; a link's key goes when it expires.
 */

const day = 86_400_000;
export const unconfirmedDays = 3;
export const rejectedDays = 90;

/** Rejected entries are not changed after the rejection, so their last change is the moment of it. */
const rejectedBefore = (now: Date) => new Date(now.getTime() - rejectedDays * day);

export const moderationRetention: RetentionRule[] = [
  {
    id: 'initiatives.unconfirmed-proposals',
    description: 'initiatives:moderation.retention.unconfirmed',
    descriptionValues: () => ({ days: unconfirmedDays }),
    table: 'initiatives',
    columns: ['contact_name', 'contact_email', 'contact_phone'],
    // Its maintainers and keys go with it (foreign keys cascade), its logo with the file store's rule.
    purge: async (db, now, _config, ctx) => {
      const gone = await initiativesDb(db)
        .deleteFrom('initiatives')
        .where('status', '=', 'unconfirmed')
        .where('created_at', '<', new Date(now.getTime() - unconfirmedDays * day))
        .returning(['id', 'logo_file_id'])
        .execute();
      for (const entry of gone) {
        if (!entry.logo_file_id) continue;
        if (!ctx) throw new Error('initiatives.unconfirmed-proposals needs the kernel context to let go of a logo');
        await ctx.files.removeRefs(db, { module: 'initiatives', kind: 'logo', id: entry.id });
      }
      return gone.length;
    },
  },
  {
    id: 'initiatives.rejected-contacts',
    description: 'initiatives:moderation.retention.rejectedContacts',
    descriptionValues: () => ({ days: rejectedDays }),
    table: 'initiatives',
    columns: ['contact_name', 'contact_email', 'contact_phone'],
    purge: async (db, now) => {
      const result = await initiativesDb(db)
        .updateTable('initiatives')
        .set({ contact_name: null, contact_email: null, contact_phone: null })
        .where('status', '=', 'rejected')
        .where('updated_at', '<', rejectedBefore(now))
        .where((eb) => eb.or([eb('contact_name', 'is not', null), eb('contact_email', 'is not', null), eb('contact_phone', 'is not', null)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  },
  {
    id: 'initiatives.rejected-maintainers',
    description: 'initiatives:moderation.retention.rejectedMaintainers',
    descriptionValues: () => ({ days: rejectedDays }),
    table: 'initiative_maintainers',
    columns: ['name', 'email', 'user_id'],
    purge: async (db, now) => {
      const result = await initiativesDb(db)
        .deleteFrom('initiative_maintainers')
        .where('initiative_id', 'in', (eb) => eb.selectFrom('initiatives').select('id').where('status', '=', 'rejected').where('updated_at', '<', rejectedBefore(now)))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  },
  {
    id: 'initiatives.consents',
    description: 'initiatives:moderation.retention.consents',
    table: 'consent_ledger',
    columns: ['subject_id', 'wording'],
    // A maintainer goes in many ways (with a rejected or unconfirmed entry, removed, refused, with the
    // account); the proof of their consent follows that night.
    purge: async (db) => {
      const recorded = await consentSubjectIds(db, 'initiatives', 'maintainer');
      if (recorded.length === 0) return 0;
      const kept = await initiativesDb(db).selectFrom('initiative_maintainers').select('id').where('id', 'in', recorded).execute();
      const keptIds = new Set(kept.map((row) => row.id));
      return forgetConsents(db, 'initiatives', 'maintainer', recorded.filter((id) => !keptIds.has(id)));
    },
  },
  {
    id: 'initiatives.expired-keys',
    description: 'initiatives:moderation.retention.keys',
    table: 'initiative_keys',
    columns: ['key_hash', 'maintainer_id'],
    purge: async (db, now) => {
      const result = await initiativesDb(db).deleteFrom('initiative_keys').where('expires_at', '<', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  },
];

/** The entries a person with an account keeps (or proposed), with what the hub knows of them there. */
export const moderationPersonalData: PersonalDataSource = {
  export: async (db, userId) => ({
    initiativeMaintainers: await initiativesDb(db)
      .selectFrom('initiative_maintainers as m')
      .innerJoin('initiatives as i', 'i.id', 'm.initiative_id')
      .select(['i.name as initiative', 'i.slug', 'm.name', 'm.email', 'm.user_id', 'm.status', 'm.email_confirmed_at', 'm.created_at', 'm.approved_at'])
      .where('m.user_id', '=', userId)
      .orderBy('m.created_at')
      .execute(),
  }),
  // The entry is an organisation's and stays; the person's part in it goes.
  erase: async (db, userId) => {
    await initiativesDb(db).deleteFrom('initiative_maintainers').where('user_id', '=', userId).execute();
  },
};
