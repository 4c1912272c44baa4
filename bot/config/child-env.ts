import type { ChatPlatformInfo } from './chat-platform.js';
import type { Env } from './load.js';
import type { Secrets } from './schema.js';

/**
 * What a deploy script or runbook inherits from dayops's environment: what a shell needs to find
 * programs, name the user, pick a language and time zone and reach the network through a proxy,
 * and nothing else. Anything more is passed on purpose, by name, with `scriptEnv`.
 */
const ALLOWED = new Set([
  'PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'PWD', 'HOSTNAME', 'TERM', 'TMPDIR', 'TZ', 'LANG', 'LANGUAGE',
  'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy',
  'SSL_CERT_FILE', 'SSL_CERT_DIR', 'NODE_EXTRA_CA_CERTS',
]);

export const CHILD_ENV_ALLOWED = [...ALLOWED, 'LC_*'];

/** The allow-listed variables, plus those the config passes on by name (`scriptEnv`). */
export function childEnvironment(env: Env, passed: readonly string[]): Record<string, string | undefined> {
  const wanted = new Set(passed);
  return Object.fromEntries(Object.entries(env).filter(([name]) => ALLOWED.has(name) || name.startsWith('LC_') || wanted.has(name)));
}

/** Shorter values would censor ordinary words; no real token or password is this short. */
const MIN_SECRET_LENGTH = 6;

/**
 * Every secret value dayops was given, longest first: the platform tokens, the database URL and
 * its password, and each variable the config names as `tokenEnv` or `secretEnv`, whatever its name.
 */
export function secretValues(secrets: Secrets, platforms: readonly ChatPlatformInfo[] = []): string[] {
  const values = [
    ...platforms.flatMap((p) => (p.secretKeys ?? []).map((key) => secrets.chat[p.name]?.[key])),
    secrets.webhookToken,
    secrets.grafanaSecret,
    secrets.githubToken,
    secrets.githubApp?.privateKey,
    secrets.githubApp?.webhookSecret,
    secrets.argocd?.token,
    secrets.databaseUrl,
    passwordOf(secrets.databaseUrl),
    secrets.auditSigningKey,
    ...Object.values(secrets.engineSecrets ?? {}),
    ...Object.values(secrets.apiTokens ?? {}),
  ];
  const unique = new Set(values.filter((v): v is string => typeof v === 'string' && v.length >= MIN_SECRET_LENGTH));
  return [...unique].sort((a, b) => b.length - a.length);
}

function passwordOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}

/** `text` with every secret value replaced by `[redacted]`. */
export function redactValues(text: string, values: readonly string[]): string {
  let out = text;
  for (const value of values) if (out.includes(value)) out = out.split(value).join('[redacted]');
  return out;
}
