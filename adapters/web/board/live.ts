import type { Logger } from '../../../bot/log.js';
import type { StreamSink } from '../../http/types.js';

/** How often open pages are looked at again; a change reaches the browser within this and a render. */
export const LIVE_INTERVAL_MS = 400;

interface Watched {
  render: () => Promise<string>;
  clients: Set<Client>;
  last?: string;
}

interface Client {
  sink: StreamSink;
  /** Ends the stream when it returns true (the session expired). */
  expired: () => boolean;
}

/**
 * Server-sent events for open board pages. Each distinct page (path and what its viewer may
 * see) is rendered once per tick however many browsers show it, and sent only when it changed.
 * Re-reading the store rather than listening for events means a change made by another replica
 * shows up too.
 */
export class LiveHub {
  private readonly pages = new Map<string, Watched>();
  private timer?: NodeJS.Timeout;
  private ticking = false;

  constructor(private readonly log: Logger) {}

  watch(key: string, first: string, render: () => Promise<string>, sink: StreamSink, expired: () => boolean): void {
    const watched = this.pages.get(key) ?? { render, clients: new Set<Client>(), last: first };
    this.pages.set(key, watched);
    const client = { sink, expired };
    watched.clients.add(client);
    // The page may have changed between its load and this connection: send what it shows now.
    sink.write(`retry: 2000\n\n${updateEvent(first)}`);
    sink.onClose(() => {
      watched.clients.delete(client);
      if (watched.clients.size === 0) this.pages.delete(key);
      if (this.pages.size === 0) this.stopTimer();
    });
    this.timer ??= setInterval(() => void this.tick(), LIVE_INTERVAL_MS).unref();
  }

  get watching(): number {
    let n = 0;
    for (const w of this.pages.values()) n += w.clients.size;
    return n;
  }

  stop(): void {
    this.stopTimer();
    for (const w of this.pages.values()) for (const c of w.clients) c.sink.end();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      for (const watched of [...this.pages.values()]) await this.refresh(watched);
    } finally {
      this.ticking = false;
    }
  }

  private async refresh(watched: Watched): Promise<void> {
    for (const c of [...watched.clients]) {
      if (c.expired()) {
        c.sink.write('event: signedout\ndata: expired\n\n');
        c.sink.end();
      }
    }
    if (watched.clients.size === 0) return;
    let text: string;
    try {
      text = await watched.render();
    } catch (err) {
      // A store outage: the page keeps what it shows, and the next tick tries again.
      this.log.warn({ err }, 'a live board page could not be rendered');
      return;
    }
    if (text === watched.last) return;
    watched.last = text;
    const event = updateEvent(text);
    for (const c of watched.clients) c.sink.write(event);
  }
}

function updateEvent(text: string): string {
  return `event: update\n${text.split(/\r\n|\r|\n/).map((line) => `data: ${line}`).join('\n')}\n\n`;
}
