import { z } from 'zod';
import type { LiveReading, LiveSource, LiveTarget } from '../../../bot/drift/live-source.js';
import { argocdSpec } from '../engine-config.js';
import { applicationPath, argoRequest, classifyArgoError, type ArgoConnection } from './client.js';

/** The parts of an application that say what runs and whether Argo CD thinks it should. */
const liveView = z.object({
  status: z
    .object({
      sync: z.object({ status: z.string().optional(), revision: z.string().optional() }).optional(),
      operationState: z
        .object({
          operation: z
            .object({
              sync: z.object({ revision: z.string().optional() }).optional(),
              initiatedBy: z.object({ username: z.string().optional(), automated: z.boolean().optional() }).optional(),
              info: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
            })
            .optional(),
          syncResult: z.object({ revision: z.string().optional() }).optional(),
        })
        .optional(),
    })
    .optional(),
});

/** Reads an Argo CD application's live revision and sync status for the drift checks. */
export class ArgocdLiveSource implements LiveSource {
  readonly type = 'argocd';
  readonly label = 'Argo CD';

  constructor(private readonly conn: ArgoConnection) {}

  async read(target: LiveTarget, signal: AbortSignal): Promise<LiveReading> {
    const spec = argocdSpec.parse(target.spec);
    const application = spec.application.replaceAll('{service}', target.service).replaceAll('{env}', target.env);
    let body: unknown;
    try {
      body = await argoRequest(this.conn, 'GET', applicationPath(application), signal);
    } catch (err) {
      return { kind: 'unknown', reason: classifyArgoError(err).message };
    }
    const parsed = liveView.safeParse(body);
    if (!parsed.success) return { kind: 'unknown', reason: `Argo CD answered for ${application} with something that is not an application` };
    return readingOf(parsed.data, `${this.conn.url.replace(/\/$/, '')}/applications/${encodeURIComponent(application)}`);
  }
}

export function readingOf(app: z.infer<typeof liveView>, url: string): LiveReading {
  const sync = app.status?.sync;
  const revision = sync?.revision;
  if (!revision || !sync.status || sync.status === 'Unknown') return { kind: 'unknown', reason: `Argo CD reports the sync status as ${sync?.status ?? 'missing'}${revision ? '' : ', with no revision'}` };
  const op = app.status?.operationState;
  // The last operation describes what runs only when it synced this revision.
  const lastOp = op?.syncResult?.revision === revision ? op.operation : undefined;
  const asked = lastOp?.sync?.revision;
  const deployId = lastOp?.info?.find((i) => i.name === 'dayops-deploy-id')?.value;
  const by = lastOp?.initiatedBy?.automated ? 'Argo CD auto-sync' : lastOp?.initiatedBy?.username;
  return {
    kind: 'live',
    revision,
    aliases: asked && asked !== revision ? [asked] : [],
    outOfSync: sync.status === 'OutOfSync',
    ...(deployId ? { deployId } : {}),
    ...(by ? { by } : {}),
    url,
  };
}
