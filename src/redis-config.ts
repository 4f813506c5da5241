import { ConfigError } from "./core/model/errors.ts";

export interface RedisNode {
  readonly host: string;
  readonly port: number;
}

/**
 * Where interview state lives: one Redis topology, chosen by which variables are set. The code is
 * the same for all three; only the connection differs (see store/redis-connection.ts).
 */
export type RedisConfig =
  /** One node (or a managed endpoint that hides its replicas): REDIS_URL, TLS with rediss://. */
  | { readonly topology: "standalone"; readonly url: string }
  /** A master found through Sentinel: REDIS_SENTINELS + REDIS_SENTINEL_NAME. */
  | {
      readonly topology: "sentinel";
      readonly sentinels: readonly RedisNode[];
      readonly name: string;
      /** The sentinels' own password, when they require one. */
      readonly sentinelPassword: string | undefined;
      /** The master's (and replicas') password. */
      readonly password: string | undefined;
      readonly tls: boolean;
    }
  /** A Redis Cluster, discovered from any of its seed nodes: REDIS_CLUSTER_NODES. */
  | {
      readonly topology: "cluster";
      readonly nodes: readonly RedisNode[];
      readonly password: string | undefined;
      readonly tls: boolean;
    };

/** The variables this reads, already validated (empty strings are unset). */
export interface RedisEnvironment {
  readonly REDIS_URL?: string | undefined;
  readonly REDIS_SENTINELS?: string | undefined;
  readonly REDIS_SENTINEL_NAME?: string | undefined;
  readonly REDIS_SENTINEL_PASSWORD?: string | undefined;
  readonly REDIS_CLUSTER_NODES?: string | undefined;
  readonly REDIS_PASSWORD?: string | undefined;
  readonly REDIS_TLS?: "true" | "false" | undefined;
}

/** The configured topology, undefined when none is; a ConfigError naming the problem otherwise. */
export function redisConfig(env: RedisEnvironment): RedisConfig | undefined {
  const chosen = [
    env.REDIS_URL !== undefined && "REDIS_URL",
    env.REDIS_SENTINELS !== undefined && "REDIS_SENTINELS",
    env.REDIS_CLUSTER_NODES !== undefined && "REDIS_CLUSTER_NODES",
  ].filter((name): name is string => name !== false);
  if (chosen.length > 1)
    throw new ConfigError(
      `Redis is configured twice (${chosen.join(" and ")}): set exactly one of REDIS_URL (one node), REDIS_SENTINELS (Sentinel) or REDIS_CLUSTER_NODES (Cluster). See docs/redis-topologies.md.`,
    );
  const tls = env.REDIS_TLS === "true";
  if (env.REDIS_SENTINEL_NAME !== undefined && env.REDIS_SENTINELS === undefined)
    throw new ConfigError("REDIS_SENTINEL_NAME is set but REDIS_SENTINELS is not (see .env.example).");
  if (env.REDIS_URL !== undefined) {
    if (tls && env.REDIS_URL.startsWith("redis://"))
      throw new ConfigError("REDIS_TLS=true with a redis:// URL: use a rediss:// URL for TLS to one node.");
    return Object.freeze({ topology: "standalone", url: withPassword(env.REDIS_URL, env.REDIS_PASSWORD) });
  }
  if (env.REDIS_SENTINELS !== undefined) {
    if (env.REDIS_SENTINEL_NAME === undefined)
      throw new ConfigError(
        "REDIS_SENTINELS is set but REDIS_SENTINEL_NAME (the master's name, e.g. mymaster) is not.",
      );
    return Object.freeze({
      topology: "sentinel",
      sentinels: parseNodeList("REDIS_SENTINELS", env.REDIS_SENTINELS),
      name: env.REDIS_SENTINEL_NAME,
      sentinelPassword: env.REDIS_SENTINEL_PASSWORD,
      password: env.REDIS_PASSWORD,
      tls,
    });
  }
  if (env.REDIS_CLUSTER_NODES !== undefined) {
    return Object.freeze({
      topology: "cluster",
      nodes: parseNodeList("REDIS_CLUSTER_NODES", env.REDIS_CLUSTER_NODES),
      password: env.REDIS_PASSWORD,
      tls,
    });
  }
  return undefined;
}

/** "host:port,host:port" (IPv6 as "[::1]:6379"); every entry must name both. */
export function parseNodeList(variable: string, list: string): RedisNode[] {
  const entries = list
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  if (entries.length === 0) throw new ConfigError(`${variable} lists no host:port.`);
  return entries.map((entry) => {
    const match = /^(?:\[([^\]]+)\]|([^:[\]\s]+)):(\d{1,5})$/.exec(entry);
    const port = Number(match?.[3]);
    if (!match || port < 1 || port > 65_535)
      throw new ConfigError(
        `${variable}: "${entry}" is not host:port (expected a comma-separated list such as 10.0.0.1:6379,10.0.0.2:6379).`,
      );
    return Object.freeze({ host: match[1] ?? match[2] ?? "", port });
  });
}

/** REDIS_PASSWORD for a URL that carries none; a password in the URL wins. */
function withPassword(url: string, password: string | undefined): string {
  if (password === undefined) return url;
  const parsed = new URL(url);
  if (parsed.password !== "") return url;
  parsed.password = password;
  return parsed.toString();
}
