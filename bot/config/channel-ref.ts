import { z } from 'zod';
import type { ChatPlatformConfig } from './chat-platform.js';

const QUALIFIED = /^([a-z][a-z0-9-]*):#?[\w.-]+$/;

/** The platforms of the configuration being parsed; parsing is synchronous, so one at a time. */
let parsing: readonly ChatPlatformConfig[] | undefined;

/** Runs a synchronous parse in which every channel reference is checked against these platforms. */
export function withChatPlatforms<T>(platforms: readonly ChatPlatformConfig[], parse: () => T): T {
  parsing = platforms;
  try {
    return parse();
  } finally {
    parsing = undefined;
  }
}

/**
 * A platform-qualified channel, `<platform>:<id>` or `<platform>:#<name>`: the platform must be
 * one dayops has. A name is resolved to an id through the platform's directory when used.
 */
export const channelRef = z.string().superRefine((value, ctx) => {
  const problem = channelProblem(value, parsing);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export function channelProblem(value: string, platforms: readonly ChatPlatformConfig[] | undefined): string | undefined {
  const names = platforms?.map((p) => p.name) ?? [];
  const m = QUALIFIED.exec(value);
  if (!m) return `must be a channel such as ${examples(platforms ?? [])}`;
  if (!platforms) return undefined;
  const name = m[1] as string;
  if (names.includes(name)) return undefined;
  return `names the platform "${name}", which dayops does not have (it has ${names.join(', ')})`;
}

/** One channel of each platform, as its adapter writes one: `shell:ops, <platform>:<id> or …`. */
function examples(platforms: readonly ChatPlatformConfig[]): string {
  const each = platforms.map((p) => p.channelId?.example ?? `${p.name}:ops`);
  if (each.length === 0) return 'platform:channel';
  return each.length === 1 ? (each[0] as string) : `${each.slice(0, -1).join(', ')} or ${each.at(-1)}`;
}
