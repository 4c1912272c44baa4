import { afterEach, expect, it } from 'vitest';
import { alice, harness, testConfig, type Harness } from './support.js';

let h: Harness;
afterEach(async () => {
  await h?.idle();
  await h?.ops.close();
});

it('gathers output lines into few thread replies and keeps only the last lines on the record', async () => {
  h = await harness(
    testConfig((c) => {
      c.services.api!.engine = { type: 'script', command: 'i=1; while [ $i -le 30 ]; do echo "line $i"; i=$((i+1)); done', graceSeconds: 1 };
      c.deploys = { ...c.deploys, logFlushSeconds: 5, logTailLines: 5 };
    }),
  );
  await h.say(alice, 'deploy api 1.0.0 to staging');
  await h.idle();
  const d = await h.deployment('DEP-1');
  expect(d.state).toBe('succeeded');
  expect(d.logTail).toEqual(['line 26', 'line 27', 'line 28', 'line 29', 'line 30']);
  const logReplies = await h.ops.store.inspect((tx) =>
    tx.scan('outbox', { where: (o) => o.thread === 'deployment:DEP-1' && String(o.message.text).includes('line 1\n') }),
  );
  expect(logReplies).toHaveLength(1);
  expect(String(logReplies[0]!.message.text).split('\n')).toHaveLength(30);
});
