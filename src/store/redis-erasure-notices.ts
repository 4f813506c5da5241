import {
  type ErasureListener,
  type ErasureNotice,
  ErasureNoticeSchema,
  type ErasureNotices,
} from "../core/ports/erasure-notices.ts";
import { callRedis } from "./call-redis.ts";
import { isCluster, type RedisClient } from "./redis-connection.ts";
import { KEY_LAYOUT_VERSION } from "./store-keys.ts";

/** One channel per deployment (key prefix), so deployments sharing a Redis do not hear each other. */
export function erasureChannel(prefix: string): string {
  return `${prefix}:${KEY_LAYOUT_VERSION}:erasures`;
}

export interface RedisErasureNoticesConfig {
  /** Publishes on this connection; the subscription gets a duplicate of it (same topology). */
  readonly client: RedisClient;
  readonly keyPrefix?: string;
  /** Connection errors of the subscriber (it reconnects and subscribes again by itself). */
  readonly onError?: (error: Error) => void;
}

/**
 * Erasure notices on Redis pub/sub. A subscribed connection can do nothing else, so the
 * subscription has a connection of its own, duplicated from the store's: ioredis reconnects it
 * and subscribes again after a drop. A reconnection is reported to the listener (onMissed): what
 * was published while it was away is gone for good on pub/sub.
 */
export class RedisErasureNotices implements ErasureNotices {
  readonly #client: RedisClient;
  readonly #channel: string;
  readonly #onError: (error: Error) => void;
  readonly #listeners: ErasureListener[] = [];
  #subscriber: RedisClient | null = null;

  constructor(config: RedisErasureNoticesConfig) {
    this.#client = config.client;
    this.#channel = erasureChannel(config.keyPrefix ?? "sr");
    this.#onError = config.onError ?? (() => {});
  }

  async publish(notice: ErasureNotice): Promise<void> {
    await callRedis(() => this.#client.publish(this.#channel, JSON.stringify(notice)));
  }

  async subscribe(listener: ErasureListener): Promise<void> {
    this.#listeners.push(listener);
    if (this.#subscriber) return;
    const client = this.#client;
    const subscriber: RedisClient = isCluster(client) ? client.duplicate() : client.duplicate();
    this.#subscriber = subscriber;
    subscriber.on("error", this.#onError);
    subscriber.on("message", (channel: string, message: string) => {
      if (channel === this.#channel) this.#deliver(message);
    });
    let connectedBefore = false;
    // "ready" comes again after every reconnection, once ioredis has subscribed again.
    subscriber.on("ready", () => {
      if (connectedBefore) for (const each of this.#listeners) each.onMissed();
      connectedBefore = true;
    });
    await callRedis(() => subscriber.subscribe(this.#channel));
  }

  async close(): Promise<void> {
    const subscriber = this.#subscriber;
    this.#subscriber = null;
    if (subscriber) await subscriber.quit().catch(() => subscriber.disconnect());
  }

  /** A notice that does not parse (another version's, say) is taken as a missed one: drop everything. */
  #deliver(message: string): void {
    let notice: ErasureNotice | null = null;
    try {
      const parsed = ErasureNoticeSchema.safeParse(JSON.parse(message));
      if (parsed.success) notice = parsed.data as ErasureNotice;
    } catch {
      notice = null;
    }
    for (const listener of this.#listeners) {
      if (notice) listener.onNotice(notice);
      else listener.onMissed();
    }
  }
}
