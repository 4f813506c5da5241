import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { ConfigError } from "../src/core/model/errors.ts";

describe("Redis topology configuration", () => {
  it("is unset without any of the three, and empty values count as unset", () => {
    expect(loadConfig({}).redis).toBeUndefined();
    expect(loadConfig({ REDIS_URL: "", REDIS_SENTINELS: "", REDIS_CLUSTER_NODES: "" }).redis).toBeUndefined();
  });

  it("reads one node from a URL, with REDIS_PASSWORD for a URL that carries none", () => {
    expect(loadConfig({ REDIS_URL: "rediss://cache.example:6380" }).redis).toEqual({
      topology: "standalone",
      url: "rediss://cache.example:6380",
    });
    expect(loadConfig({ REDIS_URL: "redis://10.0.0.1:6379", REDIS_PASSWORD: "s3cret" }).redis).toEqual({
      topology: "standalone",
      url: "redis://:s3cret@10.0.0.1:6379",
    });
    expect(loadConfig({ REDIS_URL: "redis://:own@10.0.0.1", REDIS_PASSWORD: "other" }).redis).toMatchObject({
      url: "redis://:own@10.0.0.1",
    });
  });

  it("reads Sentinel: the sentinels, the master's name and both passwords", () => {
    const config = loadConfig({
      REDIS_SENTINELS: "10.0.0.1:26379, 10.0.0.2:26379,[::1]:26380",
      REDIS_SENTINEL_NAME: "mymaster",
      REDIS_SENTINEL_PASSWORD: "watch",
      REDIS_PASSWORD: "data",
      REDIS_TLS: "true",
    });
    expect(config.redis).toEqual({
      topology: "sentinel",
      sentinels: [
        { host: "10.0.0.1", port: 26379 },
        { host: "10.0.0.2", port: 26379 },
        { host: "::1", port: 26380 },
      ],
      name: "mymaster",
      sentinelPassword: "watch",
      password: "data",
      tls: true,
    });
  });

  it("reads a Cluster's seed nodes, password and TLS", () => {
    expect(
      loadConfig({ REDIS_CLUSTER_NODES: "redis-0.internal:6379,redis-1.internal:6379", REDIS_PASSWORD: "p" })
        .redis,
    ).toEqual({
      topology: "cluster",
      nodes: [
        { host: "redis-0.internal", port: 6379 },
        { host: "redis-1.internal", port: 6379 },
      ],
      password: "p",
      tls: false,
    });
  });

  it("refuses two topologies at once, naming both", () => {
    expect(() => loadConfig({ REDIS_URL: "redis://a:6379", REDIS_CLUSTER_NODES: "b:6379" })).toThrow(
      new ConfigError(
        "Redis is configured twice (REDIS_URL and REDIS_CLUSTER_NODES): set exactly one of REDIS_URL (one node), REDIS_SENTINELS (Sentinel) or REDIS_CLUSTER_NODES (Cluster). See docs/redis-topologies.md.",
      ),
    );
    expect(() =>
      loadConfig({ REDIS_SENTINELS: "a:26379", REDIS_SENTINEL_NAME: "m", REDIS_CLUSTER_NODES: "b:6379" }),
    ).toThrow(/REDIS_SENTINELS and REDIS_CLUSTER_NODES/);
  });

  it("refuses a malformed host:port list, quoting the entry", () => {
    for (const nodes of ["10.0.0.1", "10.0.0.1:6379,:6379", "a:0", "a:70000", "a:6379;b:6379", ","])
      expect(() => loadConfig({ REDIS_CLUSTER_NODES: nodes }), nodes).toThrow(ConfigError);
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: "10.0.0.1:6379,10.0.0.2" })).toThrow(
      /REDIS_CLUSTER_NODES: "10\.0\.0\.2" is not host:port/,
    );
  });

  it("needs the master's name with the sentinels, and the sentinels with a name", () => {
    expect(() => loadConfig({ REDIS_SENTINELS: "a:26379" })).toThrow(/REDIS_SENTINEL_NAME/);
    expect(() => loadConfig({ REDIS_SENTINEL_NAME: "mymaster" })).toThrow(/REDIS_SENTINELS is not/);
  });

  it("asks for rediss:// rather than REDIS_TLS with a plain URL, and checks REDIS_TLS's value", () => {
    expect(() => loadConfig({ REDIS_URL: "redis://a:6379", REDIS_TLS: "true" })).toThrow(/rediss:\/\//);
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: "a:6379", REDIS_TLS: "yes" })).toThrow(/REDIS_TLS/);
  });
});
