import { http, HttpResponse } from 'msw';
import type { SetupServer } from 'msw/node';
import { loadConfig } from '../../bin/config.js';
import type { Config } from '../../bot/config/schema.js';
import type { OpsMessage } from '../../bot/model.js';
import type { Ops } from '../../bot/ops.js';
import { fixture } from '../deployments/engines-support.js';
import { outbox } from '../reminders/support.js';

export const ARGO = 'https://argocd.example.com';
export const APP_URL = `${ARGO}/api/v1/applications/api-staging`;
/** The revision the Argo CD fixtures synced, by dayops. */
export const SHA_A = '3f9c1a7e5b2d4c8f0a6e1b9d7c5a3f2e1d0c9b8a';
export const SHA_B = 'b1c2d3e4f5a60718293a4b5c6d7e8f9012345678';
export const FIVE_MIN = 5 * 60_000;

type App = Record<string, unknown> & { status: Record<string, unknown> };

/** The demo team, with api on Argo CD in staging and a drift poll every five minutes. */
export function argoConfig(change: (c: Config) => void = () => {}): Config {
  const config = structuredClone(loadConfig({ ARGOCD_URL: ARGO, ARGOCD_TOKEN: 'argo-token' }));
  config.services.api = { description: 'The public API', engine: { type: 'argocd', application: '{service}-{env}', prune: false, pollSeconds: 0.01 } };
  config.drift = { ...config.drift, envs: ['staging'] };
  config.deploys = { ...config.deploys, logFlushSeconds: 0 };
  change(config);
  return config;
}

/** The synced, healthy application of the fixtures (dayops synced SHA_A). */
export function synced(): App {
  return fixture('argocd', 'application-synced-healthy') as App;
}

/** The application synced by someone else to another revision. */
export function syncedBy(revision: string, username: string): App {
  const a = synced();
  const op = a.status.operationState as Record<string, unknown>;
  return {
    ...a,
    status: {
      ...a.status,
      sync: { ...(a.status.sync as object), revision },
      operationState: { ...op, operation: { sync: { revision }, initiatedBy: { username } }, syncResult: { revision } },
    },
  };
}

export function outOfSync(): App {
  const a = synced();
  return { ...a, status: { ...a.status, sync: { ...(a.status.sync as object), status: 'OutOfSync' } } };
}

/**
 * Argo CD as msw: GET answers whatever `state.live` holds now (an application, an error status,
 * or `down` for no answer at all); POST sync is accepted and counted.
 */
export function argoServer(server: SetupServer) {
  const state: { live: App | number | 'down'; syncs: unknown[] } = { live: synced(), syncs: [] };
  server.use(
    http.get(APP_URL, () => {
      const live = state.live;
      if (live === 'down') return HttpResponse.error();
      if (typeof live === 'number') return HttpResponse.json({ error: 'upstream', code: 14, message: 'upstream connect error' }, { status: live });
      return HttpResponse.json(live);
    }),
    http.post(`${APP_URL}/sync`, async ({ request }) => {
      state.syncs.push(await request.json());
      return HttpResponse.json(fixture('argocd', 'application-syncing'));
    }),
  );
  return state;
}

/** The thread of a finding, oldest first. */
export async function findingThread(ops: Ops, id: string): Promise<string[]> {
  return (await outbox(ops)).filter((r) => r.thread === `alert-group:${id}`).map((r) => (r.message as OpsMessage).text ?? '');
}
