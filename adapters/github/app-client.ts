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
  private readonly installations = new Map<string, number>();
  private app: InstallationClient | undefined;

  constructor(
    private readonly credentials: AppCredentials | undefined,
    private readonly apiUrl: string,
    /** GITHUB_TOKEN: used for a repository when the app is not configured. */
    private readonly token?: string,
  ) {}

  /** Whether dayops can call GitHub at all (as the app, or with GITHUB_TOKEN). */
  get configured(): boolean {
    return this.credentials !== undefined || this.token !== undefined;
  }

  /**
   * A client for one repository: the app's installation there (looked up once with the app's
   * JWT), else GITHUB_TOKEN. Throws GitHub's error when the app is not installed there.
   */
  async forRepository(owner: string, repo: string): Promise<InstallationClient | undefined> {
    if (!this.credentials) return this.token ? this.tokenClient(this.token) : undefined;
    const key = `${owner}/${repo}`.toLowerCase();
    let id = this.installations.get(key);
    if (id === undefined) {
      this.app ??= this.octokit({ authStrategy: createAppAuth, auth: this.credentials });
      const { data } = await this.app.request('GET /repos/{owner}/{repo}/installation', { owner, repo });
      id = data.id;
      this.installations.set(key, id);
    }
    return this.get(id);
  }

  /** Undefined when the app id or private key is not set. */
  get(installationId: number): InstallationClient | undefined {
    if (!this.credentials) return undefined;
    let client = this.clients.get(installationId);
    if (!client) {
      client = this.octokit({ authStrategy: createAppAuth, auth: { ...this.credentials, installationId } });
      this.clients.set(installationId, client);
    }
    return client;
  }

  private tokenClient(token: string): InstallationClient {
    this.app ??= this.octokit({ auth: token });
    return this.app;
  }

  private octokit(auth: Pick<ConstructorParameters<typeof Octokit>[0] & object, 'auth' | 'authStrategy'>): InstallationClient {
    return new Octokit({
      ...auth,
      baseUrl: this.apiUrl.replace(/\/$/, ''),
      userAgent: 'dayops',
      request: { fetch: (input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init) },
      log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    });
  }
}
