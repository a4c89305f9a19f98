import { defineForm } from '#kernel/forms/index.ts';
import { longestText } from './service.casework.notes.ts';

/*
 * The applicant's forms on their case page: a reply to the office, with documents when the office asked
 * for information. Documents go through the kernel's file store
 * while the body is parsed (`multipartFor`), with the same checks as uploads in the application's pages.
 */

/** What the office can open and file: the types the shipped forms take for evidence. */
export const documentTypes = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const largestDocument = 10 * 1024 * 1024;

const document = (n: number) => ({ kind: 'file' as const, label: 'applications:follow.reply.document', labelValues: { number: n }, accept: documentTypes, maxBytes: largestDocument });

/** Up to three documents with one reply: a request often asks for more than one thing. */
export const documentFields = ['document1', 'document2', 'document3'] as const;

export const replyForm = defineForm({
  id: 'applications.case-reply',
  fields: {
    message: { kind: 'textarea', label: 'applications:follow.reply.message', hint: 'applications:follow.reply.messageHint', maxLength: longestText },
    document1: document(1),
    document2: document(2),
    document3: document(3),
  },
});

/** The reply as shown when no information is requested: the message only. */
export const messageOnly = defineForm({ id: 'applications.case-reply', fields: { message: replyForm.fields.message } });
