import type { Clock } from '../../../bot/clock.js';
import type { Actor, ActionInput, CommandInput, Reply, ThreadReplyInput } from '../../../bot/model.js';
import type { ButtonTable } from './button-table.js';
import { renderShellMessage } from './render.js';
import type { ShellOutput } from './sender.js';

/** The part of the router the shell needs. */
export interface ShellRouter {
  handleCommand(input: CommandInput): Promise<Reply>;
  handleAction(input: ActionInput): Promise<Reply>;
  handleThreadReply(input: ThreadReplyInput): Promise<Reply | undefined>;
}

export interface ShellSessionOptions {
  router: ShellRouter;
  buttons: ButtonTable;
  output: ShellOutput;
  clock: Clock;
  tz: string;
  /** The dayops person the shell speaks as. */
  person: string;
  /** Where commands typed here are said to come from. */
  channel?: string;
  /** Finds the key of a message the shell printed, for `reply <n> <text>`. */
  keyForRef(channel: string, ref: string): Promise<string | undefined>;
  knownPerson(name: string): boolean;
  /**
   * `wait [id]`: resolves once that deployment or run has ended (or, with no id, once all
   * running work has) and its messages are printed; the answer is the line to show.
   */
  waitFor(id: string | undefined): Promise<{ ok: boolean; text: string }>;
}

export const SHELL_HELP = [
  'Shell only:',
  '  click <n>             press button number n',
  '  reply <n> <text>      answer in the thread of message n (incidents, deployments)',
  '  wait [DEP-n|RUN-n]    wait until that deploy or run has ended (all running work without an id)',
  '  as <person>           speak as someone else (the shell trusts its operator)',
  '  quit                  leave',
].join('\n');

/** One line at a time: shell verbs here, everything else to the router. */
export class ShellSession {
  private person: string;
  private readonly channel: string;
  private presses = 0;
  private replies = 0;

  constructor(private readonly options: ShellSessionOptions) {
    this.person = options.person;
    this.channel = options.channel ?? 'shell:ops';
  }

  get speaker(): string {
    return this.person;
  }

  /** Handles one line; resolves false when the line failed or was refused. */
  async handleLine(line: string): Promise<boolean> {
    const text = line.trim();
    if (text === '' || text.startsWith('#')) return true;
    const [verb, ...rest] = text.split(/\s+/);
    switch (verb!.toLowerCase()) {
      case 'as':
        return this.switchPerson(rest[0]);
      case 'click':
        return this.click(rest[0]);
      case 'reply':
        return this.reply(rest[0], text.replace(/^\S+\s+\S+\s*/, ''));
      case 'wait': {
        const answer = await this.options.waitFor(rest[0]);
        this.options.output.print(answer.text);
        return answer.ok;
      }
      default: {
        const answer = await this.options.router.handleCommand({ actor: this.actor(), place: { channel: this.channel }, text });
        this.show(answer);
        if (/^help\s*$/i.test(text)) this.options.output.print(SHELL_HELP);
        return !answer.failed;
      }
    }
  }

  private actor(): Actor {
    return { platform: 'shell', userId: this.person, displayName: this.person, person: this.person };
  }

  private switchPerson(name: string | undefined): boolean {
    const person = name?.replace(/^@/, '');
    if (!person) {
      this.options.output.print('✖ Say who to speak as: as <person>.');
      return false;
    }
    this.person = person;
    const note = this.options.knownPerson(person) ? '' : ' (not a configured person: a viewer)';
    this.options.output.print(`• You are now ${person}${note}.`);
    return true;
  }

  private async click(arg: string | undefined): Promise<boolean> {
    const n = Number(arg);
    const button = Number.isInteger(n) ? this.options.buttons.get(n) : undefined;
    if (!button) {
      this.options.output.print(`✖ There is no button ${arg ?? ''} on screen; buttons show as [n] under messages.`);
      return false;
    }
    const answer = await this.options.router.handleAction({
      actor: this.actor(),
      place: { channel: button.channel },
      action: button.action,
      value: button.value,
      messageKey: button.messageKey,
      idempotencyKey: `shell:press:${process.pid}:${++this.presses}`,
    });
    this.show(answer);
    return !answer.failed;
  }

  private async reply(ref: string | undefined, text: string): Promise<boolean> {
    const channel = this.channel;
    const key = ref ? await this.findKey(ref) : undefined;
    if (!key || !text) {
      this.options.output.print('✖ Use reply <message number> <text>, with the number of a message the bot posted.');
      return false;
    }
    const answer = await this.options.router.handleThreadReply({ actor: this.actor(), place: { channel, thread: key }, text });
    if (!answer) {
      this.options.output.print('• Nothing follows that thread; the reply was not recorded.');
      return false;
    }
    this.show(answer);
    return !answer.failed;
  }

  private async findKey(ref: string): Promise<string | undefined> {
    for (const channel of [this.channel, 'shell:deploys', 'shell:alerts', 'shell:incidents']) {
      const key = await this.options.keyForRef(channel, ref);
      if (key) return key;
    }
    return undefined;
  }

  private show(answer: Reply): void {
    const body = renderShellMessage(answer.message, {
      tz: this.options.tz,
      now: this.options.clock.now(),
      numberFor: this.options.buttons.numbering(`reply:${++this.replies}`, this.channel),
    });
    this.options.output.print(body);
  }
}
