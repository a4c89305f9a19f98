import type { ColumnType, Generated, Selectable } from 'kysely';
import type { AccessibilityFeature, Domain, ProviderKind, ResourceKind } from './vocabulary.ts';

/** PostgreSQL hands `numeric` back as text, to lose no digit; coordinates are written as numbers. */
type Coordinate = ColumnType<string | null, number | null | undefined, number | null>;
/** A day read as 'YYYY-MM-DD' (the repo selects it through `to_char`). */
type Day = ColumnType<string | null, string | null | undefined, string | null>;

export type InitiativeStatus = 'unconfirmed' | 'submitted' | 'question' | 'published' | 'rejected' | 'withdrawn';
export type MaintainerStatus = 'pending' | 'active' | 'removed';
export type KeyPurpose = 'confirm' | 'edit' | 'answer';
export type EventStatus = 'published' | 'held' | 'cancelled';
export type RequestStatus = 'received' | 'accepted' | 'declined';

export type InitiativesTables = {
  initiatives: {
    id: Generated<string>;
    slug: string;
    name: string;
    summary: string;
    description: Generated<string>;
    provider_kind: ProviderKind;
    domains: Domain[];
    target_groups: Generated<string[]>;
    districts: Generated<string[]>;
    contact_name: string | null;
    contact_email: string | null;
    contact_phone: string | null;
    website: string | null;
    accessibility: Generated<AccessibilityFeature[]>;
    accessibility_note: string | null;
    languages: Generated<string[]>;
    logo_file_id: string | null;
    logo_alt: string | null;
    meeting_times: string | null;
    address: string | null;
    latitude: Coordinate;
    longitude: Coordinate;
    status: InitiativeStatus;
    moderator_question: string | null;
    proposer_answer: string | null;
    reject_reason: string | null;
    demo: Generated<boolean>;
    language: Generated<'de' | 'en'>;
    submitted_at: Date | null;
    published_at: Date | null;
    confirmed_current_at: Date | null;
    edited_at: Date | null;
    edit_reviewed_at: Date | null;
    /** When the maintainers were last asked to confirm the entry as current (the yearly question). */
    confirm_requested_at: Date | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  initiative_maintainers: {
    id: Generated<string>;
    initiative_id: string;
    name: string | null;
    email: string | null;
    user_id: string | null;
    status: MaintainerStatus;
    email_confirmed_at: Date | null;
    created_at: Generated<Date>;
    approved_at: Date | null;
  };
  initiative_keys: {
    key_hash: string;
    initiative_id: string;
    maintainer_id: string | null;
    purpose: KeyPurpose;
    expires_at: Date;
    created_at: Generated<Date>;
  };
  initiative_feeds: {
    id: Generated<string>;
    initiative_id: string;
    url: string;
    active: Generated<boolean>;
    last_fetched_at: Date | null;
    last_ok_at: Date | null;
    last_error: string | null;
    failures: Generated<number>;
    event_count: Generated<number>;
    held_count: Generated<number>;
    created_at: Generated<Date>;
  };
  initiative_events: {
    id: Generated<string>;
    initiative_id: string;
    feed_id: string | null;
    source_uid: string | null;
    title: string;
    description: Generated<string>;
    location: string | null;
    district: string | null;
    url: string | null;
    accessibility: Generated<AccessibilityFeature[]>;
    starts_at: Date;
    ends_at: Date;
    all_day: Generated<boolean>;
    time_zone: Generated<string>;
    rrule: string | null;
    exdates: Generated<Date[]>;
    status: Generated<EventStatus>;
    sequence: Generated<number>;
    demo: Generated<boolean>;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  initiative_event_occurrences: {
    event_id: string;
    starts_at: Date;
    ends_at: Date;
  };
  initiative_resources: {
    id: Generated<string>;
    slug: string;
    kind: ResourceKind;
    title: string;
    summary: string;
    description: Generated<string>;
    office_slug: string;
    domains: Generated<Domain[]>;
    districts: Generated<string[]>;
    location: string | null;
    capacity: number | null;
    deadline: Day;
    accessibility: Generated<AccessibilityFeature[]>;
    booking_href: string | null;
    dataset_name: string | null;
    active: Generated<boolean>;
    demo: Generated<boolean>;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  initiative_resource_requests: {
    id: Generated<string>;
    reference: string;
    resource_id: string;
    initiative_id: string | null;
    organisation: string | null;
    name: string | null;
    email: string | null;
    phone: string | null;
    message: string;
    wanted_on: Day;
    status: Generated<RequestStatus>;
    answer: string | null;
    handled_at: Date | null;
    handled_by: string | null;
    /** The language the request was written in: its receipt and its answer are mailed in it. */
    language: Generated<'de' | 'en'>;
    created_at: Generated<Date>;
  };
};

export type InitiativeRow = Selectable<InitiativesTables['initiatives']>;
export type EventRow = Selectable<InitiativesTables['initiative_events']>;
export type FeedRow = Selectable<InitiativesTables['initiative_feeds']>;
export type ResourceRow = Selectable<InitiativesTables['initiative_resources']>;
export type RequestRow = Selectable<InitiativesTables['initiative_resource_requests']>;
