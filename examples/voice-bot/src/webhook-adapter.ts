/**
 * A local webhook runner: a {@link ChatAdapter} that receives voice messages over HTTP on 127.0.0.1 and
 * returns the bot's replies in the HTTP response. Use it to try the bot with curl, or as the shape of a
 * real platform webhook.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChatAdapter, TextMessageHandler, VoiceMessageHandler } from './chat-adapter.js';
import { WebhookRequestError, parseWebhookRequest } from './webhook-request.js';

/** Options of {@link WebhookAdapter}. */
export interface WebhookAdapterOptions {
  /** Largest accepted request body in bytes (default 20 MiB) → 413. */
  maxBodyBytes?: number;
  /**
   * True when the bot cannot take another message now (e.g. `() => pool.full` of its recognizer pool): the
   * request is answered 503 with `Retry-After` before its body is read.
   */
  isBusy?: () => boolean;
}

/**
 * `POST /voice` with JSON `{ chatId, audio: <base64>, mimeType }` or multipart/form-data (`chatId`,
 * file `audio`) — or a text message, JSON `{ chatId, text }` or a form field `text` — each with an optional
 * `userId` → 200 `{ chatId, replies: string[] }`; 503 with `Retry-After` before the body is read when
 * `isBusy()` says so. `GET /health` → `{ status: 'ok' }`.
 * Replies sent to a chat outside a request (none in this bot) are kept in {@link WebhookAdapter.outbox}.
 */
export class WebhookAdapter implements ChatAdapter {
  /** Replies that arrived for a chat with no request waiting. */
  readonly outbox = new Map<string, string[]>();
  private handler: VoiceMessageHandler | null = null;
  private textHandler: TextMessageHandler | null = null;
  private readonly collectors = new Map<string, string[][]>();
  private readonly maxBodyBytes: number;
  private readonly isBusy: () => boolean;
  private readonly server: Server;

  constructor(options: WebhookAdapterOptions = {}) {
    this.maxBodyBytes = options.maxBodyBytes ?? 20 * 1024 * 1024;
    this.isBusy = options.isBusy ?? (() => false);
    this.server = createServer((request, response) => void this.handle(request, response));
    this.server.requestTimeout = 30_000; // a client that never finishes its upload is cut off
  }

  /** {@inheritDoc ChatAdapter.onVoiceMessage} */
  onVoiceMessage(handler: VoiceMessageHandler): void {
    this.handler = handler;
  }

  /** {@inheritDoc ChatAdapter.onTextMessage} */
  onTextMessage(handler: TextMessageHandler): void {
    this.textHandler = handler;
  }

  /** {@inheritDoc ChatAdapter.sendReply} */
  async sendReply(chatId: string, text: string): Promise<void> {
    const waiting = this.collectors.get(chatId);
    if (waiting && waiting.length > 0) waiting[waiting.length - 1]!.push(text);
    else this.outbox.set(chatId, [...(this.outbox.get(chatId) ?? []), text]);
  }

  /** Starts listening (default 127.0.0.1, port 0 = any free port); resolves with the base URL. */
  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
    return `http://${host}:${(this.server.address() as AddressInfo).port}`;
  }

  /** Stops the server and drops open connections. */
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    try {
      if (path === '/health' && request.method === 'GET') {
        send(response, 200, { status: 'ok' });
        return;
      }
      if (path !== '/voice') throw new WebhookRequestError(404, `no such endpoint ${path}: POST /voice`);
      if (request.method !== 'POST') throw new WebhookRequestError(405, `/voice accepts POST, not ${request.method}`);
      if (!this.handler) throw new WebhookRequestError(503, 'no bot is attached to this adapter');
      if (this.isBusy())
        throw new WebhookRequestError(503, 'the bot is busy with other messages: retry shortly', {
          'Retry-After': '1',
        });
      const message = await parseWebhookRequest(await this.readBody(request), request.headers['content-type']);
      const replies: string[] = [];
      const stack = this.collectors.get(message.chatId) ?? [];
      stack.push(replies);
      this.collectors.set(message.chatId, stack);
      try {
        if ('text' in message) {
          if (!this.textHandler)
            throw new WebhookRequestError(400, 'this bot takes no text messages: send a voice message as "audio"');
          await this.textHandler(message);
        } else await this.handler(message);
      } finally {
        stack.splice(stack.indexOf(replies), 1);
        if (stack.length === 0) this.collectors.delete(message.chatId);
      }
      send(response, 200, { chatId: message.chatId, replies });
    } catch (error) {
      const status = error instanceof WebhookRequestError ? error.status : 500;
      const message = error instanceof WebhookRequestError ? error.message : 'the webhook failed unexpectedly';
      if (status === 500) console.error('webhook error:', error);
      send(
        response,
        status,
        { error: message },
        !request.complete,
        error instanceof WebhookRequestError ? error.headers : {},
      );
      if (!request.complete) request.resume();
    }
  }

  private readBody(request: IncomingMessage): Promise<Uint8Array> {
    if (Number(request.headers['content-length']) > this.maxBodyBytes) return Promise.reject(this.tooLarge());
    return new Promise((resolve, reject) => {
      const parts: Buffer[] = [];
      let size = 0;
      request.on('data', (part: Buffer) => {
        size += part.length;
        if (size > this.maxBodyBytes) {
          request.removeAllListeners('data');
          reject(this.tooLarge());
        } else parts.push(part);
      });
      request.on('end', () => resolve(new Uint8Array(Buffer.concat(parts))));
      request.on('error', (cause) => reject(new WebhookRequestError(400, `the upload failed: ${cause.message}`)));
    });
  }

  private tooLarge(): WebhookRequestError {
    return new WebhookRequestError(413, `the request is larger than ${this.maxBodyBytes} bytes`);
  }
}

function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  close = false,
  headers: Record<string, string> = {},
): void {
  const text = `${JSON.stringify(body)}\n`;
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
    ...(close ? { Connection: 'close' } : {}),
  });
  response.end(text);
}
