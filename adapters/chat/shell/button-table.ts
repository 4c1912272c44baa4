import type { Button } from '../../../bot/model.js';

export interface ShellButton {
  action: string;
  value: string;
  label: string;
  messageKey: string;
  channel: string;
  confirm?: string;
}

/**
 * Numbers every button the shell shows, across all messages, so `click <n>` is unambiguous.
 * An edited message gets new numbers; the old ones stop working, as on a real platform.
 */
export class ButtonTable {
  private next = 1;
  private readonly byNumber = new Map<number, ShellButton>();
  private readonly byMessage = new Map<string, number[]>();

  /** Returns a numbering function for one rendering of the message with `messageKey`. */
  numbering(messageKey: string, channel: string): (button: Button, option?: { label: string; value: string }) => number {
    for (const n of this.byMessage.get(messageKey) ?? []) this.byNumber.delete(n);
    const numbers: number[] = [];
    this.byMessage.set(messageKey, numbers);
    return (button, option) => {
      const n = this.next++;
      numbers.push(n);
      if (button.kind !== 'link') {
        this.byNumber.set(n, {
          action: button.action,
          value: option ? option.value : button.kind === 'action' ? button.value : '',
          label: option ? `${button.label} ${option.label}` : button.label,
          messageKey,
          channel,
          confirm: button.confirm?.text,
        });
      }
      return n;
    };
  }

  get(n: number): ShellButton | undefined {
    return this.byNumber.get(n);
  }
}
