import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { versionProblem } from '../../data/records/version.js';
import { alice, harness } from './support.js';

const ACCEPTED = ['1.4.2', 'v1.4.2', '2.0.0-rc.1', '1.0.0-alpha+build.5', '2026-01-05_abc123', 'latest', 'main', 'release/1.4', 'feature/login-fix', '3f9c1a7e5b2d', 'v1.4.2-hotfix.2', 'a'.repeat(128), 'user@host', 'x_y.z-1'];

const REFUSED: [string, RegExp][] = [
  ['../../etc/passwd', /starts with "\."/],
  ['release/../main', /starts with "\."|\.\./],
  ['1..2', /"\.\." \(two dots in a row\)/],
  ['-rf', /starts with "-"/],
  ['1.0 ; rm -rf /', /space/],
  ['$(reboot)', /holds "\$"/],
  ['a;b', /holds ";"/],
  ['`id`', /holds "`"/],
  ['main~1', /holds "~"/],
  ['HEAD^', /holds "\^"/],
  ['ref:x', /holds ":"/],
  ['wild*', /holds "\*"/],
  ['back\\slash', /holds "\\"/],
  ['/leading', /starts or ends with "\/"/],
  ['trailing/', /starts or ends with "\/"/],
  ['a//b', /holds "\/\/"/],
  ['branch.lock', /ends with "\.lock"/],
  ['1.0.', /ends with "\."/],
  ['x@{1}', /holds "@\{"/],
  ['@', /"@" alone/],
  ['tab\there', /control character/],
  ['ünïcode', /outside printable ASCII/],
  ['', /empty/],
  ['a'.repeat(129), /129 characters long/],
];

describe('versions: semver, an image tag or a git ref name', () => {
  it.each(ACCEPTED)('accepts %s', (version) => {
    expect(versionProblem(version)).toBeUndefined();
  });

  it.each(REFUSED)('refuses %j and says why', (version, why) => {
    expect(versionProblem(version)).toMatch(why);
  });

  // The ref-name rules are git's own: every name dayops refuses as a ref (shell characters and
  // non-ASCII aside, which it adds) git refuses too, and every ref it accepts git accepts.
  const git = (() => {
    try {
      execFileSync('git', ['--version']);
      return true;
    } catch {
      return false;
    }
  })();
  it.skipIf(!git)('agrees with git check-ref-format --allow-onelevel', () => {
    const gitAccepts = (name: string) => {
      try {
        execFileSync('git', ['check-ref-format', '--allow-onelevel', name], { stdio: 'pipe', cwd: tmpdir() });
        return true;
      } catch {
        return false;
      }
    };
    for (const name of ACCEPTED) expect([name, gitAccepts(name)]).toEqual([name, true]);
    // dayops's own additions: shell characters, non-ASCII and control characters, the length limit.
    const gitRules = REFUSED.filter(([name]) => name !== '' && name.length <= 128 && !/[`$;|&<>()'"]|[^\x20-\x7e]/.test(name));
    for (const [name] of gitRules) expect([name, gitAccepts(name)]).toEqual([name, false]);
  });
});

describe('deploy refuses a version that is not one before anything is stored', () => {
  it('deploy api ../../etc/passwd to staging', async () => {
    const h = await harness();
    try {
      const answer = await h.say(alice, 'deploy api ../../etc/passwd to staging');
      expect(answer.failed).toBe(true);
      expect(answer.message.text).toMatch(/^version: is not a version dayops accepts: a part of it starts with "\."/);
      expect(await h.ops.store.inspect((tx) => tx.scan('deployment', { state: 'all' }))).toEqual([]);
    } finally {
      await h.ops.close();
    }
  });
});
