import { Redis, type RedisOptions, type Result } from "ioredis";
import type { ConversationKey, PlatformName } from "../core/conversation.ts";
import type { CommitRequest, CommitResult, SessionStore, StoredSession } from "../core/ports.ts";
import { callRedis } from "./call-redis.ts";
import { COMMIT_SCRIPT } from "./commit-script.ts";
import { decodeSession, diffFields, encodeSession } from "./session-codec.ts";
import { claimKey, conversationKeyPattern, sessionKey } from "./store-keys.ts";
import { DEFAULT_CLAIM_TTL_MS, DEFAULT_SESSION_TTL_MS, type StoreTtls } from "./store-ttls.ts";
import { unlinkMatching } from "./unlink-matching.ts";

declare module "ioredis" {
  interface RedisCommander<Context> {
    secondroundCommitBuffer(...keysAndArgs: (string | number | Buffer)[]): Result<unknown, Context>;
  }
}

export type RedisSessionStoreConfig = Partial<StoreTtls> & {
  /** Key namespace, "sr" by default; lets several deployments share one Redis. */
  readonly keyPrefix?: string;
  /** Connection errors (ioredis reconnects by itself); without a handler Node would print them raw. */
  readonly onConnectionError?: (error: Error) => void;
} & ({ readonly url: string; readonly redisOptions?: RedisOptions } | { readonly client: Redis });

/**
 * Sessions in Redis: one hash per interview, written by one Lua script per change (see
 * commit-script.ts), read with one HGETALL. Accepts a URL (and owns that connection) or a client.
 */
export class RedisSessionStore implements SessionStore {
  readonly #redis: Redis;
  readonly #ownsClient: boolean;
  readonly #prefix: string;
  readonly #ttls: StoreTtls;

  constructor(config: RedisSessionStoreConfig) {
    this.#ownsClient = "url" in config;
    this.#redis =
      "url" in config
        ? new Redis(config.url, { maxRetriesPerRequest: 3, ...config.redisOptions })
        : config.client;
    if (this.#ownsClient) this.#redis.on("error", config.onConnectionError ?? (() => {}));
    this.#redis.defineCommand("secondroundCommit", { numberOfKeys: 2, lua: COMMIT_SCRIPT });
    this.#prefix = config.keyPrefix ?? "sr";
    this.#ttls = {
      sessionTtlMs: config.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS,
      claimTtlMs: config.claimTtlMs ?? DEFAULT_CLAIM_TTL_MS,
    };
  }

  /** The underlying client, for health checks and benchmarks. */
  get client(): Redis {
    return this.#redis;
  }

  async load(conversation: ConversationKey): Promise<StoredSession | null> {
    const fields = await callRedis(() => this.#redis.hgetallBuffer(sessionKey(this.#prefix, conversation)));
    return toStored(conversation, new Map(Object.entries(fields)));
  }

  async commit(request: CommitRequest): Promise<CommitResult> {
    const { conversation, previous, next, eventId } = request;
    const encoded = next ? encodeSession(next) : undefined;
    const { changed, removed } = encoded
      ? diffFields(previous?.encoded, encoded)
      : { changed: [], removed: [] };
    const reply = await callRedis(() =>
      this.#redis.secondroundCommitBuffer(
        sessionKey(this.#prefix, conversation),
        claimKey(this.#prefix, conversation, eventId ?? "-"),
        previous ? String(previous.session.version) : "",
        next ? String(next.version) : "",
        this.#ttls.sessionTtlMs,
        eventId === undefined ? "0" : "1",
        this.#ttls.claimTtlMs,
        changed.length,
        ...changed.flat(),
        ...removed,
      ),
    );
    const [statusBuffer, current] = reply as [Buffer, Buffer[] | undefined];
    const status = statusBuffer.toString("utf8");
    if (status === "duplicate") return { status: "duplicate" };
    if (status === "conflict")
      return { status: "conflict", current: toStored(conversation, pairsToMap(current ?? [])) };
    if (!next || !encoded) return { status: "committed", stored: previous };
    return { status: "committed", stored: { session: next, encoded } };
  }

  async claimEvent(conversation: ConversationKey, eventId: string): Promise<boolean> {
    const key = claimKey(this.#prefix, conversation, eventId);
    const result = await callRedis(() => this.#redis.set(key, "1", "PX", this.#ttls.claimTtlMs, "NX"));
    return result === "OK";
  }

  /**
   * Every stored interview of a platform, for the sweep at start-up that redelivers what a crashed
   * process left in an outbox. SCAN, so it never blocks Redis.
   */
  async *conversations(platform: PlatformName): AsyncIterable<ConversationKey> {
    const suffix = "}:session";
    const stream = this.#redis.scanStream({ match: sessionKey(this.#prefix, `${platform}:*`), count: 500 });
    for await (const keys of stream as AsyncIterable<string[]>) {
      for (const key of keys) {
        const start = key.indexOf("{") + 1;
        yield key.slice(start, key.length - suffix.length) as ConversationKey;
      }
    }
  }

  async delete(conversation: ConversationKey): Promise<void> {
    await unlinkMatching(this.#redis, conversationKeyPattern(this.#prefix, conversation));
  }

  async close(): Promise<void> {
    if (this.#ownsClient) await this.#redis.quit();
  }
}

function toStored(conversation: string, fields: Map<string, Buffer>): StoredSession | null {
  if (fields.size === 0) return null;
  return { session: decodeSession(conversation, fields), encoded: fields };
}

function pairsToMap(pairs: readonly Buffer[]): Map<string, Buffer> {
  const map = new Map<string, Buffer>();
  for (let index = 0; index + 1 < pairs.length; index += 2) {
    map.set((pairs[index] as Buffer).toString("utf8"), pairs[index + 1] as Buffer);
  }
  return map;
}
