import { createPrivateKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { childEnvironment, secretValues } from './child-env.js';
import { approvalProblems } from './check-approvals.js';
import { grantProblems } from './check-grants.js';
import { DEMO_CONFIG } from './demo.js';
import { withChatPlatforms } from './channel-ref.js';
import { platformInfo, type ChatPlatformConfig } from './chat-platform.js';
import { fileConfigSchema, type Config, type ConfigParts, type FileConfig, type Secrets } from './schema.js';

export type Env = Record<string, string | undefined>;

/** A configuration problem found at start-up; the message says what to set and where. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export const DEFAULT_CONFIG_FILE = 'dayops.config.yaml';

/**
 * Reads the configuration once: an optional YAML or JSON file plus environment variables, with
 * the schemas and checks of the adapters bin/ composes (`parts`; bin/config.ts's loadConfig).
 * `env` is passed in (tests give their own); this module is the only reader of process.env.
 */
export function readConfig(parts: ConfigParts, env: Env = process.env, file?: string): Config {
  const path = file ?? env.DAYOPS_CONFIG ?? (existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : undefined);
  const raw = path ? readConfigFile(path) : { ...DEMO_CONFIG };
  const platforms = parts.chatPlatforms ?? [];
  const withEnv = applyPlatformEnv(applyEnv(legacyIdentities(raw, platforms), env), platforms, env);
  const parsed = withChatPlatforms(platforms, () => fileConfigSchema(parts).safeParse(withEnv));
  if (!parsed.success) {
    throw new ConfigError(describeIssues(path ?? 'built-in defaults', parsed.error, envSources(env, platforms)));
  }
  const named = (parts.namedSecrets ?? []).map((read) => read(parsed.data, (name) => secret(env, name)));
  const secrets: Secrets = Object.assign({ ...readSecrets(env, platforms), engineSecrets: engineSecrets(parsed.data, env) }, ...named);
  const checks = (parts.checks ?? []).flatMap((check) => check(parsed.data, secrets));
  const problems = [...grantProblems(parsed.data), ...approvalProblems(parsed.data), ...checks];
  if (problems.length > 0) {
    throw new ConfigError(`The configuration in ${path ?? 'built-in defaults'} is not valid:\n${problems.map((l) => `  - ${l}`).join('\n')}`);
  }
  return {
    ...parsed.data,
    source: path ? resolve(path) : 'built-in demo defaults',
    demo: !path,
    secrets,
    chatPlatforms: platforms.map(platformInfo),
    secretValues: secretValues(secrets, platforms),
    logLevel: env.DAYOPS_LOG_LEVEL ?? 'info',
    childEnv: childEnvironment(env, parsed.data.scriptEnv),
  };
}

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`Cannot read the config file ${path}: ${(err as Error).message}`);
  }
  let data: unknown;
  try {
    data = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new ConfigError(`The config file ${path} is not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(err as Error).message}`);
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigError(`The config file ${path} must hold a mapping of settings at the top level.`);
  }
  return data as Record<string, unknown>;
}

function applyEnv(raw: Record<string, unknown>, env: Env): Record<string, unknown> {
  const out: Record<string, unknown> = { ...raw };
  const http = { ...((raw.http as Record<string, unknown> | undefined) ?? {}) };
  if (env.DAYOPS_HOST) http.host = env.DAYOPS_HOST;
  if (env.DAYOPS_PORT !== undefined && env.DAYOPS_PORT !== '') http.port = parsePort(env.DAYOPS_PORT);
  // Anything but a mapping is left for the schema to report rather than replaced by defaults.
  const absentOrMapping = raw.http == null || (typeof raw.http === 'object' && !Array.isArray(raw.http));
  if (absentOrMapping) out.http = http;
  if (env.DAYOPS_DATA_DIR) out.dataDir = env.DAYOPS_DATA_DIR;
  if (env.DAYOPS_PUBLIC_URL) out.publicUrl = env.DAYOPS_PUBLIC_URL;
  if (env.DAYOPS_TIMEZONE) out.timezone = env.DAYOPS_TIMEZONE;
  if (env.DAYOPS_SHUTDOWN_SECONDS) out.shutdownSeconds = parseSeconds('DAYOPS_SHUTDOWN_SECONDS', env.DAYOPS_SHUTDOWN_SECONDS);
  return out;
}

/** Each platform's settings that its environment variables set (a list of server ids). */
function applyPlatformEnv(raw: Record<string, unknown>, platforms: readonly ChatPlatformConfig[], env: Env): Record<string, unknown> {
  const out = { ...raw };
  for (const platform of platforms) {
    for (const setting of platform.envSettings ?? []) {
      const value = env[setting.variable];
      if (!value) continue;
      const parsed = setting.list ? value.split(',').map((v) => v.trim()).filter(Boolean) : value.trim();
      out[platform.name] = { ...section(out[platform.name]), [setting.key]: parsed };
    }
  }
  return out;
}

/**
 * Identities as config files wrote them before `identities:` existed: a person's list under a
 * platform's name (`<platform>: [U0123]`) is read as `identities.<platform>`, so those files still load.
 */
function legacyIdentities(raw: Record<string, unknown>, platforms: readonly ChatPlatformConfig[]): Record<string, unknown> {
  if (!Array.isArray(raw.people)) return raw;
  const names = new Set(platforms.map((p) => p.name));
  const people = raw.people.map((person: unknown) => {
    if (!person || typeof person !== 'object' || Array.isArray(person)) return person;
    const entries = Object.entries(person as Record<string, unknown>);
    const legacy = entries.filter(([key, value]) => names.has(key) && Array.isArray(value));
    if (legacy.length === 0) return person;
    const rest = Object.fromEntries(entries.filter(([key]) => !legacy.some(([k]) => k === key)));
    const identities: Record<string, unknown> = { ...section(rest.identities) };
    for (const [key, value] of legacy) identities[key] = [...(Array.isArray(identities[key]) ? identities[key] : []), ...(value as unknown[])];
    return { ...rest, identities };
  });
  return { ...raw, people };
}

