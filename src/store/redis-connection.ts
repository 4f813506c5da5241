import { Cluster, Redis, type RedisOptions } from "ioredis";
import type { RedisConfig } from "../redis-config.ts";

/** A connection to any topology: one node or a Sentinel-managed master (Redis), or a Cluster. */
export type RedisClient = Redis | Cluster;

/** What differs between the connections one process opens (store, job producer, job workers). */
export interface ConnectionOptions {
  /**
   * Retries of one command while reconnecting before it fails; null retries for ever (BullMQ's
   * workers require that for their blocking commands).
   */
  readonly maxRetriesPerRequest: number | null;
}

/**
 * Opens connections to the configured topology. Every part of the program that talks to Redis
 * gets its connections here, so standalone, Sentinel and Cluster differ only in configuration.
 */
export interface RedisConnector {
  readonly topology: RedisConfig["topology"];
  /** A new connection (the caller owns it and quits it). */
  open(options: ConnectionOptions): RedisClient;
}

export function redisConnector(config: RedisConfig): RedisConnector {
  return { topology: config.topology, open: (options) => openConnection(config, options) };
}

/** True for a Cluster client: keys then live on several masters, and a script must stay in one slot. */
export function isCluster(client: RedisClient): client is Cluster {
  return client.isCluster;
}

function openConnection(config: RedisConfig, options: ConnectionOptions): RedisClient {
  const { maxRetriesPerRequest } = options;
  switch (config.topology) {
    case "standalone":
      return new Redis(config.url, { maxRetriesPerRequest });
    case "sentinel":
      return new Redis({
        sentinels: config.sentinels.map(({ host, port }) => ({ host, port })),
        name: config.name,
        ...(config.password === undefined ? {} : { password: config.password }),
        ...(config.sentinelPassword === undefined ? {} : { sentinelPassword: config.sentinelPassword }),
        ...(config.tls ? { tls: {}, enableTLSForSentinelMode: true, sentinelTLS: {} } : {}),
        maxRetriesPerRequest,
      });
    case "cluster": {
      const redisOptions: RedisOptions = {
        maxRetriesPerRequest,
        ...(config.password === undefined ? {} : { password: config.password }),
        ...(config.tls ? { tls: {} } : {}),
      };
      return new Cluster(
        config.nodes.map(({ host, port }) => ({ host, port })),
        {
          // Reads go to masters: the engine reads its own writes (a replica may lag behind them).
          scaleReads: "master",
          redisOptions,
          // With TLS, connect by the name given so the certificate's host name is checked against
          // it, not against an address the name resolved to (managed clusters announce names).
          ...(config.tls ? { dnsLookup: (address, callback) => callback(null, address) } : {}),
        },
      );
    }
  }
}
