import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, type Env } from '../../bin/config.js';

let dir: string;
let previousCwd: string;

// loadConfig looks for dayops.config.yaml in the working directory; run where there is none.
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dayops-config-'));
  previousCwd = process.cwd();
  process.chdir(dir);
});

afterEach(() => {
  process.chdir(previousCwd);
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function configError(env: Env, path?: string): string {
  try {
    loadConfig(env, path);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('loadConfig accepted the configuration');
}

/** The connection, body and timeout limits every http section gets by default. */
const HTTP_LIMITS = { maxConnections: 512, maxBodiesInFlight: 64, headersTimeoutSeconds: 10, requestTimeoutSeconds: 30, keepAliveTimeoutSeconds: 5 };

describe('http limits', () => {
  it('refuses a header timeout longer than the request timeout, naming both keys', () => {
    const path = file('dayops.config.yaml', 'http:\n  headersTimeoutSeconds: 60\n  requestTimeoutSeconds: 30\n');
    expect(configError({}, path)).toContain('http.headersTimeoutSeconds: must not be longer than http.requestTimeoutSeconds');
  });
});

describe('loadConfig without a file', () => {
  it('runs the demo team with the built-in defaults', () => {
    const config = loadConfig({});
    expect(config.demo).toBe(true);
    expect(config.source).toBe('built-in demo defaults');
    expect(config.people.map((p) => p.name)).toEqual(['alice', 'bob']);
    expect(config.shellPerson).toBe('alice');
    expect(config.environments.production?.protected).toBe(true);
    expect(config.http).toEqual({ host: '127.0.0.1', port: 3000, bodyLimitBytes: 1024 * 1024, ...HTTP_LIMITS });
    expect(config.timezone).toBe('UTC');
    expect(config.dataDir).toBe('./.dayops');
    expect(config.channels.alerts).toBe('shell:alerts');
    expect(config.logLevel).toBe('info');
    expect(config.secrets.chat).toEqual({});
  });

  it('picks up dayops.config.yaml from the working directory', () => {
    file('dayops.config.yaml', 'timezone: Europe/Berlin\n');
    const config = loadConfig({});
    expect(config.demo).toBe(false);
    expect(config.source).toBe(join(process.cwd(), 'dayops.config.yaml'));
    expect(config.timezone).toBe('Europe/Berlin');
  });
});

describe('loadConfig with a file', () => {
  it('reads a YAML file named by DAYOPS_CONFIG, filling defaults and dropping the demo team', () => {
    const path = file(
      'team.yaml',
      [
        'timezone: America/New_York',
        'http: { port: 8080 }',
        'channels: { deploys: "slack:C0DEPLOY" }',
        'people:',
        '  - name: carol',
        '    slack: [U123]',
        '    roles: [deployer]',
        'environments:',
        '  production: { protected: true }',
      ].join('\n'),
    );
    const config = loadConfig({ DAYOPS_CONFIG: path });
    expect(config.demo).toBe(false);
    expect(config.source).toBe(path);
    expect(config.timezone).toBe('America/New_York');
    expect(config.http).toEqual({ host: '127.0.0.1', port: 8080, bodyLimitBytes: 1024 * 1024, ...HTTP_LIMITS });
    expect(config.channels).toEqual({ ops: 'shell:ops', deploys: 'slack:C0DEPLOY', alerts: 'shell:alerts', incidents: 'shell:incidents' });
    expect(config.people).toEqual([{ name: 'carol', identities: { slack: ['U123'] }, roles: ['deployer'] }]);
    expect(config.shellPerson).toBeUndefined();
  });

  it('reads a JSON file passed directly, ahead of DAYOPS_CONFIG', () => {
    const path = file('dayops.json', JSON.stringify({ services: { api: { channel: 'discord:123' } }, defaultRole: 'author' }));
    const config = loadConfig({ DAYOPS_CONFIG: join(dir, 'missing.yaml') }, path);
    expect(config.services).toEqual({ api: { channel: 'discord:123' } });
    expect(config.defaultRole).toBe('author');
  });

  it('treats an empty section as its defaults', () => {
    const config = loadConfig({ DAYOPS_PORT: '81' }, file('c.yaml', 'http:\nchannels:\n  ops: shell:ops\n'));
    expect(config.http).toEqual({ host: '127.0.0.1', port: 81, bodyLimitBytes: 1024 * 1024, ...HTTP_LIMITS });
  });

  it('treats an empty file as all defaults', () => {
    const config = loadConfig({}, file('empty.yaml', ''));
    expect(config.demo).toBe(false);
    expect(config.people).toEqual([]);
  });
});

describe('environment overrides', () => {
  it('override the file: DAYOPS_PORT, DAYOPS_HOST, DAYOPS_DATA_DIR, DAYOPS_TIMEZONE, DAYOPS_PUBLIC_URL', () => {
    const path = file('c.yaml', 'timezone: Europe/Berlin\ndataDir: /var/lib/x\nhttp: { host: 0.0.0.0, port: 80, bodyLimitBytes: 2048 }\n');
    const config = loadConfig(
      {
        DAYOPS_PORT: '0',
        DAYOPS_HOST: '::1',
        DAYOPS_DATA_DIR: '/tmp/d',
        DAYOPS_TIMEZONE: 'Asia/Tokyo',
        DAYOPS_PUBLIC_URL: 'https://ops.example.com',
        DAYOPS_LOG_LEVEL: 'debug',
      },
      path,
    );
    expect(config.http).toEqual({ host: '::1', port: 0, bodyLimitBytes: 2048, ...HTTP_LIMITS });
    expect(config.dataDir).toBe('/tmp/d');
    expect(config.timezone).toBe('Asia/Tokyo');
    expect(config.publicUrl).toBe('https://ops.example.com');
    expect(config.logLevel).toBe('debug');
  });

  it('apply to the demo defaults too, and empty values are ignored', () => {
    const config = loadConfig({ DAYOPS_PORT: '4000', DAYOPS_HOST: '', DAYOPS_TIMEZONE: '' });
    expect(config.demo).toBe(true);
    expect(config.http.port).toBe(4000);
    expect(config.http.host).toBe('127.0.0.1');
    expect(config.timezone).toBe('UTC');
  });

  it.each(['abc', '-1', '65536', '80.5', '0x50', '1e3', ' 80'])('refuse DAYOPS_PORT=%j, saying what it must be', (port) => {
    expect(configError({ DAYOPS_PORT: port })).toBe(
      `DAYOPS_PORT must be a whole number from 0 to 65535 (0 picks a free port); it is "${port}".`,
    );
  });
});

describe('errors name the key and what is expected', () => {
  it('an unknown top-level key', () => {
    const message = configError({}, file('c.yaml', 'timezone: UTC\ntimzone: UTC\n'));
    expect(message).toBe(`The configuration in ${join(dir, 'c.yaml')} is not valid:\n  - unknown setting "timzone".`);
  });

  it('an unknown key inside a section, which would otherwise be dropped silently', () => {
    const message = configError({}, file('c.yaml', 'environments:\n  production: { protectd: true }\nhttp: { prot: 80 }\n'));
    expect(message).toContain('environments.production: unknown setting "protectd".');
    expect(message).toContain('http: unknown setting "prot".');
  });

  it('a bad time zone, from the file or from DAYOPS_TIMEZONE', () => {
    expect(configError({}, file('c.yaml', 'timezone: Mars/Olympus\n'))).toContain(
      'timezone: must be an IANA time zone such as Europe/Berlin or UTC.',
    );
    expect(configError({ DAYOPS_TIMEZONE: 'Nowhere' })).toContain(
      'timezone (set by DAYOPS_TIMEZONE): must be an IANA time zone such as Europe/Berlin or UTC.',
    );
    expect(configError({}, file('p.yaml', 'people:\n  - { name: dan, timezone: Bad/Zone }\n'))).toContain(
      'people.0.timezone: must be an IANA time zone',
    );
  });

  it('a bad channel', () => {
    expect(configError({}, file('c.yaml', 'channels: { ops: "#ops" }\nservices: { api: { channel: "teams:x" } }\n'))).toBe(
      `The configuration in ${join(dir, 'c.yaml')} is not valid:\n` +
        '  - channels.ops: must be a channel such as shell:ops, slack:C0123ABCD, discord:1234567890123456789 or mattermost:4xp9fdt2pbgkjm3xgsxyw7zg6a.\n' +
        '  - services.api.channel: names the platform "teams", which dayops does not have (it has shell, slack, discord, mattermost).',
    );
  });

  it('a value of the wrong type names the key', () => {
    const message = configError({}, file('c.yaml', 'http: { port: "eighty" }\npeople: [{ name: Bad Name }]\n'));
    expect(message).toMatch(/^ {2}- http\.port: .*number/m);
    expect(message).toContain('people.0.name: must be lower-case letters, digits, . _ or -.');
  });

  it('a section that is not a mapping', () => {
    expect(configError({}, file('c.yaml', 'http: 8080\n'))).toMatch(/^ {2}- http: .*object/m);
    expect(configError({ DAYOPS_PORT: '8080' }, file('d.yaml', 'http: [1]\n'))).toMatch(/^ {2}- http: .*object/m);
  });

  it('a bad DAYOPS_PUBLIC_URL names the variable', () => {
    expect(configError({ DAYOPS_PUBLIC_URL: 'ops.example.com' })).toMatch(/^ {2}- publicUrl \(set by DAYOPS_PUBLIC_URL\): /m);
  });

  it('invalid YAML or JSON names the file', () => {
    const yaml = file('bad.yaml', 'people: [\n  - name: x\n');
    expect(configError({}, yaml)).toMatch(new RegExp(`^The config file ${escape(yaml)} is not valid YAML: `));
    const json = file('bad.json', '{"timezone": ');
    expect(configError({}, json)).toMatch(new RegExp(`^The config file ${escape(json)} is not valid JSON: `));
  });

  it('a top-level list or scalar', () => {
    const list = file('list.yaml', '- timezone: UTC\n');
    expect(configError({}, list)).toBe(`The config file ${list} must hold a mapping of settings at the top level.`);
    const scalar = file('scalar.yaml', 'hello\n');
    expect(configError({}, scalar)).toBe(`The config file ${scalar} must hold a mapping of settings at the top level.`);
  });

  it('a config file that does not exist', () => {
    const missing = join(dir, 'nope.yaml');
    expect(configError({ DAYOPS_CONFIG: missing })).toMatch(new RegExp(`^Cannot read the config file ${escape(missing)}: .*ENOENT`));
  });
});

describe('identities', () => {
  it('are read per platform from identities:', () => {
    const config = loadConfig({}, file('i.yaml', 'people:\n  - { name: dan, identities: { slack: [U0DAN], discord: ["1310000000000000001"] } }\n'));
    expect(config.people[0]?.identities).toEqual({ slack: ['U0DAN'], discord: ['1310000000000000001'] });
  });

  it('are still read from the slack: and discord: keys of older config files', () => {
    const config = loadConfig({}, file('old.yaml', 'people:\n  - { name: dan, slack: [U0DAN], discord: ["1310000000000000001"], roles: [deployer] }\n  - { name: eve, slack: [U0EVE], identities: { slack: [U0EVE2] } }\n'));
    expect(config.people[0]).toMatchObject({ name: 'dan', identities: { slack: ['U0DAN'], discord: ['1310000000000000001'] }, roles: ['deployer'] });
    expect(config.people[1]?.identities).toEqual({ slack: ['U0EVE2', 'U0EVE'] });
  });

  it('a key that is no platform is still refused by name', () => {
    expect(configError({}, file('t.yaml', 'people:\n  - { name: dan, teams: [x] }\n'))).toContain('people.0: unknown setting "teams".');
  });
});

describe('secrets', () => {
  it('come from the variable or from the file named by <NAME>_FILE, trimmed', () => {
    const tokenFile = file('slack-token', 'xoxb-from-file\n');
    const config = loadConfig({
      SLACK_BOT_TOKEN_FILE: tokenFile,
      SLACK_SIGNING_SECRET: 'signing',
      DISCORD_PUBLIC_KEY_FILE: file('discord-key', '  abc123  '),
      DISCORD_APPLICATION_ID: '42',
      DAYOPS_WEBHOOK_TOKEN: 'hook',
      ARGOCD_URL: 'https://argo.example.com',
      ARGOCD_TOKEN_FILE: file('argo', 'argo-token'),
    });
    expect(config.secrets.chat.slack).toEqual({ botToken: 'xoxb-from-file', signingSecret: 'signing' });
    expect(config.secrets.chat.discord).toEqual({ publicKey: 'abc123', applicationId: '42' });
    expect(config.secrets.webhookToken).toBe('hook');
    expect(config.secrets.argocd).toEqual({ url: 'https://argo.example.com', token: 'argo-token' });
  });

  it('prefer the variable itself over <NAME>_FILE', () => {
    const config = loadConfig({ GITHUB_TOKEN: 'direct', GITHUB_TOKEN_FILE: file('gh', 'from-file') });
    expect(config.secrets.githubToken).toBe('direct');
  });

  it('a <NAME>_FILE that cannot be read names the variable and the file', () => {
    const missing = join(dir, 'no-such-secret');
    expect(configError({ DISCORD_TOKEN_FILE: missing })).toMatch(
      new RegExp(`^DISCORD_TOKEN_FILE names ${escape(missing)}, which cannot be read: .*ENOENT`),
    );
  });

  it('a Slack app token without a bot token says what to set', () => {
    expect(configError({ SLACK_APP_TOKEN: 'xapp-1' })).toBe(
      'SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set but SLACK_BOT_TOKEN is not; set SLACK_BOT_TOKEN (xoxb-…) too.',
    );
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
