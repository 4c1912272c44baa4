import WebSocket from 'ws';
import type { Logger } from '../../../bot/log.js';

/** An event of Mattermost's WebSocket API (`posted`, `hello`, …). */
export interface SocketEvent {
  event: string;
  data: Record<string, unknown>;
  broadcast?: Record<string, unknown>;
}

export interface SocketOptions {
  url: string;
  token: string;
  onEvent(event: SocketEvent): void;
  log: Logger;
  /** The first wait before reconnecting; it doubles up to `maxDelayMs` and resets once connected. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * The WebSocket API: connects, answers the authentication challenge with the bot token, hands
 * every event on, and reconnects with backoff whenever the connection drops, until stopped.
 */
export class MattermostSocket {
  private ws: WebSocket | undefined;
  private timer: NodeJS.Timeout | undefined;
  private failures = 0;
  private stopped = false;
  private seq = 1;

  constructor(private readonly options: SocketOptions) {}

  start(): void {
    this.stopped = false;
    this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const ws = this.ws;
    if (!ws || ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      ws.once('close', () => resolve());
      ws.close();
    });
  }

  private connect(): void {
    const ws = new WebSocket(this.options.url);
    this.ws = ws;
    ws.on('open', () => ws.send(JSON.stringify({ seq: this.seq++, action: 'authentication_challenge', data: { token: this.options.token } })));
    ws.on('message', (raw) => this.receive(String(raw)));
    ws.on('error', (err) => this.options.log.warn({ err: err.message }, 'the Mattermost WebSocket failed; reconnecting'));
    ws.on('close', () => this.reconnect());
  }

  private receive(raw: string): void {
    let message: Partial<SocketEvent> & { status?: string; seq_reply?: number; error?: unknown };
    try {
      message = JSON.parse(raw) as typeof message;
    } catch {
      return;
    }
    if (message.status === 'FAIL') this.options.log.warn({ error: message.error }, 'Mattermost refused the WebSocket authentication: check MATTERMOST_BOT_TOKEN');
    if (typeof message.event !== 'string') return;
    if (message.event === 'hello') this.failures = 0;
    this.options.onEvent({ event: message.event, data: message.data ?? {}, ...(message.broadcast ? { broadcast: message.broadcast } : {}) });
  }

  private reconnect(): void {
    if (this.stopped) return;
    const min = this.options.minDelayMs ?? 500;
    const wait = Math.min(this.options.maxDelayMs ?? 30_000, min * 2 ** this.failures);
    this.failures++;
    this.options.log.info({ waitMs: wait }, 'the Mattermost WebSocket closed; reconnecting');
    this.timer = setTimeout(() => this.connect(), wait);
  }
}
