import type { ConversationKey, PlatformName } from "./conversation.ts";
import type { DocumentReader } from "./document-reader.ts";
import type { InterviewDesk } from "./interview-desk.ts";
import type { InterviewEngine } from "./interview-engine.ts";
import type { Clock, DeliveryOptions, Logger } from "./ports.ts";
import type { OutboundMessage } from "./reply.ts";

/** What a chat platform adapter (Discord, Slack) is given: the engine and what surrounds it. */
export interface ChatBotServices {
  /** Starting interviews in new threads, current and past interviews per candidate. */
  readonly desk: InterviewDesk;
  /** Inbound events of running interviews, and their current state. */
  readonly engine: Pick<InterviewEngine, "handle" | "current">;
  /** CV and job-description files, read safely. */
  readonly documents: DocumentReader;
  readonly logger: Logger;
  readonly clock: Clock;
}

/**
 * A connected chat platform: receives its platform's events and turns them into engine calls;
 * posts the engine's messages (rendered and split to the platform's limits, never twice for
 * the same idempotency key).
 */
export interface ChatBot {
  readonly platform: PlatformName;
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
