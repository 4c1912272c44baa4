import { createInterface, type Interface } from 'node:readline';
import { ButtonTable } from '../adapters/chat/shell/button-table.js';
import { ShellSender, type ShellOutput } from '../adapters/chat/shell/sender.js';
import { ShellSession } from '../adapters/chat/shell/shell-session.js';
import type { App } from './app.js';
import { waitFor } from './shell-wait.js';
import type { StopSignals } from './stop-signals.js';

export interface ShellRunOptions {
  person?: string;
  strict: boolean;
  /** How long piped mode waits for started work to settle after the last line. */
  settleTimeoutMs: number;
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream;
  /** Printed before the first prompt (the address of the HTTP server, the webhook token). */
  banner: string[];
  /** Ctrl-C and SIGTERM: the first stops reading input, so the caller's graceful stop follows. */
  signals: StopSignals;
  /** Where one-line notices (warnings from the log) go once the shell is up. */
  notices?: { attach(print: (text: string) => void): void };
}

/** Runs the shell over an app that is already started; resolves the exit code. */
export async function runShell(app: App, options: ShellRunOptions): Promise<number> {
  const { ops } = app;
  const interactive = Boolean(options.input.isTTY);
  const rl = createInterface({ input: options.input, output: interactive ? options.output : undefined, terminal: interactive });
  const output = interactive ? promptAwareOutput(rl, options.output) : plainOutput(options.output);
  const buttons = new ButtonTable();
  app.addSender(new ShellSender(output, buttons, ops.config.timezone, ops.clock));
  const person = options.person ?? ops.config.shellPerson ?? 'operator';
  const stopping = new Promise<{ ok: boolean; text: string }>((resolve) =>
    options.signals.whenStopping(() => resolve({ ok: false, text: '• Stopped waiting: dayops is stopping.' })),
  );
  const session = new ShellSession({
    router: app.router,
    buttons,
    output,
    clock: ops.clock,
    tz: ops.config.timezone,
    person,
    keyForRef: (channel, ref) => ops.outbox.keyForRef(channel, ref),
    knownPerson: (name) => ops.people.exists(name),
    // A stop while `wait` waits ends the wait, so Ctrl-C is answered at once.
    waitFor: (id) => Promise.race([waitFor(ops, id, options.settleTimeoutMs), stopping]),
  });
  options.notices?.attach((text) => output.print(`! ${text}`));
  for (const line of options.banner) output.print(line);
  // A stop closes the input: the line running now finishes, no further line is read.
  rl.on('SIGINT', () => options.signals.receive('SIGINT'));
  const stopReading = () => rl.close();
  return interactive ? runInteractive(rl, session, stopReading, options) : runPiped(rl, session, app, options, output);
}

async function runInteractive(rl: Interface, session: ShellSession, stopReading: () => void, options: ShellRunOptions): Promise<number> {
  const prompt = () => {
    rl.setPrompt(`${session.speaker}> `);
    rl.prompt();
  };
  onStop(options, stopReading);
  prompt();
  for await (const line of rl) {
    if (/^(quit|exit)$/i.test(line.trim())) break;
    await session.handleLine(line);
    if (options.signals.stopping) break;
    prompt();
  }
  rl.close();
  return 0;
}

async function runPiped(rl: Interface, session: ShellSession, app: App, options: ShellRunOptions, output: ShellOutput): Promise<number> {
  let failed = false;
  onStop(options, () => rl.close());
  for await (const line of rl) {
    if (options.signals.stopping) break;
    if (/^(quit|exit)$/i.test(line.trim())) break;
    if (line.trim() === '') continue;
    output.print(`${session.speaker}> ${line}`);
    if (!(await session.handleLine(line))) failed = true;
    // The messages a line caused print before the next line runs, so the transcript reads in order.
    await app.ops.outbox.settled();
  }
  if (options.signals.stopping) return 0;
  const settled = await settle(app, options.settleTimeoutMs);
  if (!settled) process.stderr.write(`dayops: work was still running after ${options.settleTimeoutMs / 1000} s; exiting anyway.\n`);
  return options.strict && failed ? 1 : 0;
}

/** The first Ctrl-C or SIGTERM stops reading; the caller then stops the app gracefully. */
function onStop(options: ShellRunOptions, stopReading: () => void): void {
  options.signals.whenStopping(() => stopReading());
}

/** Waits until the outbox, running work and the scheduler are all idle at once, or the deadline. */
export async function settle(app: App, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  const { ops } = app;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) return false;
    const idle = (await ops.activity.whenIdle(left)) && (await ops.outbox.whenIdle(Math.max(1, deadline - Date.now())));
    await ops.scheduler.whenIdle();
    if (idle && ops.activity.pending === 0 && (await ops.outbox.depth()) === 0) return true;
    if (!idle) return false;
  }
}

function plainOutput(stream: NodeJS.WritableStream): ShellOutput {
  return { print: (text) => void stream.write(`${text}\n`) };
}

/** Messages that arrive while the prompt is shown are printed above it, and the prompt redrawn. */
function promptAwareOutput(rl: Interface, stream: NodeJS.WritableStream): ShellOutput {
  return {
    print(text) {
      const tty = stream as NodeJS.WriteStream;
      if (typeof tty.clearLine === 'function') {
        tty.clearLine(0);
        tty.cursorTo(0);
      }
      stream.write(`${text}\n`);
      rl.prompt(true);
    },
  };
}
