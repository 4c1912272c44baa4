/** Longer lines are cut; a deploy tool that prints a megabyte on one line should not reach chat. */
const MAX_LINE = 400;
/** At most this many lines go into one thread reply; the rest are counted. */
const MAX_LINES_PER_POST = 40;

/** Output lines gathered between two posts into a deployment's thread. */
export class LogBuffer {
  private lines: string[] = [];
  timer: ReturnType<typeof setTimeout> | undefined;

  push(line: string): void {
    this.lines.push(line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line);
  }

  /** Takes every gathered line; empty when there is nothing to post. */
  take(): string[] {
    const out = this.lines;
    this.lines = [];
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    return out;
  }
}

/** The text of one thread reply for `lines`. */
export function logPost(lines: string[]): string {
  const shown = lines.slice(-MAX_LINES_PER_POST);
  const skipped = lines.length - shown.length;
  return `${skipped > 0 ? `… ${skipped} earlier lines\n` : ''}${shown.join('\n')}`;
}
