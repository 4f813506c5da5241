import type { ConversationKey, PlatformName } from "../model/conversation.ts";
import type { OutboundMessage } from "../model/reply.ts";
import type { DeliveryOptions } from "./ports.ts";

/**
 * A connected chat platform: receives its platform's events and turns them into engine calls;
 * posts the engine's messages (rendered and split to the platform's limits, never twice for
 * the same idempotency key).
 */
export interface ChatBot {
  readonly platform: PlatformName;
  /**
   * True while the bot can receive its platform's events: started, and its connection up (the
   * Discord gateway ready, Slack's HTTP server listening or its Socket Mode connection open).
   * Readiness probes read it.
   */
  readonly connected: boolean;
  start(): Promise<void>;
  /** With `redelivery`, the message may already be in the thread: a platform without idempotency keys looks first. */
  send(message: OutboundMessage, options?: DeliveryOptions): Promise<void>;
  /**
   * After a restart: hands the engine what the candidate sent in this conversation since `since`
   * (ms) while no process was listening, for platforms that do not redeliver. Already-processed
   * messages are recognised by their claimed ids.
   */
  catchUp?(conversation: ConversationKey, since: number): Promise<void>;
  stop(): Promise<void>;
}
