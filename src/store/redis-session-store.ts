import { Redis, type RedisOptions, type Result } from "ioredis";
import type { ConversationKey, PlatformName } from "../core/model/conversation.ts";
import { ConfigError } from "../core/model/errors.ts";
import type {
  CommitRequest,
  CommitResult,
  EnqueueResult,
  QueuedEvent,
  RateLimitCheck,
  RateLimited,
  SessionState,
  SessionStore,
  StoredSession,
} from "../core/ports/ports.ts";
import type { RedisConfig } from "../redis-config.ts";
import { callRedis } from "./call-redis.ts";
import { ClusterSweepSets } from "./cluster-sweep-sets.ts";
import { COMMIT_SCRIPT } from "./commit-script.ts";
import type { FieldCipher } from "./field-cipher.ts";
import { CLAIM_OVERDUE_SCRIPT, ENQUEUE_SCRIPT, MARK_DELIVERED_SCRIPT, READ_SCRIPT } from "./inbox-scripts.ts";
import { decodeQueuedEvent, encodeQueuedEvent } from "./queued-event-codec.ts";
import { isCluster, type RedisClient, redisConnector } from "./redis-connection.ts";
import { type ResealOutcome, requireCipher, resealAll } from "./reseal-values.ts";
import { scanKeys } from "./scan-keys.ts";
import { decodeSession, encodeChanges, SEEN_FIELD, type SessionWrite } from "./session-codec.ts";
import {
  claimKey,
  conversationKeyPattern,
  conversationOfSessionKey,
  deliveredKey,
  deliveryDueKey,
  encryptionKeyIdsKey,
  inboxKey,
  legacySweepKeys,
  rateBucketKey,
  sessionKey,
  timersDueKey,
} from "./store-keys.ts";
import {
  CLAIM_WINDOW_BYTES,
  DEFAULT_CLAIM_TTL_MS,
  DEFAULT_SESSION_TTL_MS,
  type StoreTtls,
} from "./store-ttls.ts";
import { removeTimersOf } from "./sweep-set-members.ts";
import { escapeGlob, unlinkMatching } from "./unlink-matching.ts";

declare module "ioredis" {
  interface RedisCommander<Context> {
    secondroundCommitBuffer(...keysAndArgs: (string | number | Buffer)[]): Result<unknown, Context>;
    secondroundReadBuffer(...keysAndArgs: (string | number)[]): Result<unknown, Context>;
    secondroundEnqueueBuffer(...keysAndArgs: (string | number)[]): Result<unknown, Context>;
    secondroundMarkDelivered(...keysAndArgs: (string | number)[]): Result<number, Context>;
    secondroundClaimOverdue(...keysAndArgs: (string | number)[]): Result<string[], Context>;
  }
}

export type RedisSessionStoreConfig = Partial<StoreTtls> & {
  /** Key namespace, "sr" by default; lets several deployments share one Redis. */
  readonly keyPrefix?: string;
  /**
   * Connection errors (ioredis reconnects by itself; without a handler Node would print them raw),
   * and in a Cluster the sweep-set writes that failed beside a commit (see cluster-sweep-sets.ts).
   */
  readonly onConnectionError?: (error: Error) => void;
  /** Seals personal text at rest (see field-cipher.ts); without it values are stored as encoded. */
  readonly cipher?: FieldCipher;
} & (
    | { readonly url: string; readonly redisOptions?: RedisOptions }
    /** Any topology, opened with the store's own connection (see redis-connection.ts). */
    | { readonly redis: RedisConfig }
    | { readonly client: RedisClient }
  );

/** Commands a connection opened by the store retries while reconnecting before failing. */
const STORE_RETRIES_PER_REQUEST = 3;

/** A state reply: "full" with the session's fields, or "same" when the caller's copy is current. */
type StateReply = [Buffer, Buffer[], Buffer[], Buffer[]];

/**
 * Sessions in Redis: one hash per interview, written by one Lua script per change (see
 * commit-script.ts), beside an inbox list of inbound events waiting to be applied and a set of
 * delivered outbox entries (see inbox-scripts.ts). Accepts a URL or a topology (and owns that
 * connection) or a client of any topology. In a Redis Cluster the deployment-wide sweep sets live
 * in a slot of their own and are kept by ClusterSweepSets beside the commit.
 */
export class RedisSessionStore implements SessionStore {
  readonly #redis: RedisClient;
  readonly #ownsClient: boolean;
  readonly #prefix: string;
  readonly #ttls: StoreTtls;
  /** Set in a Redis Cluster only: one node or Sentinel keeps the sweep sets inside the scripts. */
  readonly #clusterSweeps: ClusterSweepSets | null;
  readonly #cipher: FieldCipher | undefined;

