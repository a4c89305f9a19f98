import { finished } from 'node:stream/promises';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { KernelContext } from '../context.ts';
import type { Upload } from '../files/uploads.ts';
import { inputsOf, type FileDef, type FormDef, type FormFile } from './fields.ts';
import { fail, type Parsed } from './text.ts';

/**
 * A file field's upload, as the file store took it while the body was parsed. No upload, or the empty
 * part a browser sends for a field left empty, is "no file"; a refusal of the store becomes the field's
 * error (`file-too-large`, `file-type-not-allowed`, `file-empty`, `file-unreadable`, `file-infected`) with
 * the limit and the accepted types for its message.
 */
export function parseFile(field: FileDef, upload: Upload | undefined): Parsed<FormFile | null> {
  const nothing = !upload || (!upload.result.ok && upload.result.reason === 'empty' && upload.filename === '');
  if (nothing) return field.required ? fail('required') : { ok: true, value: null };
  if (!upload.result.ok) return fail(`file-${upload.result.reason}`, { maxBytes: upload.result.maxBytes, accept: upload.result.accept.join(',') });
  return { ok: true, value: { filename: upload.filename, file: upload.result.file } };
}

/**
 * Options for `@fastify/multipart` in the scope of a route that reads `form`: each of the form's file fields
 * is streamed into the file store with that field's limits and media types while the body is parsed;
 * a file sent under any other name is drained and dropped. The parser's own size limit sits above the
 * store's, so that the store refuses a file too large with its own message rather than cutting it off.
 *
 *     await app.register(fastifyMultipart, multipartFor(ctx, evidenceForm));
 */
export function multipartFor(ctx: KernelContext, form: FormDef) {
  const inputs = [...inputsOf(form)];
  const handlers = new Map<string, (this: FastifyRequest, part: MultipartFile) => Promise<void>>();
  let largest = 0;
  // Each ticked box of a choices field is a field of the body of its own.
  let fields = 5;
  for (const { name, field } of inputs) {
    if (field.kind !== 'file') {
      fields += field.kind === 'choices' ? (field.maxItems ?? field.options?.length ?? 100) : 1;
      continue;
    }
    handlers.set(name, ctx.files.onFile({ accept: field.accept, maxBytes: field.maxBytes }));
    largest = Math.max(largest, field.maxBytes);
  }
  return {
    attachFieldsToBody: 'keyValues' as const,
    limits: { fileSize: 2 * largest, files: handlers.size, fields },
    throwFileSizeLimit: false,
    async onFile(this: FastifyRequest, part: MultipartFile): Promise<void> {
      const handler = handlers.get(part.fieldname);
      if (handler) return handler.call(this, part);
      part.file.resume();
      await finished(part.file);
    },
  };
}

/** The body a route reading `form` must take: every file at its limit, and room for the other fields. */
export function bodyLimitFor(form: FormDef): number {
  let files = 0;
  for (const { field } of inputsOf(form)) if (field.kind === 'file') files += 2 * field.maxBytes;
  return files + 1024 * 1024;
}
