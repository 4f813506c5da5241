import { webApi } from "@slack/bolt";
import type { SecretInstallationStore } from "./installation-store.ts";

/**
 * A stored token is read again after this long, so a reinstall (new token) or an uninstall seen by
 * another process reaches this one within a minute, without a Redis read and a decryption per post.
 */
const TOKEN_CACHE_MS = 60_000;

export interface WorkspaceClientsOptions {
  /** Single-workspace install: this token for everything. */
  readonly botToken?: string | undefined;
  /** OAuth installs: each workspace's token from the encrypted store. */
  readonly installations?: SecretInstallationStore | undefined;
  readonly clientOptions: webApi.WebClientOptions;
  readonly now?: () => number;
}

interface CachedClient {
  readonly token: string;
  readonly client: webApi.WebClient;
  readonly fetchedAt: number;
}

/**
 * Web API clients for posting outside a request (the engine's messages): one per workspace, so a
 * rate limit in one workspace (which pauses its client's queue) never holds up another.
 */
export class WorkspaceClients {
  readonly #options: WorkspaceClientsOptions;
  readonly #now: () => number;
  readonly #cache = new Map<string, CachedClient>();

  constructor(options: WorkspaceClientsOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** The bot token of a workspace, or null when the app is not installed there. */
  async token(teamId: string): Promise<string | null> {
    return (await this.#entry(teamId))?.token ?? null;
  }

  async client(teamId: string): Promise<webApi.WebClient | null> {
    return (await this.#entry(teamId))?.client ?? null;
  }

  /** Drops what is cached for a workspace (uninstalled, tokens revoked). */
  forget(teamId: string): void {
    this.#cache.delete(teamId);
  }

  async #entry(teamId: string): Promise<CachedClient | null> {
    const cached = this.#cache.get(teamId);
    if (cached && (this.#options.botToken || this.#now() - cached.fetchedAt < TOKEN_CACHE_MS)) return cached;
    const token = this.#options.botToken ?? (await this.#options.installations?.botToken(teamId)) ?? null;
    if (!token) {
      this.#cache.delete(teamId);
      return null;
    }
    const client =
      cached?.token === token
        ? cached.client
        : new webApi.WebClient(token, { ...this.#options.clientOptions, teamId });
    const entry = { token, client, fetchedAt: this.#now() };
    this.#cache.set(teamId, entry);
    return entry;
  }
}
