import { parseArgs } from 'node:util';
import { LogSender } from '../adapters/chat/shell/log-sender.js';
import { CommandRegistry } from '../bot/registry.js';
import { ACTIONS, COMMANDS } from '../commands/index.js';
import { CHAT_ADAPTERS } from './chat-adapters.js';
import { ConfigError, loadConfig } from './config.js';
import type { Config } from '../bot/config/schema.js';
import { createLogger, type Logger } from '../bot/log.js';
import { DataDirLockedError } from '../data/data-dir-lock.js';
import { DataFileError } from '../data/load-state.js';
import { StoreOpenError } from '../data/store-factory.js';
import { migrateStore } from '../data/pg-migrate-store.js';
import { ID_COUNTERS } from '../bot/ids.js';
import { buildApp, StartError, type App } from './app.js';
import { shellLogger } from './shell-log.js';
import { StopSignals } from './stop-signals.js';
import { exportAuditCommand, verifyAuditCommand } from './audit-commands.js';
import { exportDecisionsCommand, exportPostmortemCommand } from './export-commands.js';
import { runShell } from './shell-runner.js';
import { oncallImportCommand } from './oncall-commands.js';
import { githubAppManifest } from '../adapters/github/manifest.js';
import { runDoctor } from './doctor.js';

const USAGE = `Usage: dayops <command> [options]

Commands:
  start                 the HTTP server and every configured chat platform; the shell when none is configured
  serve                 the HTTP server and chat platforms, never the shell (service managers, containers)
  shell                 the interactive shell (piped input: one command per line)
  export-audit <file>   write the audit log as JSON lines; signed <file>.manifest.json when DAYOPS_AUDIT_SIGNING_KEY is set
  verify-audit [file]   check the audit log's hash chain (the store's, or an export and its manifest);
                        --manifest <file>, --public-key <pem file>
  export-decisions <dir>
                        write every decision as a Markdown decision record, with an index
  export-postmortem <id> <file>
                        write an incident's postmortem as Markdown
  migrate-store --from <data dir> --to <database url>
                        copy a data directory into an empty PostgreSQL database and verify it
${CHAT_ADAPTERS.flatMap((a) => a.cli ?? []).map((c) => `  ${c.name.padEnd(22)}${c.usage}\n`).join('')}  oncall import --ical <file|url on this host> --name <schedule>
                        turn a rotation exported as iCalendar into a schedule; --service, --level, --timezone
  github-app-manifest   print the GitHub App manifest (JSON) for the deployment protection rule
  doctor                list the configured chat channels the bot cannot post to (exit 1 if any)

Shell options:
  --as <person>         speak as this person (default: the config's shellPerson, alice in the demo)
  --strict              piped mode: exit 1 when a line failed
  --timeout <seconds>   piped mode: how long to wait for started work to settle (default 60)
`;

type Mode = 'start' | 'serve' | 'shell';

/** The `dayops` command; resolves the process exit code. */
export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        as: { type: 'string' },
        strict: { type: 'boolean', default: false },
        timeout: { type: 'string', default: '60' },
        socket: { type: 'boolean', default: false },
        guild: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        manifest: { type: 'string' },
        'public-key': { type: 'string' },
        ical: { type: 'string' },
        name: { type: 'string' },
        service: { type: 'string', multiple: true },
        level: { type: 'string' },
        timezone: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    return fail(`${(err as Error).message}\n\n${USAGE}`);
  }
  const [command = 'start', ...rest] = parsed.positionals;
  if (parsed.values.help || command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) return fail(err.message);
    throw err;
  }
  switch (command) {
    case 'start':
    case 'serve':
    case 'shell':
      return run(command, config, parsed.values);
    case 'export-audit':
      if (!rest[0]) return fail('export-audit needs a file to write: dayops export-audit audit.jsonl');
      return exportAuditCommand(config, rest[0]);
    case 'verify-audit':
      return verifyAuditCommand(config, rest[0], { manifest: parsed.values.manifest, publicKey: parsed.values['public-key'] });
    case 'export-postmortem':
      if (!rest[0] || !rest[1]) return fail('export-postmortem needs an incident and a file: dayops export-postmortem INC-3 INC-3.md');
      return exportPostmortemCommand(config, rest[0], rest[1]);
    case 'export-decisions':
      if (!rest[0]) return fail('export-decisions needs a directory: dayops export-decisions docs/decisions');
      return exportDecisionsCommand(config, rest[0]);
    case 'migrate-store':
      return runMigrateStore(parsed.values.from, parsed.values.to);
    case 'oncall':
      if (rest[0] !== 'import') return fail('dayops oncall knows one subcommand: import --ical <file> --name <schedule>');
      return oncallImportCommand(config, parsed.values, (line) => process.stdout.write(`${line}\n`));
    case 'github-app-manifest':
      return printManifest(() => githubAppManifest(config));
    case 'doctor':
      return runDoctor(config, (line) => process.stdout.write(`${line}\n`));
    default:
      return runChatCommand(command, config, parsed.values);
  }
}

