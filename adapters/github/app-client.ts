import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/rest';

export type InstallationClient = Octokit;

export interface AppCredentials {
  appId: string;
  privateKey: string;
}

/**
 * Octokit clients that act as one installation of the dayops GitHub App, one per installation.
 * @octokit/auth-app signs the app JWT, exchanges it for an installation token and renews it
 * before it expires. fetch is looked up per call so test interceptors (msw) see it.
 */
export class InstallationClients {
  private readonly clients = new Map<number, InstallationClient>();

  constructor(
    private readonly credentials: AppCredentials | undefined,
    private readonly apiUrl: string,
  ) {}

  /** Undefined when the app id or private key is not set. */
  get(installationId: number): InstallationClient | undefined {
    if (!this.credentials) return undefined;
    let client = this.clients.get(installationId);
    if (!client) {
      client = new Octokit({
        authStrategy: createAppAuth,
        auth: { ...this.credentials, installationId },
        baseUrl: this.apiUrl.replace(/\/$/, ''),
        userAgent: 'dayops',
        request: { fetch: (input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init) },
        log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
      });
      this.clients.set(installationId, client);
    }
    return client;
  }
}
