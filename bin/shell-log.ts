import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { ChatPlatformInfo } from '../bot/config/chat-platform.js';
import { createLogger, type Logger } from '../bot/log.js';

/** One-line notices for the shell: what a warning said, never a JSON line between prompts. */
export class ShellNotices {
  private print: ((text: string) => void) | undefined;
  private readonly early: string[] = [];
  private readonly seen = new Set<string>();

  readonly stream = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) this.notice(line);
      done();
    },
  });

  attach(print: (text: string) => void): void {
    this.print = print;
    for (const text of this.early.splice(0)) print(text);
  }

  private notice(json: string): void {
    let text: string;
    try {
      const entry = JSON.parse(json) as { msg?: string; platform?: string };
      text = `${entry.msg ?? 'a warning was logged'}${entry.platform ? ` (${entry.platform})` : ''}`;
    } catch {
      text = json;
    }
    // The same warning once a session is enough: the log file has every occurrence.
    if (this.seen.has(text)) return;
    this.seen.add(text);
    if (this.print) this.print(text);
    else this.early.push(text);
  }
}

/**
 * In the shell the log goes to `<dataDir>/dayops.log`; warnings and errors also become one-line
 * notices in the shell. Elsewhere (serve, start with chat) logs go to stderr as usual.
 */
export function shellLogger(dataDir: string, level: string, secrets: readonly string[] = [], platforms: readonly ChatPlatformInfo[] = []): { log: Logger; notices: ShellNotices; file: string } {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'dayops.log');
  const notices = new ShellNotices();
  const streams = pino.multistream([
    { level: level as pino.Level, stream: pino.destination({ dest: file, append: true, sync: true, mkdir: true }) },
    { level: 'warn', stream: notices.stream },
  ]);
  return { log: createLogger(level, streams, secrets, platforms), notices, file };
}