  constructor(config: RedisSessionStoreConfig) {
    this.#cipher = config.cipher;
    this.#ownsClient = !("client" in config);
    this.#redis =
      "url" in config
        ? new Redis(config.url, { maxRetriesPerRequest: STORE_RETRIES_PER_REQUEST, ...config.redisOptions })
        : "redis" in config
          ? redisConnector(config.redis).open({ maxRetriesPerRequest: STORE_RETRIES_PER_REQUEST })
          : config.client;
    const onError = config.onConnectionError ?? (() => {});
    if (this.#ownsClient) this.#redis.on("error", onError);
    this.#redis.defineCommand("secondroundCommit", { numberOfKeys: 6, lua: COMMIT_SCRIPT });
    this.#redis.defineCommand("secondroundRead", { numberOfKeys: 3, lua: READ_SCRIPT });
    this.#redis.defineCommand("secondroundEnqueue", { numberOfKeys: 4, lua: ENQUEUE_SCRIPT });
    this.#redis.defineCommand("secondroundMarkDelivered", { numberOfKeys: 3, lua: MARK_DELIVERED_SCRIPT });
    this.#redis.defineCommand("secondroundClaimOverdue", { numberOfKeys: 2, lua: CLAIM_OVERDUE_SCRIPT });
    this.#prefix = config.keyPrefix ?? "sr";
    this.#clusterSweeps = isCluster(this.#redis)
      ? new ClusterSweepSets(this.#redis, this.#prefix, onError)
      : null;
    this.#ttls = {
      sessionTtlMs: config.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS,
      claimTtlMs: config.claimTtlMs ?? DEFAULT_CLAIM_TTL_MS,
    };
  }

  /** The underlying client, for health checks and benchmarks. */
  get client(): RedisClient {
    return this.#redis;
  }

  async load(conversation: ConversationKey): Promise<StoredSession | null> {
    const fields = await callRedis(() => this.#redis.hgetallBuffer(sessionKey(this.#prefix, conversation)));
    return toStored(conversation, new Map(Object.entries(fields)), this.#cipher);
  }

  async read(conversation: ConversationKey, cached?: StoredSession | null): Promise<SessionState> {
    const reply = await callRedis(() =>
      this.#redis.secondroundReadBuffer(
        sessionKey(this.#prefix, conversation),
        inboxKey(this.#prefix, conversation),
        deliveredKey(this.#prefix, conversation),
        cached ? String(cached.session.version) : "",
      ),
    );
    return toState(conversation, reply as StateReply, cached ?? null, this.#cipher);
  }

  async enqueue(
    conversation: ConversationKey,
    queued: QueuedEvent,
    rateLimit?: RateLimitCheck,
  ): Promise<EnqueueResult> {
    const reply = await callRedis(() =>
      this.#redis.secondroundEnqueueBuffer(
        sessionKey(this.#prefix, conversation),
        inboxKey(this.#prefix, conversation),
        deliveredKey(this.#prefix, conversation),
        this.#bucketKey(conversation, rateLimit),
        queued.eventId,
        encodeQueuedEvent(queued, conversation, this.#cipher),
        this.#ttls.sessionTtlMs,
        CLAIM_WINDOW_BYTES,
        ...rateArguments(rateLimit),
        queued.event?.type === "interview-requested" ? "1" : "",
      ),
    );
    const limited = toRateLimited(reply);
    if (limited) return limited;
    if (isStatus(reply, "absent")) return { status: "absent" };
    const [status, ...state] = reply as [Buffer, ...StateReply];
    return {
      status: status.toString("utf8") === "queued" ? "queued" : "duplicate",
      state: toState(conversation, state, null, this.#cipher),
    };
  }

  async commit(request: CommitRequest): Promise<CommitResult> {
    const { conversation, previous, next, consumed, direct } = request;
    const eventId = direct?.eventId ?? request.eventId;
    const write: SessionWrite | null = next ? encodeChanges(previous, next, this.#cipher) : null;
    const forget = request.forgetDelivered ?? [];
    const sweeps = this.#clusterSweeps;
    const session = sessionKey(this.#prefix, conversation);
    // In a Cluster the sweep sets are written beside the script, which gets the session's own key
    // in their place (same slot) as the sign to leave them alone.
    const added = sweeps?.add(request);
    const committing = callRedis(() =>
      this.#redis.secondroundCommitBuffer(
        session,
        inboxKey(this.#prefix, conversation),
        deliveredKey(this.#prefix, conversation),
        sweeps ? session : deliveryDueKey(this.#prefix),
        sweeps ? session : timersDueKey(this.#prefix),
        this.#bucketKey(conversation, request.rateLimit),
        previous ? String(previous.session.version) : "",
        next ? String(next.version) : "",
        this.#ttls.sessionTtlMs,
        eventId ?? "",
        CLAIM_WINDOW_BYTES,
        consumed?.count ?? 0,
        consumed?.lastEventId ?? "",
        request.deliveryDueAt ?? "",
        conversation,
        direct ? encodeQueuedEvent(direct, conversation, this.#cipher) : "",
        request.timers?.add?.member ?? "",
        request.timers?.add?.dueAt ?? "",
        request.timers?.remove ?? "",
        ...rateArguments(request.rateLimit),
        forget.length,
        ...forget,
        ...(write ? fieldArguments(write) : []),
      ),
    );
    const [reply] = await Promise.all([committing, added]);
    const limited = toRateLimited(reply);
    if (limited) return limited;
    if (isStatus(reply, "gone")) return { status: "gone" };
    const [statusBuffer, ...fields] = reply as [Buffer, ...Buffer[][]];
    const status = statusBuffer.toString("utf8");
    const state = () =>
      toState(conversation, [Buffer.from("full"), ...fields] as StateReply, null, this.#cipher);
    if (status === "duplicate") return fields.length > 0 ? { status, state: state() } : { status };
    if (status === "queued") return { status, state: state() };
    if (status === "conflict") {
      const current = state();
      return { status: "conflict", current: current.stored, state: current };
    }
    if (!next || !write) return { status: "committed", stored: previous };
    sweeps?.removeAfter(request);
    return { status: "committed", stored: { session: next, sizes: write.sizes } };
  }

  /** The member's bucket, or (with no limit asked for) a key of the same slot the script ignores. */
  #bucketKey(conversation: ConversationKey, rateLimit: RateLimitCheck | undefined): string {
    return rateLimit ? rateBucketKey(this.#prefix, rateLimit.key) : sessionKey(this.#prefix, conversation);
  }

  async claimEvent(conversation: ConversationKey, eventId: string): Promise<boolean> {
    const key = claimKey(this.#prefix, conversation, eventId);
    const result = await callRedis(() => this.#redis.set(key, "1", "PX", this.#ttls.claimTtlMs, "NX"));
    return result === "OK";
  }

  async markDelivered(
    conversation: ConversationKey,
    keys: readonly string[],
    settledAtVersion?: number | "absent",
  ): Promise<void> {
    const session = sessionKey(this.#prefix, conversation);
    const sweeps = this.#clusterSweeps;
    const settled = await callRedis(() =>
      this.#redis.secondroundMarkDelivered(
        deliveredKey(this.#prefix, conversation),
        session,
        sweeps ? session : deliveryDueKey(this.#prefix),
        this.#ttls.sessionTtlMs,
        settledAtVersion === undefined ? "" : String(settledAtVersion),
        conversation,
        ...keys,
      ),
    );
    // In a Cluster the script only says whether the conversation is settled (2).
    if (sweeps && settled === 2) await sweeps.settle(conversation);
  }

  async claimOverdueDeliveries(now: number, leaseMs: number, limit: number): Promise<ConversationKey[]> {
    const key = deliveryDueKey(this.#prefix);
    const legacy = this.#clusterSweeps ? key : legacySweepKeys(this.#prefix).deliveryDue;
    const due = await callRedis(() =>
      this.#redis.secondroundClaimOverdue(key, legacy, now, now + leaseMs, limit),
    );
    return due as ConversationKey[];
  }

  async claimDueTimers(now: number, leaseMs: number, limit: number): Promise<string[]> {
    const key = timersDueKey(this.#prefix);
    const legacy = this.#clusterSweeps ? key : legacySweepKeys(this.#prefix).timersDue;
    const due = await callRedis(() =>
      this.#redis.secondroundClaimOverdue(key, legacy, now, now + leaseMs, limit),
    );
    return due as string[];
  }

  async completeTimer(member: string): Promise<void> {
    await callRedis(() => this.#redis.zrem(timersDueKey(this.#prefix), member));
  }

  /**
   * Every stored interview of a platform, for the sweep at start-up that redelivers what a crashed
   * process left in an outbox. SCAN (on every master of a Cluster), so it never blocks Redis.
   */
  async *conversations(platform: PlatformName): AsyncIterable<ConversationKey> {
    for await (const keys of scanKeys(this.#redis, sessionKey(this.#prefix, `${platform}:*`))) {
      for (const key of keys) yield conversationOfSessionKey(key) as ConversationKey;
    }
  }

  async *conversationsIn(scope: string): AsyncIterable<ConversationKey> {
    for await (const keys of scanKeys(this.#redis, sessionKey(this.#prefix, `${escapeGlob(scope)}:*`))) {
      for (const key of keys) yield conversationOfSessionKey(key) as ConversationKey;
    }
  }

  async delete(conversation: ConversationKey): Promise<void> {
    await unlinkMatching(this.#redis, conversationKeyPattern(this.#prefix, conversation));
    await callRedis(() => this.#redis.zrem(deliveryDueKey(this.#prefix), conversation));
    await removeTimersOf(this.#redis, this.#prefix, conversation);
  }

  /**
   * Start-up check: every key this deployment sealed values with must be configured (the ids are
   * recorded in Redis as they are first used). Records this process's sealing key. A missing key
   * is a ConfigError naming it: nothing could be read without it.
   */
  async checkEncryptionKeys(): Promise<void> {
    const registry = encryptionKeyIdsKey(this.#prefix);
    const used = await callRedis(() => this.#redis.smembers(registry));
    const configured = new Set(this.#cipher?.keyIds ?? []);
    const missing = used.filter((id) => !configured.has(id));
    if (missing.length > 0)
      throw new ConfigError(
        this.#cipher
          ? `Interviews in Redis are encrypted with key ${missing.map((id) => `"${id}"`).join(", ")}, which SECONDROUND_ENCRYPTION_KEYS does not hold: add it back after the new key (see docs/privacy.md).`
          : `Interviews in Redis are encrypted (key ${missing.map((id) => `"${id}"`).join(", ")}): set SECONDROUND_ENCRYPTION_KEYS (see docs/privacy.md).`,
      );
    if (this.#cipher) await callRedis(() => this.#redis.sadd(registry, this.#cipher?.currentKeyId ?? ""));
  }

  /** The keyring sealing personal text, for the other stores of the deployment's personal data. */
  get cipher(): FieldCipher | undefined {
    return this.#cipher;
  }

  /** Seals every value an older key sealed with the current one (`secondround rotate-key`). */
  async resealAll(): Promise<ResealOutcome> {
    return resealAll(this.#redis, this.#prefix, requireCipher(this.#cipher));
  }

  async close(): Promise<void> {
    await this.#clusterSweeps?.drain();
    if (this.#ownsClient) await this.#redis.quit();
  }
}

function toStored(
  conversation: string,
  fields: Map<string, Buffer>,
  cipher: FieldCipher | undefined,
): StoredSession | null {
  // A hash holding only claimed event ids has no interview (yet, or any more).
  if (fields.size === 0 || (fields.size === 1 && fields.has(SEEN_FIELD))) return null;
  return decodeSession(conversation, fields, cipher);
}

function rateArguments(rateLimit: RateLimitCheck | undefined): (string | number)[] {
  return rateLimit ? [rateLimit.policy.capacity, rateLimit.policy.refillPerSecond] : ["", ""];
}

/** A script's one-word reply ({"gone"}, {"absent"}). */
function isStatus(reply: unknown, status: string): boolean {
  const [first] = reply as [Buffer];
  return first.toString("utf8") === status;
}

/** A script's {"limited", notify, retry-after} reply, or null for any other. */
function toRateLimited(reply: unknown): RateLimited | null {
  const [status, notify, retryAfterMs] = reply as [Buffer, number, number];
  if (status.toString("utf8") !== "limited") return null;
  return { status: "limited", refusal: { allowed: false, notify: notify === 1, retryAfterMs } };
}

/** The commit script's tail: N, then N field/value pairs, then the fields to delete. */
function fieldArguments(write: SessionWrite): (string | Buffer | number)[] {
  const args: (string | Buffer | number)[] = [write.set.length];
  for (const { field, value } of write.set) args.push(field, value);
  args.push(...write.remove);
  return args;
}

function toState(
  conversation: string,
  reply: StateReply,
  cached: StoredSession | null,
  cipher: FieldCipher | undefined,
): SessionState {
  const [kind, fields, inbox, delivered] = reply;
  const stored =
    kind.toString("utf8") === "same" ? cached : toStored(conversation, pairsToMap(fields ?? []), cipher);
  return {
    stored,
    pending: (inbox ?? []).map((raw) => decodeQueuedEvent(raw.toString("utf8"), conversation, cipher)),
    delivered: new Set((delivered ?? []).map((key) => key.toString("utf8"))),
  };
}

function pairsToMap(pairs: readonly Buffer[]): Map<string, Buffer> {
  const map = new Map<string, Buffer>();
  for (let index = 0; index + 1 < pairs.length; index += 2) {
    map.set((pairs[index] as Buffer).toString("utf8"), pairs[index + 1] as Buffer);
  }
  return map;
}
