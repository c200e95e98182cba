/**
 * Parsing a webhook request body into a {@link VoiceMessage}: JSON `{ chatId, audio: <base64>, mimeType }`
 * or multipart/form-data with fields `chatId`, optional `mimeType`, and a file field `audio` (or `file`) — or
 * into a {@link TextMessage}: JSON `{ chatId, text }` or a form with a `text` field and no file. Both take an
 * optional `userId` (the sender, when a chat has several).
 */
import type { TextMessage, VoiceMessage } from './chat-adapter.js';

/** A bad webhook request: the HTTP status to answer and why. */
export class WebhookRequestError extends Error {
  /** Extra response headers, e.g. `Retry-After`. */
  readonly headers: Record<string, string>;

  constructor(
    readonly status: number,
    message: string,
    headers: Record<string, string> = {},
  ) {
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
 * Parses a webhook body: a voice message when it has audio, else a text message when it has `text`.
 * @throws WebhookRequestError 415 for other content types, 400 for malformed JSON/forms or missing fields
 */
export async function parseWebhookRequest(
  body: Uint8Array,
  contentType: string | undefined,
): Promise<VoiceMessage | TextMessage> {
  const type = (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase(); // split always returns ≥ 1 part
  if (type === 'application/json') return parseJson(body);
  if (type === 'multipart/form-data') return parseForm(body, contentType ?? '');
  throw new WebhookRequestError(
    415,
    `Content-Type ${JSON.stringify(type || '(none)')} is not accepted: send application/json {chatId, audio: base64, mimeType} or multipart/form-data`,
  );
}

function parseJson(body: Uint8Array): VoiceMessage | TextMessage {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    throw new WebhookRequestError(
      400,
      'the body is not valid JSON: expected {"chatId": "…", "audio": "<base64>", "mimeType": "audio/ogg"}',
    );
  }
  const fields = (value ?? {}) as Record<string, unknown>;
  const chatId = chatIdOf(fields.chatId);
  const userId = userIdOf(fields.userId);
  if (fields.audio === undefined && typeof fields.text === 'string') return { chatId, ...userId, text: fields.text };
  if (typeof fields.audio !== 'string' || fields.audio.length === 0) {
    throw new WebhookRequestError(
      400,
      '"audio" must be the voice message as a non-empty base64 string (or send "text" for a text message)',
    );
  }
  if (!BASE64.test(fields.audio)) throw new WebhookRequestError(400, '"audio" is not valid base64');
  const mimeType = typeof fields.mimeType === 'string' ? fields.mimeType : undefined;
  const fileName = typeof fields.fileName === 'string' ? fields.fileName : undefined;
  return { chatId, ...userId, audio: new Uint8Array(Buffer.from(fields.audio, 'base64')), mimeType, fileName };
}

async function parseForm(body: Uint8Array, contentType: string): Promise<VoiceMessage | TextMessage> {
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch (cause) {
    throw new WebhookRequestError(400, `the multipart/form-data body could not be parsed: ${(cause as Error).message}`);
  }
  const file = (form.get('audio') ?? form.get('file')) as unknown;
  const text = form.get('text');
  const userId = userIdOf(form.get('userId') ?? undefined);
  if (file === null && typeof text === 'string') return { chatId: chatIdOf(form.get('chatId')), ...userId, text };
  if (file === null || typeof file === 'string') {
    throw new WebhookRequestError(400, 'the form needs the voice message as a file field named "audio" (or "file")');
  }
  const part = file as FormFile;
  const mimeType = form.get('mimeType');
  return {
    chatId: chatIdOf(form.get('chatId')),
    ...userId,
    audio: new Uint8Array(await part.arrayBuffer()),
    mimeType: typeof mimeType === 'string' ? mimeType : part.type || undefined,
    fileName: part.name || undefined,
  };
}

/** `{ userId }` when the request names the sender, `{}` when not. */
function userIdOf(value: unknown): { userId?: string } {
  if (value === undefined) return {};
  if ((typeof value === 'string' && value.trim() !== '') || (typeof value === 'number' && Number.isFinite(value)))
    return { userId: String(value) };
  throw new WebhookRequestError(400, '"userId" must be a string or number naming the sender, when given');
}

function chatIdOf(value: unknown): string {
  if ((typeof value === 'string' && value.trim() !== '') || (typeof value === 'number' && Number.isFinite(value)))
    return String(value);
  throw new WebhookRequestError(400, '"chatId" is required (a string or number naming the chat to reply to)');
}
