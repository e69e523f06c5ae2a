// Multipart bodies for the website and the API alike: fields become the body; files are kept in
// memory — up to the upload limit, marked `tooLarge` beyond it (the service answers 413 next to the
// field) — only for the fields the route names in `config.uploads`; any other file is drained unread.
import type { FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import { IMAGE_SIZE_LIMIT, type UploadedFile } from '@microposts/core';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The multipart file fields this route takes. */
    uploads?: string[];
  }
}

export type ReceivedFile = UploadedFile & { tooLarge: boolean };

const received = new WeakMap<FastifyRequest, Record<string, ReceivedFile>>();

/** The files a request uploaded, by field (only fields its route takes; an empty file input is no file). */
export function uploadedFiles(request: FastifyRequest): Record<string, ReceivedFile> {
  return received.get(request) ?? {};
}

/** Options of @fastify/multipart for a context (the website's, the API's). */
export const multipartOptions = {
  attachFieldsToBody: 'keyValues' as const,
  // Past the limit the file is cut and marked, not thrown: the answer names the field.
  throwFileSizeLimit: false,
  // Four images and the two profile pictures at most; a status's fields and a few more.
  limits: { fields: 200, fileSize: IMAGE_SIZE_LIMIT, files: 6, parts: 300 },
  async onFile(this: FastifyRequest, part: MultipartFile) {
    if (!(this.routeOptions.config.uploads ?? []).includes(part.fieldname)) {
      part.file.resume();
      return;
    }
    const bytes = await part.toBuffer();
    if (!part.filename && bytes.length === 0) return;
    let files = received.get(this);
    if (!files) received.set(this, (files = {}));
    files[part.fieldname] = {
      bytes,
      filename: part.filename,
      mimetype: part.mimetype,
      tooLarge: part.file.truncated,
    };
  },
};