/** A config section as given, for an environment variable to add to; anything but a mapping is the schema's to report. */
function section(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function parseSeconds(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new ConfigError(`${name} must be a number of seconds (0 or more); it is "${value}".`);
  return n;
}

function parsePort(value: string): number {
  const n = Number(value);
  // Number() would also take "0x50", "1e3" and " 80".
  if (!/^\d+$/.test(value) || n > 65535) {
    throw new ConfigError(`DAYOPS_PORT must be a whole number from 0 to 65535 (0 picks a free port); it is "${value}".`);
  }
  return n;
}

/** `NAME` or the contents of the file named by `NAME_FILE`. */
export function secret(env: Env, name: string): string | undefined {
  const direct = env[name];
  if (direct) return direct;
  const file = env[`${name}_FILE`];
  if (!file) return undefined;
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (err) {
    throw new ConfigError(`${name}_FILE names ${file}, which cannot be read: ${(err as Error).message}`);
  }
}

/** A PEM key pasted into one environment variable often carries its newlines as `\\n`. */
function pem(value: string | undefined): string | undefined {
  return value?.includes('\\n') && !value.includes('\n') ? value.replace(/\\n/g, '\n') : value;
}

function readSecrets(env: Env, platforms: readonly ChatPlatformConfig[]): Secrets {
  const s = (name: string) => secret(env, name);
  const secrets: Secrets = { chat: {} };
  for (const platform of platforms) {
    const found = platform.readSecrets?.(s, env);
    if (found) secrets.chat[platform.name] = found;
  }
  secrets.webhookToken = s('DAYOPS_WEBHOOK_TOKEN');
  secrets.grafanaSecret = s('DAYOPS_GRAFANA_SECRET');
  secrets.githubToken = s('GITHUB_TOKEN');
  const app = { appId: env.GITHUB_APP_ID, privateKey: pem(s('GITHUB_APP_PRIVATE_KEY')), webhookSecret: s('GITHUB_WEBHOOK_SECRET') };
  if (app.appId || app.privateKey || app.webhookSecret) secrets.githubApp = app;
  const argoUrl = env.ARGOCD_URL;
  const argoToken = s('ARGOCD_TOKEN');
  if (argoUrl && argoToken) secrets.argocd = { url: argoUrl, token: argoToken };
  secrets.alertmanagerUrl = env.DAYOPS_ALERTMANAGER_URL;
  secrets.databaseUrl = s('DAYOPS_DATABASE_URL');
  secrets.auditSigningKey = auditSigningKey(s('DAYOPS_AUDIT_SIGNING_KEY'));
  return secrets;
}

/** An Ed25519 private key in PEM, checked here so a wrong one is reported at start, not at export. */
function auditSigningKey(pem: string | undefined): string | undefined {
  if (!pem) return undefined;
  const hint = 'DAYOPS_AUDIT_SIGNING_KEY must hold an Ed25519 private key in PEM (openssl genpkey -algorithm ed25519)';
  let type: string | undefined;
  try {
    type = createPrivateKey(pem).asymmetricKeyType;
  } catch {
    throw new ConfigError(`${hint}; the value set cannot be read as a private key.`);
  }
  if (type !== 'ed25519') throw new ConfigError(`${hint}; the value set is a ${type ?? 'different'} key.`);
  return pem;
}

/** The webhook engines' default secret variable, resolved even when no service names it yet. */
const DEFAULT_ENGINE_SECRET = 'DAYOPS_DEPLOY_WEBHOOK_SECRET';

/** Secrets the config file names by variable: every `secretEnv` anywhere in it (engine specs, wherever they sit). */
function engineSecrets(config: FileConfig, env: Env): Record<string, string> {
  const found: Record<string, string> = {};
  for (const name of new Set([DEFAULT_ENGINE_SECRET, ...valuesOfKey(config, 'secretEnv')])) {
    const value = secret(env, name);
    if (value) found[name] = value;
  }
  return found;
}

function valuesOfKey(value: unknown, key: string): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => valuesOfKey(v, key));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => (k === key && typeof v === 'string' ? [v] : valuesOfKey(v, key)));
}

/** Settings that environment variables override, so errors can name the variable that was set. */
function envSources(env: Env, platforms: readonly ChatPlatformConfig[]): Record<string, string> {
  const names: Record<string, string> = { dataDir: 'DAYOPS_DATA_DIR', publicUrl: 'DAYOPS_PUBLIC_URL', timezone: 'DAYOPS_TIMEZONE', 'http.host': 'DAYOPS_HOST' };
  for (const platform of platforms) for (const setting of platform.envSettings ?? []) names[`${platform.name}.${setting.key}`] = setting.variable;
  return Object.fromEntries(Object.entries(names).filter(([, name]) => env[name]));
}

/** One sentence per problem, each naming the key: `people.0.name must be …`. */
export function describeIssues(source: string, error: z.ZodError, fromEnv: Record<string, string> = {}): string {
  const lines = error.issues.map((issue) => {
    const path = issue.path.join('.');
    const key = fromEnv[path] ? `${path} (set by ${fromEnv[path]})` : path || '(top level)';
    if (issue.code === 'unrecognized_keys') {
      return `${key === '(top level)' ? '' : `${key}: `}unknown setting ${issue.keys.map((k) => `"${k}"`).join(', ')}.`;
    }
    return `${key}: ${issue.message}.`;
  });
  return `The configuration in ${source} is not valid:\n${lines.map((l) => `  - ${l}`).join('\n')}`;
}
