import {
  type CommunitySettings,
  CommunitySettingsSchema,
  DEFAULT_COMMUNITY_SETTINGS,
} from "../core/model/community-settings.ts";
import type { CommunitySettingsStore } from "../core/ports/community-settings-store.ts";
import { leaseDue } from "./lease-due.ts";

/** Community settings and token meters in this process (tests, the terminal); same rules as Redis. */
export class MemoryCommunitySettingsStore implements CommunitySettingsStore {
  readonly #settings = new Map<string, CommunitySettings>();
  readonly #meters = new Map<string, number>();
  readonly #retentionDue = new Map<string, number>();

  async get(scope: string): Promise<CommunitySettings> {
    return structuredClone(this.#settings.get(scope) ?? DEFAULT_COMMUNITY_SETTINGS);
  }

  async put(scope: string, settings: CommunitySettings): Promise<void> {
    const parsed = CommunitySettingsSchema.parse(structuredClone(settings));
    this.#settings.set(scope, parsed);
    if (parsed.retentionDays === undefined) this.#retentionDue.delete(scope);
    else this.#retentionDue.set(scope, 0);
  }

  async claimDueRetention(now: number, leaseMs: number, limit: number): Promise<string[]> {
    return leaseDue(this.#retentionDue, now, leaseMs, limit);
  }

  async retentionApplied(scope: string, nextAt: number | null): Promise<void> {
    const current = this.#retentionDue.get(scope);
    if (nextAt === null) this.#retentionDue.delete(scope);
    else if (current !== undefined && nextAt < current) this.#retentionDue.set(scope, nextAt);
  }

  async addTokens(scope: string, month: string, tokens: number): Promise<number> {
    const key = `${scope}\u0000${month}`;
    const total = (this.#meters.get(key) ?? 0) + tokens;
    this.#meters.set(key, total);
    return total;
  }

  async tokensUsed(scope: string, month: string): Promise<number> {
    return this.#meters.get(`${scope}\u0000${month}`) ?? 0;
  }

  /** Forgets the community (its erasure). */
  erase(scope: string): void {
    this.#settings.delete(scope);
    this.#retentionDue.delete(scope);
    for (const key of this.#meters.keys()) if (key.startsWith(`${scope}\u0000`)) this.#meters.delete(key);
  }
}
