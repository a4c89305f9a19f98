import { finished } from 'node:stream/promises';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { KernelContext } from '#kernel/context.ts';
import { inputsOf } from '#kernel/forms/fields.ts';
import { cookieName, cookieOptions } from '#kernel/http/cookies.ts';
import { settingsOf } from '#kernel/settings.ts';
import { mayOpenDraft } from './access.ts';
import { pageForm } from './definition/pages.ts';
import { findDraft } from './repo.drafts.ts';
import { applicationsDb } from './repo.forms.ts';
import { formVersion } from './service.forms.ts';
import { applicationsSettings } from './settings.ts';

/*
 * The guest's key to a draft lives in a cookie of its own per draft (`antrag-<id>`), httpOnly and, over
 * https, `__Host-`: the page cache never stores a response that sets it, and no other site can read it.
 */

const draftCookie = (ctx: KernelContext, draftId: string) => cookieName(ctx.config, `antrag-${draftId}`);

export function draftSecret(ctx: KernelContext, request: FastifyRequest, draftId: string): string | undefined {
  return request.cookies[draftCookie(ctx, draftId)];
}

export function keepDraftSecret(ctx: KernelContext, reply: FastifyReply, draftId: string, secret: string): void {
  const days = settingsOf(ctx, applicationsSettings).APPLICATION_DRAFT_DAYS;
  reply.setCookie(draftCookie(ctx, draftId), secret, { ...cookieOptions(ctx.config), maxAge: days * 86_400 });
}

/** Largest file a form may take (the definition's schema allows 20 MB); the parser's own limit sits above it. */
export const largestUpload = 20 * 1024 * 1024;

/**
 * Options for `@fastify/multipart` on the pages of a draft: a file input of the page being posted goes into
 * the file store with its field's media types and size limit; anything else is drained and dropped. The
 * draft is looked up (and the asker's right to it checked) before a byte is stored.
 */
export function pageUploads(ctx: KernelContext) {
  const drop = async (part: MultipartFile) => {
    part.file.resume();
    await finished(part.file);
  };
  return {
    attachFieldsToBody: 'keyValues' as const,
    limits: { fileSize: 2 * largestUpload, files: 40, fields: 1000 },
    throwFileSizeLimit: false,
    async onFile(this: FastifyRequest, part: MultipartFile): Promise<void> {
      const { draftId, pageId } = (this.params ?? {}) as { draftId?: string; pageId?: string };
      const draft = draftId ? await findDraft(applicationsDb(ctx.db), draftId) : undefined;
      if (!draft || !mayOpenDraft(this.actor, draft, draftSecret(ctx, this, draft.id))) return drop(part);
      const form = await formVersion(ctx, draft.form_version_id);
      const page = form?.definition.pages.find((candidate) => candidate.id === pageId);
      if (!form || !page) return drop(part);
      const input = [...inputsOf(pageForm(form.definition, form.namespace, page, draft.answers))].find((candidate) => candidate.name === part.fieldname);
      if (input?.field.kind !== 'file') return drop(part);
      return ctx.files.onFile({ accept: input.field.accept, maxBytes: input.field.maxBytes }).call(this, part);
    },
  };
}
