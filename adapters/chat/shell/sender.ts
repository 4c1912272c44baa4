import type { ChatSender, EditRequest, PostRequest, PostResult } from '../../../bot/chat-sender.js';
import type { Clock } from '../../../bot/clock.js';
import type { ButtonTable } from './button-table.js';
import { renderShellMessage } from './render.js';

export interface ShellOutput {
  print(text: string): void;
}

/**
 * The shell as a chat platform: messages the bot posts to `shell:` channels are printed with
 * their channel and number, threads under their parent's number, edits as updates.
 */
export class ShellSender implements ChatSender {
  readonly platform = 'shell';
  private next = 1;

  constructor(
    private readonly output: ShellOutput,
    private readonly buttons: ButtonTable,
    private readonly tz: string,
    private readonly clock: Clock,
  ) {}

  async post(request: PostRequest): Promise<PostResult> {
    const ref = String(this.next++);
    const where = request.threadRef ? `#${request.channelId} › thread of message ${request.threadRef}` : `#${request.channelId}`;
    this.print(`── ${where} ── message ${ref}`, request.key, request.channelId, request);
    return { ref };
  }

  async edit(request: EditRequest): Promise<void> {
    this.print(`── #${request.channelId} ── message ${request.ref} (updated)`, request.key, request.channelId, request);
  }

  private print(header: string, key: string, channelId: string, request: PostRequest | EditRequest): void {
    const body = renderShellMessage(request.message, {
      tz: this.tz,
      now: this.clock.now(),
      numberFor: this.buttons.numbering(key, `shell:${channelId}`),
    });
    this.output.print(`${header}\n${body}`);
  }
}
