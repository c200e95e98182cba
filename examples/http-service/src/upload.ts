/**
 * Turning a request body into the uploaded audio bytes: a raw `audio/*` body, or the file field of a
 * `multipart/form-data` form.
 */
import { HttpError } from './http-error.js';

/** Uploaded audio: its bytes and a name for messages. */
export interface Upload {
  bytes: Uint8Array;
  fileName: string;
}

/** A file part of a parsed form (the WHATWG `File` interface, as far as this module uses it). */
interface UploadedFile {
  name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** Content types `POST /analyze` accepts, for error messages. */
export const ACCEPTED_CONTENT_TYPES = 'audio/* (raw body) or multipart/form-data with a file field';

/** The media type of a `Content-Type` header, lower-cased and without parameters (`''` when absent). */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase(); // split always returns ≥ 1 part
}

/**
 * Throws 415 unless `contentType` is `audio/*` or `multipart/form-data`. Called before the body is read,
 * so a wrong upload is refused without buffering it.
 */
export function assertUploadContentType(contentType: string | undefined): void {
  const type = mediaType(contentType);
  if (type.startsWith('audio/') || type === 'multipart/form-data') return;
  throw new HttpError(
    415,
    'unsupported_media_type',
    `Content-Type ${type === '' ? '(none)' : JSON.stringify(type)} is not accepted: send ${ACCEPTED_CONTENT_TYPES}`,
  );
}

/**
 * Extracts the audio from a body already read. For multipart forms, the field `fieldName` (default
 * `file`) is used, or else the only file in the form.
 * @throws HttpError 400 for a form without a file, or a malformed form
 */
export async function extractUpload(
  body: Uint8Array,
  contentType: string,
  headerFileName?: string,
  fieldName = 'file',
): Promise<Upload> {
  if (mediaType(contentType) !== 'multipart/form-data') {
    return { bytes: body, fileName: headerFileName ?? 'upload' };
  }
  let form: FormData;
  try {
    // The WHATWG Response parser (undici, built into Node) reads multipart/form-data.
    form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch (cause) {
    throw new HttpError(
      400,
      'bad_request',
      `the multipart/form-data body could not be parsed: ${(cause as Error).message}`,
      { cause },
    );
  }
  const files: Array<[string, UploadedFile]> = [];
  form.forEach((value, name) => {
    if (typeof value !== 'string') files.push([name, value]);
  });
  const chosen = files.find(([name]) => name === fieldName) ?? (files.length === 1 ? files[0] : undefined);
  if (chosen === undefined) {
    throw new HttpError(
      400,
      'missing_file',
      files.length === 0
        ? `the form has no file: send the audio in a file field named "${fieldName}"`
        : `the form has ${files.length} files and none is named "${fieldName}"`,
    );
  }
  const [, file] = chosen;
  return { bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name || fieldName };
}
