import type { ColumnType, Generated, Selectable } from 'kysely';
import type { PostalAddress } from '#modules/accounts/index.ts';
import type { AccessibilityFeature, Audience, CourseLevel, RegistrationChannel, SupportNeed } from './vocabulary.ts';

/** A day read as 'YYYY-MM-DD' (selected through `to_char`). */
type Day = ColumnType<string, string, string>;
/** PostgreSQL hands `numeric` back as text, to lose no digit. */
type Decimal = ColumnType<string, number, number>;
type Json<T> = ColumnType<T, string, string>;

export type SessionStatus = 'open' | 'held' | 'cancelled';
export type RegistrationStatus = 'placed' | 'waiting' | 'cancelled' | 'dropped';

export type CoursesTables = {
  learning_courses: {
    id: Generated<string>;
    slug: string;
    title: string;
    summary: string;
    description: Generated<string>;
    audience: Audience;
    level: CourseLevel;
    target_group: string;
    competences: Generated<string[]>;
    accessibility: Generated<AccessibilityFeature[]>;
    language: Generated<string>;
    price_cents: Generated<number>;
    provider: string;
    contact_phone: string;
    training_key: string | null;
    published: Generated<boolean>;
    demo: Generated<boolean>;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  learning_sessions: {
    id: Generated<string>;
    course_id: string;
    place: string | null;
    address: string | null;
    online_url: string | null;
    capacity: number;
    min_participants: Generated<number>;
    decide_by: Date;
    trainer_user_id: string | null;
    starts_at: Date;
    ends_at: Date;
    status: Generated<SessionStatus>;
    cancel_reason: string | null;
    confirmed_at: Date | null;
    next_seq: Generated<number>;
    created_at: Generated<Date>;
  };
  learning_meetings: {
    session_id: string;
    starts_at: Date;
    ends_at: Date;
  };
  learning_registrations: {
    id: Generated<string>;
    session_id: string;
    seq: number;
    reference: string;
    user_id: string | null;
    name: string | null;
    email: string | null;
    phone: string | null;
    postal_address: Json<PostalAddress | null> | null;
    language: Generated<'de' | 'en'>;
    support_needs: Generated<SupportNeed[]>;
    support_note: string | null;
    channel: RegistrationChannel;
    registered_by: string | null;
    status: RegistrationStatus;
    placed_at: Date | null;
    call_requested_at: Date | null;
    called_at: Date | null;
    attended: boolean | null;
    reminded_at: Date | null;
    cancelled_at: Date | null;
    created_at: Generated<Date>;
  };
  learning_certificates: {
    code: string;
    registration_id: string | null;
    user_id: string | null;
    holder_name: string;
    course_title: string;
    competences: string[];
    first_day: Day;
    last_day: Day;
    hours: Decimal;
    provider: string;
    issued_at: Generated<Date>;
    /** Set when a corrected attendance list no longer has the holder as present; cleared when it has again. */
    withdrawn_at: Date | null;
  };
  learning_registration_keys: {
    key_hash: string;
    registration_id: string;
    created_at: Generated<Date>;
  };
};

export type Course = Selectable<CoursesTables['learning_courses']>;
export type Session = Selectable<CoursesTables['learning_sessions']>;
export type Meeting = Selectable<CoursesTables['learning_meetings']>;
export type Registration = Selectable<CoursesTables['learning_registrations']>;
export type Certificate = Selectable<CoursesTables['learning_certificates']>;
