import { describe, expect, it } from 'vitest';
import { mergeBlocks, renderBlock } from '../../bot/decisions/markers.js';
import { slugify } from '../../bot/decisions/markdown.js';

const a = { name: 'a', content: 'A2' };
const b = { name: 'b', content: 'B2' };

describe('mergeBlocks', () => {
  it('replaces only what is between the markers', () => {
    const old = `intro\n${renderBlock({ name: 'a', content: 'A1' })}\nmiddle\n${renderBlock({ name: 'b', content: 'B1\nmore' })}\noutro\n`;
    expect(mergeBlocks(old, [a, b])).toBe(`intro\n${renderBlock(a)}\nmiddle\n${renderBlock(b)}\noutro\n`);
  });

  it('inserts a missing block after the previous one, or first', () => {
    expect(mergeBlocks(`${renderBlock({ name: 'a', content: 'A1' })}\ntail\n`, [a, b])).toBe(`${renderBlock(a)}\n\n${renderBlock(b)}\ntail\n`);
    expect(mergeBlocks(`mine\n${renderBlock({ name: 'b', content: 'B1' })}\n`, [a, b])).toBe(`${renderBlock(a)}\n\nmine\n${renderBlock(b)}\n`);
  });

  it('leaves a block whose end marker is gone alone and adds a fresh one', () => {
    const broken = '<!-- dayops:begin a -->\nA1 and a person removed the end\n';
    expect(mergeBlocks(broken, [a])).toBe(`${renderBlock(a)}\n\n${broken}`);
  });
});

describe('slugify', () => {
  it.each([
    ['Use PostgreSQL 16 for billing!', 'use-postgresql-16-for-billing'],
    ['Café — naïve résumé', 'cafe-naive-resume'],
    ['???', 'decision'],
    ['x'.repeat(80), 'x'.repeat(60)],
  ])('%s → %s', (title, slug) => expect(slugify(title)).toBe(slug));
});
