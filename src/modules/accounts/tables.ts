import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Timestamp } from '#kernel/db/tables.ts';

export type Channel = 'digital' | 'letter' | 'both';
export type ConsentDecision = 'given' | 'withdrawn';
/** How the person gave or withdrew it: on the platform, at the counter, by phone or by letter (entered by staff). */
export type ConsentChannel = 'online' | 'counter' | 'phone' | 'letter';
export type TokenPurpose = 'verify-email' | 'reset-password' | 'invite' | 'change-email';

export type AccountsTables = {
  users: {
    id: Generated<string>;
    kind: 'citizen' | 'staff';
    email: string | null;
    email_verified_at: Timestamp | null;
    password_hash: string | null;
    display_name: string;
    totp_secret: string | null;
    totp_confirmed_at: Timestamp | null;
    totp_last_step: ColumnType<number | null, number | null | undefined, number | null>;
    preferred_channel: Generated<Channel>;
    language: Generated<'de' | 'en'>;
    simplified_language: Generated<boolean>;
    street: string | null;
    house_number: string | null;
    postal_code: string | null;
    city: string | null;
    /** A new address waiting for its confirmation link to be followed; the account keeps `email` till then. */
    pending_email: string | null;
    pending_email_requested_at: Timestamp | null;
    disabled_at: Timestamp | null;
    last_login_at: Timestamp | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  /** Empty `scope_kind` and `scope_id` for a role that holds everywhere (a key treats nulls as all different). */
  staff_roles: { user_id: string; role: string; scope_kind: Generated<string>; scope_id: Generated<string> };
  account_tokens: {
    token_hash: string;
    user_id: string;
    purpose: TokenPurpose;
    expires_at: Timestamp;
    used_at: Timestamp | null;
    created_at: Generated<Date>;
  };
  /** Failed sign-ins and account mails counted per keyed hash of what they concern; see throttle.ts. */
  account_throttles: { key_hash: string; hits: number; first_hit_at: Timestamp; last_hit_at: Timestamp; not_before: Timestamp | null };
  recovery_codes: { user_id: string; code_hash: string; used_at: Timestamp | null; created_at: Generated<Date> };
  oidc_identities: { issuer: string; subject: string; user_id: string; created_at: Generated<Date> };
  api_clients: {
    id: Generated<string>;
    name: string;
    token_hash: string;
    scopes: string[];
    created_at: Generated<Date>;
    revoked_at: Timestamp | null;
    last_used_at: Timestamp | null;
  };
  /** Append-only (a trigger refuses updates); see repo.consent.ts. */
  consent_ledger: {
    id: Generated<string>;
    module: string;
    subject_type: string;
    subject_id: string;
    user_id: string | null;
    purpose: string;
    decision: ConsentDecision;
    wording: string;
    language: string;
    channel: ConsentChannel;
    recorded_by: string | null;
    recorded_at: Generated<Date>;
  };
};

export type User = Selectable<AccountsTables['users']>;
