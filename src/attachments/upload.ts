import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BadRequestError } from '../errors.js';
import { FileTooLargeError } from './attachments.js';

/** Lets the routes of this plugin scope take one file per request (`multipart/form-data`), up to `maxBytes`. */
export async function acceptUploads(scope: FastifyInstance, maxBytes: number): Promise<void> {
  await scope.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 4, parts: 5 } });
}

/** The one file of a multipart request, whole, and a `text` field sent before it; refused when there is no file or it is over the limit. */
export async function readUpload(request: FastifyRequest, maxBytes: number): Promise<{ bytes: Buffer; name: string; text?: string }> {
  if (!request.isMultipart()) throw new BadRequestError('Send the file as multipart/form-data, in a field named "file".', 'not_multipart');
  const file = await request.file();
  if (!file) throw new BadRequestError('The request carries no file: send it in a field named "file".', 'no_file');
  const field = file.fields.text;
  const text = field && !Array.isArray(field) && field.type === 'field' ? String(field.value).trim().slice(0, 4000) : '';
  try {
    return { bytes: await file.toBuffer(), name: file.filename, ...(text ? { text } : {}) };
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new FileTooLargeError(maxBytes);
    throw error;
  }
}
