/**
 * Parsing a webhook request body into a {@link VoiceMessage}: JSON `{ chatId, audio: <base64>, mimeType }`
 * or multipart/form-data with fields `chatId`, optional `mimeType`, and a file field `audio` (or `file`).
 */
import type { VoiceMessage } from './chat-adapter.js';

/** A bad webhook request: the HTTP status to answer and why. */
export class WebhookRequestError extends Error {
  /** Extra response headers, e.g. `Retry-After`. */
  readonly headers: Record<string, string>;

  constructor(readonly status: number, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.headers = headers;
    this.name = 'WebhookRequestError';
  }
}

const BASE64 = /^[A-Za-z0-9+/\-_\s]*={0,2}\s*$/;

/** A file part of a parsed form (the WHATWG `File` interface, as far as this module uses it). */
interface FormFile {
  name: string;
  type: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * Parses a webhook body.
 * @throws WebhookRequestError 415 for other content types, 400 for malformed JSON/forms or missing fields
 */
export async function parseWebhookRequest(body: Uint8Array, contentType: string | undefined): Promise<VoiceMessage> {
  const type = (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase(); // split always returns ≥ 1 part
  if (type === 'application/json') return parseJson(body);
  if (type === 'multipart/form-data') return parseForm(body, contentType ?? '');
  throw new WebhookRequestError(415,
    `Content-Type ${JSON.stringify(type || '(none)')} is not accepted: send application/json {chatId, audio: base64, mimeType} or multipart/form-data`);
}

function parseJson(body: Uint8Array): VoiceMessage {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    throw new WebhookRequestError(400, 'the body is not valid JSON: expected {"chatId": "…", "audio": "<base64>", "mimeType": "audio/ogg"}');
  }
  const fields = (value ?? {}) as Record<string, unknown>;
  const chatId = chatIdOf(fields.chatId);
  if (typeof fields.audio !== 'string' || fields.audio.length === 0) {
    throw new WebhookRequestError(400, '"audio" must be the voice message as a non-empty base64 string');
  }
  if (!BASE64.test(fields.audio)) throw new WebhookRequestError(400, '"audio" is not valid base64');
  const mimeType = typeof fields.mimeType === 'string' ? fields.mimeType : undefined;
  const fileName = typeof fields.fileName === 'string' ? fields.fileName : undefined;
  return { chatId, audio: new Uint8Array(Buffer.from(fields.audio, 'base64')), mimeType, fileName };
}

async function parseForm(body: Uint8Array, contentType: string): Promise<VoiceMessage> {
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch (cause) {
    throw new WebhookRequestError(400, `the multipart/form-data body could not be parsed: ${(cause as Error).message}`);
  }
  const file = (form.get('audio') ?? form.get('file')) as unknown;
  if (file === null || typeof file === 'string') {
    throw new WebhookRequestError(400, 'the form needs the voice message as a file field named "audio" (or "file")');
  }
  const part = file as FormFile;
  const mimeType = form.get('mimeType');
  return {
    chatId: chatIdOf(form.get('chatId')),
    audio: new Uint8Array(await part.arrayBuffer()),
    mimeType: typeof mimeType === 'string' ? mimeType : part.type || undefined,
    fileName: part.name || undefined,
  };
}

function chatIdOf(value: unknown): string {
  if ((typeof value === 'string' && value.trim() !== '') || (typeof value === 'number' && Number.isFinite(value))) return String(value);
  throw new WebhookRequestError(400, '"chatId" is required (a string or number naming the chat to reply to)');
}
