import type { Config } from "../config.ts";
import type { PlatformName } from "../core/model/conversation.ts";
import type { ChatBot } from "../core/ports/chat-bot.ts";
import { NO_METRICS } from "../core/ports/metrics.ts";
import type { Logger } from "../core/ports/ports.ts";
import { type HealthServer, startHealthServer } from "./health-server.ts";
import type { QueueDepth } from "./queue-depth.ts";
import { botChecks, jobWorkersCheck, type RedisSetter, redisWritableCheck } from "./readiness-checks.ts";
import type { SwitchableMetrics } from "./switchable-metrics.ts";

/** What a serving process is made of, as far as its health is concerned. */
export interface ObservedProcess {
  /** The sessions' Redis. */
  readonly redis: RedisSetter;
  /** The platforms this process serves (none for a worker): each must be connected. */
  readonly platforms: readonly PlatformName[];
  /** The process's bots, read at each probe (they are created after the endpoints start). */
  readonly bots: () => readonly ChatBot[];
  /** The durable job queue once created: its workers must be running; its depth is a metric. */
  readonly jobs: () => ObservedJobQueue | null;
}

export interface ObservedJobQueue {
  readonly workersRunning: boolean;
  depth(): Promise<readonly QueueDepth[]>;
}

/** The platforms a process with chat transports serves: each must be connected for it to be ready. */
export function configuredPlatforms(config: Pick<Config, "discord" | "slack">): PlatformName[] {
  return [...(config.discord ? ["discord" as const] : []), ...(config.slack ? ["slack" as const] : [])];
}

export interface HealthEndpointsRuntime {
  readonly config: Pick<Config, "healthPort" | "keyPrefix">;
  readonly logger: Logger;
  readonly metrics: SwitchableMetrics;
}

/**
 * The health and metrics endpoints of a serving process (`serve`, `worker`; never the terminal)
 * on HEALTH_PORT: /healthz, /readyz (Redis writable, every platform connected, the job workers
 * running) and /metrics. From here on the runtime's metrics go to Prometheus (prom-client is
 * loaded only now). Null when HEALTH_PORT is off: nothing is listened on or collected. Close it
 * last at shutdown, so the endpoints answer (unready) while the process drains.
 */
export async function startHealthEndpoints(
  runtime: HealthEndpointsRuntime,
  observed: ObservedProcess,
): Promise<HealthServer | null> {
  const { config, logger } = runtime;
  if (config.healthPort === null) return null;
  const { PrometheusMetrics } = await import("./prometheus-metrics.ts");
  const metrics = new PrometheusMetrics();
  metrics.watchJobQueues(async () => (await observed.jobs()?.depth()) ?? []);
  const server = await startHealthServer({
    port: config.healthPort,
    checks: [
      redisWritableCheck(observed.redis, config.keyPrefix),
      ...botChecks(observed.platforms, observed.bots),
      jobWorkersCheck(() => observed.jobs()?.workersRunning ?? false),
    ],
    metrics: () => metrics.exposition(),
    logger,
  });
  runtime.metrics.use(metrics);
  logger.info("health and metrics endpoints listening", { port: server.port });
  return {
    port: server.port,
    async close() {
      runtime.metrics.use(NO_METRICS);
      await server.close();
    },
  };
}
