import { createOfflineCoach } from "../../src/coach/offline-coach.ts";
import { loadConfig } from "../../src/config.ts";
import type { Transcriber } from "../../src/core/ports/transcriber.ts";
import { SwitchableMetrics } from "../../src/observability/switchable-metrics.ts";
import type { Runtime } from "../../src/runtime.ts";
import type { MemorySessionStore } from "../../src/store/memory-session-store.ts";
import { silentLogger } from "./engine-harness.ts";

/** The runtime `practice` gets, with interviews in the given in-process store and the offline coach. */
export function memoryRuntime(store: MemorySessionStore, transcriber: Transcriber | null = null): Runtime {
  return {
    config: loadConfig({}),
    logger: silentLogger(),
    metrics: new SwitchableMetrics(),
    storage: { kind: "memory", store },
    coach: createOfflineCoach(),
    offlineCoach: createOfflineCoach(),
    providerCircuit: null,
    backgroundTasks: new Set(),
    transcriber,
  };
}
