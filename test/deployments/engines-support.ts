import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import type { EngineEvent, EngineJob, EngineSpec } from '../../bot/deployments/engine.js';
import { engineSpecSchema } from '../../adapters/deploy/engine-config.js';

export const quietLog = pino({ level: 'silent' });

/** A recorded fixture under test/fixtures/<source>/<name>.json. */
export function fixture(source: string, name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../fixtures/${source}/${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
}

export function job(spec: Record<string, unknown>, overrides: Partial<EngineJob> = {}): EngineJob {
  const parsed: EngineSpec = engineSpecSchema.parse(spec);
  return { id: 'DEP-12', purpose: 'deploy', service: 'checkout', env: 'prod', version: 'v2.8.1', spec: parsed, ...overrides };
}

/** Collects a run's events; `final` resolves with the first final status. */
export class EventLog {
  readonly events: EngineEvent[] = [];
  private resolveFinal!: (e: EngineEvent) => void;
  readonly final = new Promise<EngineEvent>((resolve) => (this.resolveFinal = resolve));
  readonly emit = (event: EngineEvent): void => {
    this.events.push(event);
    if (event.type === 'status' && event.status !== 'running') this.resolveFinal(event);
  };

  statuses(): string[] {
    return this.events.flatMap((e) => (e.type === 'status' ? [e.status] : []));
  }

  lines(): string[] {
    return this.events.flatMap((e) => (e.type === 'log' ? [e.line] : []));
  }
}
