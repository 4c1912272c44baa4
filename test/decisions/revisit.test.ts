import { describe, expect, it } from 'vitest';
import type { OpsMessage } from '../../bot/model.js';
import { harness } from './harness.js';

describe('a decision revisited from a postmortem', () => {
  it('"Propose a change to D-1" opens a proposed decision prefilled from the incident; accepting it supersedes D-1', async () => {
    const h = await harness();
    await h.decide('Connection pool of 20 --category database --service api');
    await h.accept('D-1');
    await h.run('bob', 'incident declare Connection pool exhausted --sev 2 --service api');
    await h.run('bob', 'incident resolve INC-1 --summary The pool of 20 ran dry under the Monday peak');

    const postmortem = await h.run('alice', 'incident postmortem INC-1');
    const button = { kind: 'action', label: 'Propose a change to D-1', action: 'decision.propose-change', value: 'INC-1 D-1' };
    expect(postmortem.message.buttons).toContainEqual(button);
    const incident = (await h.ops.store.inspect((tx) => tx.scan('outbox'))).filter((r) => r.key === 'incident:INC-1').sort((a, b) => a.seq - b.seq).at(-1)?.message as OpsMessage;
    expect(incident.buttons).toContainEqual(button);

    const pressed = await h.press('alice', 'decision.propose-change', 'INC-1 D-1');
    expect(pressed.message.text).toBe('alice proposed D-2: Change D-1: Connection pool of 20. Accepting it supersedes D-1 (decision accept D-2).');
    expect(await h.decision('D-2')).toMatchObject({
      status: 'proposed',
      category: 'database',
      service: 'api',
      owner: 'alice',
      replaces: 'D-1',
      incident: 'INC-1',
      context: 'Proposed from INC-1 (Connection pool exhausted, SEV2, resolved; its postmortem: incident postmortem INC-1). The pool of 20 ran dry under the Monday peak. Accepting this supersedes D-1 (Connection pool of 20).',
    });
    const again = await h.press('bob', 'decision.propose-change', 'INC-1 D-1');
    expect(again.message.text).toBe('D-2 already proposes a change to D-1 after INC-1: Change D-1: Connection pool of 20.');
    expect(await h.decisions()).toHaveLength(2);

    await h.accept('D-2');
    expect(await h.decision('D-1')).toMatchObject({ status: 'superseded', supersededBy: 'D-2', statusReason: 'changed after INC-1' });
    expect(await h.decision('D-2')).toMatchObject({ status: 'accepted', supersedes: 'D-1' });
    expect((await h.press('carol', 'decision.propose-change', 'INC-1 D-2')).failed).toBe(true);
  });
});
