import type { DeployEngine, EngineSpec } from './engine.js';

/**
 * The deploy engines this process runs, by spec type. The composition root registers them
 * (script always; webhook, github-actions and argocd when configured).
 */
export class EngineRegistry {
  private readonly engines = new Map<string, DeployEngine>();

  constructor(engines: readonly DeployEngine[] = []) {
    for (const engine of engines) this.register(engine);
  }

  register(engine: DeployEngine): void {
    if (this.engines.has(engine.type)) throw new Error(`Two deploy engines of type "${engine.type}" are registered.`);
    this.engines.set(engine.type, engine);
  }

  get(type: EngineSpec['type']): DeployEngine | undefined {
    return this.engines.get(type);
  }

  /** Every engine stops following its runs (shutdown); see DeployEngine.detach. */
  detachAll(): void {
    for (const engine of this.engines.values()) engine.detach?.();
  }

  types(): string[] {
    return [...this.engines.keys()];
  }
}
