import type { ArgSpec, RawArgs } from '../command.js';
import { badInput } from '../errors.js';
import type { Span, Token } from './tokenize.js';

/**
 * Reads the words after a command's name into raw arguments by the command's ArgSpec list.
 * `source` is the whole line the tokens came from: rest-of-line arguments are cut out of it as
 * typed. Problems are UserErrors with one plain sentence; validation comes later.
 */
export function readArgs(specs: readonly ArgSpec[], tokens: readonly Token[], source: string): RawArgs {
  const reader = new ArgReader(specs, tokens, source);
  return reader.read();
}

class ArgReader {
  private readonly raw: RawArgs = {};
  private readonly positionals: ArgSpec[];
  private nextPositional = 0;
  private i = 0;

  constructor(
    private readonly specs: readonly ArgSpec[],
    private readonly tokens: readonly Token[],
    private readonly source: string,
  ) {
    this.positionals = specs.filter((s) => s.kind === 'positional');
  }

  read(): RawArgs {
    while (this.i < this.tokens.length) {
      const token = this.tokens[this.i]!;
      if (token.flag !== undefined) this.readFlag(token, token.flag);
      else this.readPositional(token);
    }
    return this.raw;
  }

  private readFlag(token: Token, flag: string): void {
    const spec = this.specs.find((s) => s.kind === 'flag' && s.name.toLowerCase() === flag);
    if (!spec) throw badInput(`There is no option --${flag}${this.flagHint()}.`);
    this.i++;
    if (spec.type === 'boolean') {
      if (token.inline) throw badInput(`--${spec.name} takes no value; write just --${spec.name}.`);
      this.store(spec, true);
      return;
    }
    const value = this.flagValue(spec, token.inline);
    if (value === undefined) throw badInput(`--${spec.name} needs a value.`);
    this.store(spec, value);
  }

  private flagValue(spec: ArgSpec, inline: Span | undefined): string | undefined {
    const given = inline && (inline.quoted || inline.value !== '') ? inline : undefined;
    if (spec.rest) return this.takeRest(given);
    if (given) return given.value;
    const next = this.tokens[this.i];
    if (!next || next.flag !== undefined) return undefined;
    this.i++;
    return next.value;
  }

  private readPositional(token: Token): void {
    const spec = this.positionals[this.nextPositional];
    if (!spec) throw badInput(`"${token.value}" is one argument too many.`);
    if (this.isAfterWord(spec, token)) {
      this.i++;
      return;
    }
    this.nextPositional++;
    if (spec.rest) {
      this.raw[spec.name] = this.takeRest(undefined);
      return;
    }
    this.i++;
    this.raw[spec.name] = token.value;
  }

  /** `to` in `deploy api 1.4.2 to production` is skipped when a value still follows it. */
  private isAfterWord(spec: ArgSpec, token: Token): boolean {
    if (!spec.after || token.quoted || token.value.toLowerCase() !== spec.after.toLowerCase()) return false;
    const next = this.tokens[this.i + 1];
    return next !== undefined && next.flag === undefined;
  }

  /**
   * Takes the words from here up to the next flag, as typed. A single quoted word gives its
   * contents, so `--reason "fix it"` is `fix it`, not `"fix it"`.
   */
  private takeRest(first: Span | undefined): string | undefined {
    const spans: Span[] = first ? [first] : [];
    while (this.i < this.tokens.length && this.tokens[this.i]!.flag === undefined) {
      spans.push(this.tokens[this.i]!);
      this.i++;
    }
    if (spans.length === 0) return undefined;
    if (spans.length === 1) return spans[0]!.value;
    return this.source.slice(spans[0]!.start, spans[spans.length - 1]!.end);
  }

  private store(spec: ArgSpec, value: string | boolean): void {
    const previous = this.raw[spec.name];
    if (spec.repeatable) {
      this.raw[spec.name] = [...(Array.isArray(previous) ? previous : []), String(value)];
      return;
    }
    if (previous !== undefined) throw badInput(`--${spec.name} is given twice; give it once.`);
    this.raw[spec.name] = value;
  }

  private flagHint(): string {
    const flags = this.specs.filter((s) => s.kind === 'flag').map((s) => `--${s.name}`);
    if (flags.length === 0) return '; this command takes none';
    return `; this command takes ${flags.join(', ')}`;
  }
}
