import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { decodeActionId } from '../../adapters/chat/slack/action-id.js';
import { actionValue, stripBotMention, unescapeSlackText } from '../../adapters/chat/slack/inbound.js';
import { slackMode } from '../../adapters/chat/slack/install.js';
import { BOT_EVENTS, BOT_SCOPES, slackManifest, usageHint } from '../../adapters/chat/slack/manifest.js';
import { RecentDeliveries } from '../../adapters/chat/slack/recent-deliveries.js';
import { slackSignature, verifySlackSignature } from '../../adapters/chat/slack/verify.js';
import { ConfigError } from '../../bot/config/load.js';
import { COMMANDS } from '../../commands/index.js';

describe('verifySlackSignature', () => {
  const secret = 's3cret';
  const body = Buffer.from('token=x&text=deploy+api');
  const now = 1_763_763_600_000;
  const ts = String(now / 1000);
  const sig = slackSignature(secret, ts, body);

  it.each([
    ['a correct signature', { signature: sig, timestamp: ts }, true],
    ['another secret', { signature: slackSignature('other', ts, body), timestamp: ts }, false],
    ['a changed body', { signature: slackSignature(secret, ts, 'token=x'), timestamp: ts }, false],
    ['no signature', { signature: undefined, timestamp: ts }, false],
    ['a signature of another length', { signature: 'v0=abc', timestamp: ts }, false],
    ['a timestamp 6 minutes old', { signature: slackSignature(secret, String(now / 1000 - 360), body), timestamp: String(now / 1000 - 360) }, false],
    ['a timestamp 6 minutes ahead', { signature: slackSignature(secret, String(now / 1000 + 360), body), timestamp: String(now / 1000 + 360) }, false],
    ['a timestamp 4 minutes old', { signature: slackSignature(secret, String(now / 1000 - 240), body), timestamp: String(now / 1000 - 240) }, true],
    ['a timestamp that is not a number', { signature: sig, timestamp: `${ts}x` }, false],
  ])('%s → %s', (_name, headers, ok) => {
    expect(verifySlackSignature(secret, { ...headers, rawBody: body }, now).ok).toBe(ok);
  });
});

describe('inputs from Slack payloads', () => {
  it('strips the bot mention a command starts with, and only that', () => {
    expect(stripBotMention('<@U0BOT> deploy api 1.2 to staging', 'U0BOT')).toBe('deploy api 1.2 to staging');
    expect(stripBotMention('<@U0BOT|dayops> whoami', 'U0BOT')).toBe('whoami');
    expect(stripBotMention('<@U0BOT> approve DEP-3 <@U0ALICE>', 'U0BOT')).toBe('approve DEP-3 <@U0ALICE>');
    expect(stripBotMention('<@U0BOT> help', undefined)).toBe('help');
  });

  it('gives back what Slack escaped', () => {
    expect(unescapeSlackText('decide a &lt;b&gt; &amp; c')).toBe('decide a <b> & c');
  });

  it('reads a button value and a select choice; link buttons carry no action', () => {
    expect(actionValue({ action_id: 'deploy.approve', value: 'DEP-1' })).toBe('DEP-1');
    expect(actionValue({ action_id: 'incident.severity', selected_option: { value: 'sev2' } })).toBe('sev2');
    expect(decodeActionId('deploy.approve~3')).toBe('deploy.approve');
    expect(decodeActionId('open-link~0')).toBeUndefined();
  });

  it('recognises a delivery seen within the window, and forgets it after', () => {
    let now = 0;
    const recent = new RecentDeliveries(() => now, 1000);
    expect(recent.firstTime('Ev1')).toBe(true);
    expect(recent.firstTime('Ev1')).toBe(false);
    now = 1500;
    expect(recent.firstTime('Ev1')).toBe(true);
  });
});

describe('slackMode', () => {
  it('prefers Socket Mode, then HTTP mode, and names the variables when neither is possible', () => {
    expect(slackMode({ botToken: 'x', signingSecret: 's', appToken: 'a' })).toBe('socket');
    expect(slackMode({ botToken: 'x', signingSecret: 's' })).toBe('http');
    expect(() => slackMode({ botToken: 'x' })).toThrow(/SLACK_SIGNING_SECRET.*SLACK_APP_TOKEN/);
  });
});

describe('slackManifest', () => {
  it('points commands, interactivity and events at DAYOPS_PUBLIC_URL in HTTP mode', () => {
    const manifest = parse(slackManifest({ publicUrl: 'https://ops.example.com/' }, { socket: false, commands: COMMANDS }));
    const url = 'https://ops.example.com/slack/events';
    expect(manifest.features.slash_commands).toEqual([expect.objectContaining({ command: '/ops', url, should_escape: false })]);
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: url });
    expect(manifest.settings.event_subscriptions).toEqual({ request_url: url, bot_events: [...BOT_EVENTS] });
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.oauth_config.scopes.bot).toEqual([...BOT_SCOPES]);
    expect(manifest.features.bot_user.display_name).toBe('dayops');
  });

  it('needs no URL with --socket, and says what to set without one in HTTP mode', () => {
    const manifest = parse(slackManifest({ publicUrl: undefined }, { socket: true, commands: COMMANDS }));
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true });
    expect(manifest.features.slash_commands[0].url).toBeUndefined();
    expect(() => slackManifest({ publicUrl: undefined }, { socket: false, commands: COMMANDS })).toThrow(ConfigError);
    expect(() => slackManifest({ publicUrl: undefined }, { socket: false, commands: COMMANDS })).toThrow(/DAYOPS_PUBLIC_URL/);
  });

  it('refuses an http:// public URL, since Slack sends requests to https only', () => {
    expect(() => slackManifest({ publicUrl: 'http://ops.example.com' }, { socket: false, commands: COMMANDS })).toThrow(/https addresses only/);
  });

  it('asks for the scopes of the methods dayops calls, and no users.* scope', () => {
    const scopes = parse(slackManifest({ publicUrl: undefined }, { socket: true, commands: COMMANDS })).oauth_config.scopes.bot as string[];
    expect(scopes).toContain('channels:join');
    expect(scopes.filter((s) => s.startsWith('users'))).toEqual([]);
    // Every users.* / conversations.* / chat.* method the adapter calls, against the scopes that allow it.
    const called = ['chat.postMessage', 'chat.update', 'chat.postEphemeral', 'conversations.join', 'conversations.info', 'usergroups.list', 'auth.test'];
    const needs: Record<string, string[]> = {
      'chat.postMessage': ['chat:write'],
      'chat.update': ['chat:write'],
      'chat.postEphemeral': ['chat:write'],
      'conversations.join': ['channels:join'],
      'conversations.info': ['channels:read', 'groups:read'],
      'usergroups.list': ['usergroups:read'],
      'auth.test': [],
    };
    for (const method of called) for (const scope of needs[method]!) expect(scopes).toContain(scope);
  });

  it('builds the usage hint from the command definitions', () => {
    const hint = usageHint(COMMANDS);
    expect(hint.startsWith('help | ')).toBe(true);
    expect(hint).toContain('decide');
    expect(hint.length).toBeLessThanOrEqual(140);
  });
});
