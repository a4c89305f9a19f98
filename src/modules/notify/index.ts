/*
 * What other modules may use of notify. Everything else in this folder is its own business.
 */
export { sendNotification, type NotificationInput, type SendResult, type AttachmentInput } from './service.send.ts';
export { putAttachment, attachmentTypes, maxAttachmentBytes, type AttachmentType } from './attachments.ts';
export type { Channel, DeliveryStatus } from './tables.ts';
export type { RequiredChannel } from './routing.ts';
