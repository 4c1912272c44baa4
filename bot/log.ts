import { pino, type Logger } from 'pino';

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

/** Logs go to stderr, never into the shell's output; JSON unless told to be pretty. */
export function createLogger(level: string, destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { app: 'dayops' } }, destination);
}

/** A logger that drops everything, for tests that do not look at logs. */
export const silentLogger: Logger = pino({ level: 'silent' });
