// What route tables and actors share: the state, the stores and the gateway. Built once by DiscordEmulator.
import type { CdnHost } from "./cdn.ts";
import type { GatewayServer } from "./gateway-server.ts";
import type { InteractionStore } from "./interaction-store.ts";
import type { MessageStore } from "./messages.ts";
import type { World } from "./world.ts";

export type ResolvedOptions = {
  interactionDeadlineMs: number;
  botToken: string;
  webhookTokenTtlMs: number;
  heartbeatIntervalMs: number;
  autoUnarchiveOnSend: boolean;
  nonceWindowMs: number;
  recommendedShards: number;
};

export type EmulatorContext = {
  world: World;
  gateway: GatewayServer;
  messages: MessageStore;
  interactions: InteractionStore;
  cdn: CdnHost;
  options: ResolvedOptions;
  /** `http://127.0.0.1:PORT`, known once the server listens. */
  origin: () => string;
};
