import type { EngineSpec } from '../deployments/engine.js';

/**
 * The port the core reads live state through: what a deploy engine says runs in an environment.
 * Adapters implement it (Argo CD applications, GitHub deployments); bin/ passes them in.
 */
export interface LiveTarget {
  service: string;
  env: string;
  /** The service's engine spec, as configured (its `type` picks the source). */
  spec: EngineSpec;
}

export type LiveReading =
  | {
      kind: 'live';
      /** The revision that runs (a commit, a tag, a ref). */
      revision: string;
      /** Other names of the same revision (the tag a sync asked for, the ref of a commit). */
      aliases: string[];
      /** The engine itself says the live state differs from what it should run (Argo CD OutOfSync). */
      outOfSync: boolean;
      /** The dayops deployment (DEP-n) that made it, when the engine records one. */
      deployId?: string;
      /** Who made it, as the engine names them. */
      by?: string;
      /** When it was made: a live deployment made while a dayops deployment ran there is that one's. */
      at?: string;
      url?: string;
    }
  /** The engine could not be read: never "in sync". */
  | { kind: 'unknown'; reason: string };

export interface LiveSource {
  /** The engine spec type it reads (`argocd`, `github-actions`). */
  readonly type: string;
  /** The engine's own name for people (`Argo CD`, `GitHub`). */
  readonly label: string;
  read(target: LiveTarget, signal: AbortSignal): Promise<LiveReading>;
}
