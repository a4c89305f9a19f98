import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Timestamp } from '#kernel/db/tables.ts';
import type { Answers } from './definition/answers.ts';
import type { FormDefinition } from './definition/schema.ts';

type Json<T> = ColumnType<T, T | string, T | string>;

export type FormVersionStatus = 'draft' | 'published' | 'retired';
/** How an application reached the city; staff entering one for someone record the channel it came by. */
export const caseChannels = ['online', 'paper', 'phone', 'counter'] as const;
export type CaseChannel = (typeof caseChannels)[number];
export type MessageKind = 'to-applicant' | 'from-applicant' | 'note';

/** What the case knows of the person who applied, as given for this case. */
export interface Applicant {
  name: string;
  email: string | null;
  phone: string | null;
  postalAddress: { street: string; houseNumber: string; postalCode: string; city: string } | null;
  language: 'de' | 'en';
  /** The eIDAS level the identity provider vouched for when the person signed in to apply, if they did. */
  identityAssurance?: 'low' | 'substantial' | 'high';
}

export type ApplicationsTables = {
  application_form_versions: {
    id: Generated<string>;
    form_key: string;
    version: number;
    definition: Json<FormDefinition>;
    status: FormVersionStatus;
    service_slug: string | null;
    created_at: Generated<Date>;
    created_by: string | null;
    published_at: Timestamp | null;
    published_by: string | null;
  };
  application_drafts: {
    id: Generated<string>;
    form_version_id: string;
    user_id: string | null;
    secret_hash: string | null;
    guest_email: string | null;
    resume_hash: string | null;
    answers: Json<Answers>;
    last_page: string | null;
    channel: Generated<CaseChannel>;
    entered_by: string | null;
    created_at: Generated<Date>;
    updated_at: Timestamp;
    resume_sent_at: Timestamp | null;
  };
  application_cases: {
    id: Generated<string>;
    reference: string;
    draft_id: string | null;
    form_version_id: string;
    form_key: string;
    service_slug: string | null;
    office_id: string;
    user_id: string | null;
    secret_hash: string | null;
    applicant: Json<Applicant>;
    answers: Json<Answers>;
    status: string;
    channel: CaseChannel;
    entered_by: string | null;
    assigned_to: string | null;
    payment_status: Generated<'none' | 'open' | 'paid'>;
    receipt_file_id: string | null;
    submitted_at: Generated<Date>;
    updated_at: Timestamp;
    closed_at: Timestamp | null;
    retention_days: number;
  };
  application_messages: {
    id: Generated<string>;
    case_id: string;
    kind: MessageKind;
    body: string;
    author_id: string | null;
    author_name: string | null;
    created_at: Generated<Date>;
  };
  /** One request for information to the applicant: the day to answer by, and when it was answered or reminded. */
  application_information_requests: {
    id: Generated<string>;
    case_id: string;
    /** `YYYY-MM-DD`, a day in Berlin. */
    reply_by: ColumnType<string, string, string>;
    requested_at: Generated<Date>;
    answered_at: Timestamp | null;
    reminded_at: Timestamp | null;
  };
  /** A document the applicant sent after the application, with the message it came with. */
  application_case_documents: {
    id: Generated<string>;
    case_id: string;
    message_id: string | null;
    file_id: string;
    filename: string;
    media_type: string;
    bytes: number;
    created_at: Generated<Date>;
  };
};

export type FormVersionRow = Selectable<ApplicationsTables['application_form_versions']>;
export type DraftRow = Selectable<ApplicationsTables['application_drafts']>;
export type CaseRow = Selectable<ApplicationsTables['application_cases']>;
