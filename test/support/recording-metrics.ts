import { type Metrics, NO_METRICS } from "../../src/core/ports/metrics.ts";

/** Metrics that count the platform reports (everything else goes nowhere), for adapter tests. */
export function recordingPlatformMetrics() {
  const counts = { apiErrors: new Map<string, number>(), rateLimited: new Map<string, number>() };
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  const metrics: Metrics = {
    ...NO_METRICS,
    platformApiFailed: (platform) => bump(counts.apiErrors, platform),
    platformRateLimited: (platform) => bump(counts.rateLimited, platform),
  };
  return { metrics, counts };
}
