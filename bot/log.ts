import { pino, type DestinationStream, type Logger } from 'pino';
import { redactValues } from './config/child-env.js';

export type { Logger } from 'pino';

/** Every field that may carry a secret, wherever it appears in a log object. */
export const REDACT_PATHS = [
  'token',
  '*.token',
  'botToken',
  '*.botToken',
  'appToken',
  '*.appToken',
  'signingSecret',
  '*.signingSecret',
  'secret',
  '*.secret',
  'secrets',
  'password',
  '*.password',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'headers["x-slack-signature"]',
  'headers["x-signature-ed25519"]',
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
  'publicKey',
  '*.publicKey',
  'databaseUrl',
  '*.databaseUrl',
  'config.headers.Authorization',
  '*.config.headers.Authorization',
  'headers["x-grafana-alerting-signature"]',
  'headers["x-dayops-signature"]',
  'req.headers["x-slack-signature"]',
  'req.headers["x-signature-ed25519"]',
];

/**
 * Logs go to stderr, never into the shell's output; JSON unless told to be pretty. Besides the
 * fields above, every value in `secrets` (Config.secretValues) is censored wherever it appears
 * in a line: in a message, an error, a script's output.
 */
export function createLogger(level: string, destination: DestinationStream = process.stderr, secrets: readonly string[] = []): Logger {
  // A line is JSON: a secret with quotes, backslashes or newlines (a PEM key) appears escaped.
  const forms = [...new Set(secrets.flatMap((v) => [JSON.stringify(v).slice(1, -1), v]))].sort((a, b) => b.length - a.length);
  const hooks = forms.length > 0 ? { hooks: { streamWrite: (line: string) => redactValues(line, forms) } } : {};
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { app: 'dayops' }, ...hooks }, destination);
}

/** A logger that drops everything, for tests that do not look at logs. */
export { silentLogger } from '../data/ports.js';
