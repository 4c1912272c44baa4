import type { ChatSender, EditRequest, PostRequest, PostResult } from '../../../bot/chat-sender.js';
import type { Logger } from '../../../bot/log.js';
import { renderShellMessage } from './render.js';

/**
 * `dayops serve` runs no shell, yet the demo config routes messages to `shell:` channels; they go
 * to the log instead of waiting forever for a terminal.
 */
export class LogSender implements ChatSender {
  readonly platform = 'shell';
  private next = 1;

  constructor(
    private readonly log: Logger,
    private readonly tz: string,
  ) {}

  async post(request: PostRequest): Promise<PostResult> {
    const ref = String(this.next++);
    this.log.info({ channel: `shell:${request.channelId}`, key: request.key, ref, thread: request.threadRef }, this.text(request));
    return { ref };
  }

  async edit(request: EditRequest): Promise<void> {
    this.log.info({ channel: `shell:${request.channelId}`, key: request.key, ref: request.ref, edit: true }, this.text(request));
  }

  private text(request: PostRequest | EditRequest): string {
    return renderShellMessage(request.message, { tz: this.tz, now: new Date(), numberFor: () => 0 }).replace(/\[0\] /g, '');
  }
}
