import type { Redis } from "ioredis";
import { callRedis } from "./call-redis.ts";
import { isCluster, type RedisClient } from "./redis-connection.ts";

/** Keys fetched per SCAN step: big enough to be quick, small enough never to block Redis. */
const BATCH = 500;

/**
 * The nodes that hold keys: the one node, or every master of a Cluster (SCAN walks only the node
 * it is sent to). A Cluster learns its masters as it connects, so one command is awaited first.
 */
export async function keyHoldingNodes(client: RedisClient): Promise<Redis[]> {
  if (!isCluster(client)) return [client];
  await callRedis(() => client.ping());
  return client.nodes("master");
}

/** Batches of keys matching a SCAN pattern, from every node that holds keys; never blocks Redis. */
export async function* scanKeys(client: RedisClient, pattern: string): AsyncIterable<string[]> {
  for (const node of await keyHoldingNodes(client)) {
    const stream = node.scanStream({ match: pattern, count: BATCH });
    for await (const keys of stream as AsyncIterable<string[]>) if (keys.length > 0) yield keys;
  }
}
