import { pino, type DestinationStream, type Logger } from 'pino';
import type { ChatPlatformInfo } from './config/chat-platform.js';
import { redactValues } from './config/child-env.js';

export type { Logger } from 'pino';

/** Every field that may carry a secret, wherever it appears in a log object. */
export const REDACT_PATHS = [
  'token',
  '*.token',
  'secret',
  '*.secret',
  'secrets',
  'password',
  '*.password',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'headers.cookie',
  // Named secrets as they sit in Config.secrets, should a config or an error carrying one be logged.
  'webhookToken',
  '*.webhookToken',
  'grafanaSecret',
  '*.grafanaSecret',
  'githubToken',
  '*.githubToken',
  'apiTokens',
  '*.apiTokens',
  'engineSecrets',
  '*.engineSecrets',
  'databaseUrl',
  '*.databaseUrl',
  'config.headers.Authorization',
  '*.config.headers.Authorization',
  'headers["x-grafana-alerting-signature"]',
  'headers["x-dayops-signature"]',
];

/** The fields and headers that carry the chat platforms' secrets, as their adapters declare them. */
export function chatRedactPaths(platforms: readonly ChatPlatformInfo[]): string[] {
  const keys = new Set(platforms.flatMap((p) => p.secretKeys ?? []));
  const headers = new Set(platforms.flatMap((p) => p.secretHeaders ?? []));
  return [...[...keys].flatMap((k) => [k, `*.${k}`]), ...[...headers].flatMap((h) => [`headers["${h}"]`, `req.headers["${h}"]`])];
}

/**
 * Logs go to stderr, never into the shell's output; JSON unless told to be pretty. Besides the
 * fields above, every value in `secrets` (Config.secretValues) is censored wherever it appears
 * in a line: in a message, an error, a script's output.
 */
export function createLogger(level: string, destination: DestinationStream = process.stderr, secrets: readonly string[] = [], platforms: readonly ChatPlatformInfo[] = []): Logger {
  // A line is JSON: a secret with quotes, backslashes or newlines (a PEM key) appears escaped.
  const forms = [...new Set(secrets.flatMap((v) => [JSON.stringify(v).slice(1, -1), v]))].sort((a, b) => b.length - a.length);
  const hooks = forms.length > 0 ? { hooks: { streamWrite: (line: string) => redactValues(line, forms) } } : {};
  return pino({ level, redact: { paths: [...new Set([...REDACT_PATHS, ...chatRedactPaths(platforms)])], censor: '[redacted]' }, base: { app: 'dayops' }, ...hooks }, destination);
}

/** A logger that drops everything, for tests that do not look at logs. */
export { silentLogger } from '../data/ports.js';
