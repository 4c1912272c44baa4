import { pino, type Logger } from 'pino';

/**
 * What data/ needs from the rest of dayops, declared here so data/ imports nothing from bot/
 * (docs/architecture.md, "Layers and ports"). The core's own logger, clock and config satisfy
 * these structurally; bin/ passes them in.
 */

/** The logger: pino's, the same type bot/log.ts builds (with redaction) and passes in. */
export type { Logger } from 'pino';

/** A logger that writes nothing: the default of stores opened without one (tests, tools). */
export const silentLogger: Logger = pino({ level: 'silent' });

/** The clock a store may be given; bot/clock.ts's Clock is one. */
export interface StoreClock {
  now(): Date;
}

/** The settings that choose and open a store; bot/config's Config is one. */
export interface StoreConfig {
  dataDir: string;
  /** The embedded store fdatasyncs each commit before it is acknowledged. */
  journalFsync: boolean;
  secrets: { databaseUrl?: string };
}
