import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../adapters/chat/discord/render.js';
import { renderBlocks } from '../../adapters/chat/slack/render.js';
import type { OpsMessage } from '../../bot/model.js';

const HOSTILE = '[click](https://evil.example) <@1310000000000000300> <#1310000000000000200> *bold* `code` ~~gone~~ ||spoiler||';
const message: OpsMessage = { title: `D-3 · ${HOSTILE}`, text: HOSTILE, tone: 'info', fields: [{ label: 'Owner', value: HOSTILE, short: true }], context: [HOSTILE] };

describe('people’s text shows as typed', () => {
  it('Discord: no masked link, mention pill or formatting in embed title, description or fields', () => {
    const embed = renderMessage(message, { mention: () => undefined }).embeds[0]!;
    for (const text of [embed.title!, embed.description!, embed.fields![0]!.value]) {
      expect(text).toContain('\\[click\\](https://evil.example)');
      expect(text).toContain('\\<@1310000000000000300>');
      expect(text).toContain('\\<#1310000000000000200>');
      expect(text).toContain('\\*bold\\*');
      expect(text).toContain('\\`code\\`');
      expect(text).toContain('\\|\\|spoiler\\|\\|');
    }
  });

  it('Discord: plain text content is escaped the same way', () => {
    const { content } = renderMessage({ text: HOSTILE }, { mention: () => undefined });
    expect(content).toContain('\\[click\\](https://evil.example) \\<@1310000000000000300>');
  });

  it('Slack: people’s text and fields are plain_text (nothing formats), the fallback escapes Slack’s control characters', () => {
    const out = renderBlocks(message, { tz: 'UTC', mention: () => undefined });
    const texts = out.blocks.flatMap((b) => {
      const block = b as { text?: { type: string; text: string }; fields?: { type: string; text: string }[]; elements?: { type: string; text: string }[] };
      return [...(block.text ? [block.text] : []), ...(block.fields ?? []), ...(b.type === 'context' ? (block.elements ?? []) : [])];
    });
    const hostile = texts.filter((t) => t.text.includes('*bold*'));
    expect(hostile.length).toBeGreaterThanOrEqual(3);
    for (const t of hostile) expect(t.type).toBe('plain_text');
    expect(out.text).toContain('&lt;@1310000000000000300&gt;');
    expect(out.text).not.toContain('<@');
  });
});
