import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Timestamp } from '#kernel/db/tables.ts';
import type { PostalAddress } from '#modules/accounts/index.ts';
import type { Placeholder } from './templates.ts';

export type Channel = 'email' | 'letter' | 'inbox';
export type DeliveryStatus = 'created' | 'sending' | 'delivered' | 'failed' | 'printed' | 'posted' | 'returned';
export const deliveryStatuses: readonly DeliveryStatus[] = ['created', 'sending', 'delivered', 'failed', 'printed', 'posted', 'returned'];
export type BatchStatus = 'created' | 'printed' | 'posted';

type Json<T> = ColumnType<T, T | string, T | string>;

export type NotifyTables = {
  notify_templates: {
    purpose: string;
    title_de: string;
    title_en: string;
    required_channel: 'email' | 'letter' | null;
    placeholders: Json<Placeholder[]>;
    created_at: Generated<Date>;
  };
  notify_template_versions: {
    purpose: string;
    version: number;
    subject_de: string;
    body_de: string;
    subject_en: string;
    body_en: string;
    created_at: Generated<Date>;
    created_by: string;
    created_by_name: string | null;
  };
  notify_messages: {
    id: Generated<string>;
    reference: string;
    cause: string;
    purpose: string;
    template_version: number;
    user_id: string | null;
    recipient_name: string | null;
    email: string | null;
    postal_address: Json<PostalAddress> | null;
    language: 'de' | 'en';
    subject: string | null;
    body: string | null;
    link: string | null;
    /** A formal document: the inbox keeps it as a PDF of its letter, the e-mail only says it is ready. */
    document: Generated<boolean>;
    created_by: string;
    created_at: Generated<Date>;
    read_at: Timestamp | null;
    content_deleted_at: Timestamp | null;
  };
  notify_attachments: {
    id: Generated<string>;
    message_id: string;
    position: number;
    filename: string;
    content_type: string;
    size: number;
    /** The content in the kernel's file store; null only for a row written before the store, until it is moved. */
    file_id: string | null;
    /** Bytes of a row written before the file store; emptied when `notify.move-stored-files` moves them. */
    content: Buffer | null;
    /** The message's own letter as a PDF (a document's), not an enclosure sent with it. */
    document: Generated<boolean>;
  };
  notify_print_batches: {
    id: Generated<string>;
    reference: string;
    status: Generated<BatchStatus>;
    letters: number;
    pages: number;
    /** The letters and the manifest in the kernel's file store; null once deleted, or while the batch is made again. */
    pdf_file_id: string | null;
    manifest_file_id: string | null;
    /** Files of a batch made before the file store, until `notify.move-stored-files` moves them. */
    pdf: Buffer | null;
    manifest: string | null;
    created_by: string;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
    printed_at: Timestamp | null;
    /** A letter was taken out while the batch waited for print; the PDF and list are being made again. */
    remake_pending: Generated<boolean>;
    revision: Generated<number>;
  };
  notify_deliveries: {
    id: Generated<string>;
    message_id: string;
    channel: Channel;
    status: Generated<DeliveryStatus>;
    attempts: Generated<number>;
    lease_until: Timestamp | null;
    batch_id: string | null;
    batch_position: number | null;
    batch_pages: number | null;
    last_error: string | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  notify_delivery_events: {
    id: Generated<number>;
    delivery_id: string;
    at: Generated<Date>;
    status: string;
    detail: string | null;
    actor_label: string;
  };
};

export type Message = Selectable<NotifyTables['notify_messages']>;
export type Delivery = Selectable<NotifyTables['notify_deliveries']>;
export type TemplateVersion = Selectable<NotifyTables['notify_template_versions']>;
export type Template = Selectable<NotifyTables['notify_templates']>;
