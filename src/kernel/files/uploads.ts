import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { PutOptions, PutResult } from './types.ts';

export interface Upload {
  /** The name the browser sent, for showing and for the download's name; never for the type. */
  filename: string;
  result: PutResult;
}

/**
 * Results kept beside the request, out of the body: a client can put any field into the body (multipart
 * even parses JSON fields), but not into this map, so no one can pass off another person's file id as
 * their upload.
 */
const uploads = new WeakMap<FastifyRequest, Map<string, Upload>>();

/** An `onFile` handler for @fastify/multipart (`attachFieldsToBody`) that streams each file into the store. */
export function putUploads(put: (source: MultipartFile['file'], options: PutOptions) => Promise<PutResult>, options: PutOptions) {
  return async function (this: FastifyRequest, part: MultipartFile): Promise<void> {
    const result = await put(part.file, options);
    const received = uploads.get(this) ?? new Map<string, Upload>();
    received.set(part.fieldname, { filename: part.filename, result });
    uploads.set(this, received);
  };
}

/** The upload of a file field of this request, if the form sent one. */
export function uploadOf(request: FastifyRequest, field: string): Upload | undefined {
  return uploads.get(request)?.get(field);
}
