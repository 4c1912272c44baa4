import { describe, expect, it } from 'vitest';
import { ButtonTable } from '../../adapters/chat/shell/button-table.js';
import { renderShellMessage } from '../../adapters/chat/shell/render.js';
import type { OpsMessage } from '../../bot/model.js';

const now = new Date('2026-03-01T12:00:00Z');

function render(message: OpsMessage, buttons = new ButtonTable(), key = 'm1') {
  return renderShellMessage(message, { tz: 'Europe/Berlin', now, numberFor: buttons.numbering(key, 'shell:ops') });
}

describe('shell renderer', () => {
  it('shows tone, title, text, aligned fields, mentions, numbered buttons and context', () => {
    const text = render({
      title: 'DEP-12 · api 1.4.2 → production',
      text: 'Waiting for one approval.',
      tone: 'warning',
      fields: [
        { label: 'State', value: 'awaiting approval', short: true },
        { label: 'Requested', value: { at: '2026-03-01T11:55:00Z', style: 'relative' } },
      ],
      mentions: [{ person: 'bob' }, { role: 'approver' }],
      buttons: [
        { kind: 'action', label: 'Approve', action: 'deploy.approve', value: 'DEP-12', style: 'primary' },
        { kind: 'link', label: 'Run', url: 'https://ci.example/run/1' },
        { kind: 'choice', label: 'Silence', action: 'alerts.silence', options: [{ label: '1h', value: '1h' }, { label: '1d', value: '1d' }] },
      ],
      context: ['DEP-12 · requested by alice'],
    });
    expect(text.split('\n')).toEqual([
      '⚠ DEP-12 · api 1.4.2 → production',
      '  Waiting for one approval.',
      '  State      awaiting approval',
      '  Requested  2026-03-01 12:55 CET (5 minutes ago)',
      '  @bob @approver (role)',
      '  [1] Approve   Run: https://ci.example/run/1   [2] Silence 1h   [3] Silence 1d',
      '  · DEP-12 · requested by alice',
    ]);
  });

  it('indents multi-line field values under their column', () => {
    const text = render({ fields: [{ label: 'Log', value: 'one\ntwo' }, { label: 'A', value: 'x' }] });
    expect(text.split('\n')).toEqual(['  Log  one', '       two', '  A    x']);
  });

  it('numbers buttons across messages and forgets the numbers of a message that was redrawn', () => {
    const table = new ButtonTable();
    const approve = { kind: 'action' as const, label: 'Approve', action: 'deploy.approve', value: 'DEP-1' };
    render({ buttons: [approve] }, table, 'deployment:DEP-1');
    render({ buttons: [{ ...approve, value: 'DEP-2' }] }, table, 'deployment:DEP-2');
    expect(table.get(1)?.value).toBe('DEP-1');
    expect(table.get(2)?.value).toBe('DEP-2');
    render({ buttons: [{ ...approve, label: 'Halt', action: 'deploy.halt' }] }, table, 'deployment:DEP-1');
    expect(table.get(1)).toBeUndefined();
    expect(table.get(3)).toMatchObject({ action: 'deploy.halt', value: 'DEP-1', messageKey: 'deployment:DEP-1', channel: 'shell:ops' });
  });
});