function fail(message: string): number {
  process.stderr.write(`dayops: ${message}\n`);
  return 2;
}

async function openApp(config: Config, log: Logger, mode: 'shell' | 'service' = 'service'): Promise<App | number> {
  try {
    return await buildApp({ config, log, mode, holdLockUntilExit: true });
  } catch (err) {
    if (err instanceof DataDirLockedError || err instanceof DataFileError || err instanceof StoreOpenError) {
      process.stderr.write(`dayops: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

async function run(mode: Mode, config: Config, values: { as?: string; strict?: boolean; timeout?: string }): Promise<number> {
  const chat = Object.keys(config.secrets.chat).length > 0;
  const withShell = mode === 'shell' || (mode === 'start' && !chat);
  const timeoutSeconds = Number(values.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds < 0) return fail(`--timeout must be a number of seconds; it is "${values.timeout}".`);
  const logging = withShell
    ? shellLogger(config.dataDir, config.logLevel, config.secretValues, config.chatPlatforms)
    : { log: createLogger(config.logLevel, process.stderr, config.secretValues, config.chatPlatforms), notices: undefined };
  const { log } = logging;
  const opened = await openApp(config, log, withShell ? 'shell' : 'service');
  if (typeof opened === 'number') return opened;
  const app = opened;
  const settleSeconds = config.shutdownSeconds;
  const signals = new StopSignals((text) => process.stderr.write(`dayops: ${text}\n`), settleSeconds).install();
  const started = await startApp(app, log);
  if (typeof started === 'number') return started;
  log.info({ url: started.url, dataDir: config.dataDir, config: config.source }, 'dayops is listening');
  if (!withShell) {
    app.addSender(new LogSender(log.child({ part: 'shell-channels' }), config.timezone));
    await new Promise<void>((resolve) => signals.whenStopping(() => resolve()));
    return stopApp(app, log);
  }
  const code = await runShell(app, {
    person: values.as,
    strict: Boolean(values.strict),
    settleTimeoutMs: timeoutSeconds * 1000,
    input: process.stdin,
    output: process.stdout,
    banner: process.stdin.isTTY ? shellBanner(app, config, started.url) : [],
    signals,
    notices: logging.notices,
  });
  const stopped = await stopApp(app, log);
  return stopped === 0 ? code : stopped;
}

/** Starting fails cleanly on a mistake a person can fix (the port taken): one sentence, lock released. */
async function startApp(app: App, log: Logger): Promise<{ url: string } | number> {
  try {
    return await app.start();
  } catch (err) {
    await app.stop(0).catch((stopErr: unknown) => log.error({ err: stopErr }, 'stopping after a failed start failed'));
    if (err instanceof StartError) {
      process.stderr.write(`dayops: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

/** The graceful stop; a failure while stopping still ends the process, with a code that says so. */
async function stopApp(app: App, log: Logger): Promise<number> {
  log.info('shutting down');
  try {
    await app.stop();
    return 0;
  } catch (err) {
    log.error({ err }, 'shutdown failed');
    return 1;
  }
}

function shellBanner(app: App, config: Config, url: string): string[] {
  const lines = [
    `dayops — Day-0 decisions, Day-1 deployments, Day-2 operations. Data in ${config.dataDir}; HTTP on ${url}.`,
    `Config: ${config.source}. Log: ${config.dataDir}/dayops.log. Type help for commands, quit to leave; Ctrl-C stops gracefully.`,
    `Web board: ${url}/board (type board for your one-time sign-in link).`,
  ];
  const hint = app.webhookHint(url);
  if (hint?.generated) lines.push(`Alert webhooks take the token generated for this session. Try:`, hint.curl);
  return lines;
}

function printManifest(manifest: () => string): number {
  try {
    process.stdout.write(manifest());
    return 0;
  } catch (err) {
    if (err instanceof ConfigError) return fail(err.message);
    throw err;
  }
}

/** A command a chat adapter adds (`slack-manifest`, `discord-register`), over the app's one registry. */
async function runChatCommand(name: string, config: Config, options: Record<string, string | boolean | string[] | undefined>): Promise<number> {
  const command = CHAT_ADAPTERS.flatMap((a) => a.cli ?? []).find((c) => c.name === name);
  if (!command) return fail(`Unknown command "${name}".\n\n${USAGE}`);
  try {
    return await command.run({ config, registry: new CommandRegistry(COMMANDS, ACTIONS), options, write: (line) => process.stdout.write(line.endsWith('\n') ? line : `${line}\n`) });
  } catch (err) {
    return fail((err as Error).message);
  }
}

async function runMigrateStore(from: string | undefined, to: string | undefined): Promise<number> {
  if (!from || !to) return fail('migrate-store needs both: dayops migrate-store --from ./.dayops --to postgres://user@host/dayops');
  try {
    const result = await migrateStore(from, to, { idCounters: ID_COUNTERS });
    process.stdout.write(`${result.lines.join('\n')}\n`);
    return result.ok ? 0 : 1;
  } catch (err) {
    return fail(`migrate-store failed, nothing was changed: ${(err as Error).message}`);
  }
}
