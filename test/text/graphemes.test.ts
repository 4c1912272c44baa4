import { describe, expect, it } from 'vitest';
import { clip, graphemeCount, truncate, TRUNCATED } from '../../bot/text-limits.js';
import { textArg } from '../../bot/args.js';
import { renderBlocks } from '../../adapters/chat/slack/render.js';
import { renderMessage } from '../../adapters/chat/discord/render.js';

const EMOJI = '🎉';
const FAMILY = '👩‍👩‍👧‍👦';
const COMBINING = 'e\u0301'; // é as e + combining acute
const RTL = 'שלום עולם';
const FLAG = '🇩🇪';

/** True when the text has a lone surrogate (half an emoji). */
const broken = (s: string) => /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

describe('text is counted and cut by grapheme', () => {
  it.each([
    ['emoji', EMOJI.repeat(101)],
    ['ZWJ family', FAMILY.repeat(40)],
    ['combining marks', COMBINING.repeat(120)],
    ['flags', FLAG.repeat(80)],
    ['RTL with emoji', `${RTL} ${EMOJI}`.repeat(30)],
  ])('%s: cut at Slack’s 150 and Discord’s 100 without splitting a character', (_label, text) => {
    for (const max of [150, 100, 99, 75, 14, 3]) {
      const cutText = truncate(text, max);
      const clipped = clip(text, max);
      for (const out of [cutText, clipped]) {
        expect(out.length).toBeLessThanOrEqual(max);
        expect(broken(out)).toBe(false);
        // Every character kept is whole: the kept part is a prefix of the original's graphemes.
        const kept = out.replace(TRUNCATED, '').replace(/…$/, '');
        expect(text.startsWith(kept)).toBe(true);
        expect(graphemeCount(kept + text.slice(kept.length))).toBe(graphemeCount(text));
      }
    }
  });

  it('leaves short text untouched', () => {
    expect(truncate(`${RTL} ${FAMILY}`, 100)).toBe(`${RTL} ${FAMILY}`);
    expect(clip(COMBINING, 2)).toBe(COMBINING);
  });

  it('counts what people see: 101 emoji are 101 characters, a family is one, é is one', () => {
    expect(graphemeCount(EMOJI.repeat(101))).toBe(101);
    expect(graphemeCount(FAMILY)).toBe(1);
    expect(graphemeCount(COMBINING)).toBe(1);
    expect(graphemeCount(RTL)).toBe(9);
  });

  it('limits typed text by characters, not UTF-16 units', () => {
    const title = textArg(120, 'title');
    expect(title.safeParse(EMOJI.repeat(101)).success).toBe(true);
    const tooLong = title.safeParse(EMOJI.repeat(121));
    expect(tooLong.success).toBe(false);
    expect(tooLong.error?.issues[0]?.message).toBe('The title is 121 characters long; keep it to 120.');
  });
});

describe('renderers keep every character whole at the platforms’ limits', () => {
  const title = `${RTL} ${EMOJI}`.repeat(40) + FAMILY.repeat(40);
  it('Slack’s 150-character header and Discord’s 256-character embed title', () => {
    const header = renderBlocks({ title, tone: 'info' }, { tz: 'UTC', mention: () => undefined }).blocks[0] as { text: { text: string } };
    expect(header.text.text.length).toBeLessThanOrEqual(150);
    expect(broken(header.text.text)).toBe(false);
    const embed = renderMessage({ title, tone: 'info' }, { mention: () => undefined }).embeds[0]!;
    expect(embed.title!.length).toBeLessThanOrEqual(256);
    expect(broken(embed.title!)).toBe(false);
  });
});
