import type { ConversationKey, PlatformName } from "./conversation.ts";
import type { InboundEvent } from "./inbound-event.ts";
import type { OutboundMessage } from "./reply.ts";
import type { Session } from "./session.ts";

export type { Coach } from "./coach-port.ts";

/** A session as stored: the parsed state plus the store's own encoding, used to write only what changed. */
export interface StoredSession {
  readonly session: Session;
  /** Opaque to callers: the encoded parts as last read or written. */
  readonly encoded: ReadonlyMap<string, Uint8Array>;
}

export type CommitResult =
  /** `stored` is null only for a claim-only commit where no interview exists. */
  | { readonly status: "committed"; readonly stored: StoredSession | null }
  /** The event id was already claimed: this delivery is a duplicate and changed nothing. */
  | { readonly status: "duplicate" }
  /** The version moved on; `current` is the newer state (null if deleted) to apply the event to again. */
  | { readonly status: "conflict"; readonly current: StoredSession | null };

export interface CommitRequest {
  readonly conversation: ConversationKey;
  /** What the caller read; null when creating. Its version is the compare-and-set condition. */
  readonly previous: StoredSession | null;
  /** The new state; null to claim the event only (nothing changed). */
  readonly next: Session | null;
  /** Platform event id to claim atomically with the write; omitted for internal events. */
  readonly eventId?: string;
}

/**
 * Interview state, compare-and-set on the session version. Never read-merge-write: every
 * change is one atomic commit that also claims the inbound event that caused it.
 */
export interface SessionStore {
  /** Null when absent or expired; SessionCorruptError when stored data fails the schema. */
  load(conversation: ConversationKey): Promise<StoredSession | null>;
  /** Atomically: refuse a claimed event, check the version, write the changed parts, claim the event. */
  commit(request: CommitRequest): Promise<CommitResult>;
  /** SET NX with TTL for events that touch no session; false when already claimed. */
  claimEvent(conversation: ConversationKey, eventId: string): Promise<boolean>;
  /** Removes the interview and its claims (the candidate's delete request, uninstall). */
  delete(conversation: ConversationKey): Promise<void>;
  close(): Promise<void>;
}

/**
 * A chat platform (Discord, Slack, terminal). Transport only: connect, parse, drop the bot's own
 * messages, render and split replies to platform limits. No interview logic.
 */
export interface ChatTransport {
  readonly platform: PlatformName;
  /** Connects and calls `onEvent` once per inbound event (bot's own messages already dropped). */
  start(onEvent: (event: InboundEvent) => Promise<void>): Promise<void>;
  /** Renders and posts; must not post twice for the same `idempotencyKey`. */
  send(message: OutboundMessage): Promise<void>;
  /** Best-effort "typing…" while the coach works; never throws. */
  showTyping?(conversation: ConversationKey): Promise<void>;
  stop(): Promise<void>;
}

/** Where outbound messages go; a transport, or a router over several. */
export interface MessageSender {
  send(message: OutboundMessage): Promise<void>;
}

/** Time, injected so tests are deterministic without global fakes. */
export interface Clock {
  now(): number;
}

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
