import type { Candidate, ConversationKey } from "../model/conversation.ts";
import type { OutboundMessage } from "../model/reply.ts";
import type { Session } from "../model/session.ts";
import type { SessionEvent } from "../model/session-events.ts";
import type { RateLimitPolicy, RateRefusal } from "./rate-limiter.ts";

export type { Coach } from "./coach-port.ts";

/**
 * A session as stored. The store writes only the parts that differ from the `previous` it is
 * given, comparing by reference, so a session must be changed by copying (as `transition` does),
 * never in place.
 */
export interface StoredSession {
  readonly session: Session;
  /**
   * Each stored part, by the store's own part names, with its size as JSON: what it takes once
   * parsed (cache sizing), whatever the store compresses it to.
   */
  readonly sizes: ReadonlyMap<string, number>;
}

/**
 * An inbound event accepted and claimed but not yet applied. Events wait in the conversation's
 * inbox in order of arrival, so concurrent messages never conflict: whichever engine commits next
 * applies every waiting event, in order.
 */
export interface QueuedEvent {
  /** The platform's id, claimed when the event was queued. */
  readonly eventId: string;
  readonly author: Candidate;
  /** Null when the stored entry no longer decodes: it is consumed and skipped, never retried. */
  readonly event: SessionEvent | null;
}

/** Everything an engine needs to apply events: the interview, the waiting events, what was delivered. */
export interface SessionState {
  /** Null when there is no interview (yet, or any more). */
  readonly stored: StoredSession | null;
  /** Inbound events waiting to be applied, oldest first. */
  readonly pending: readonly QueuedEvent[];
  /** Idempotency keys of outbox entries already delivered, by any process. */
  readonly delivered: ReadonlySet<string>;
}

/**
 * A token to take from the member's bucket (see rate-limiter.ts) in the same atomic step as an
 * inbound event is stored; when the bucket is empty nothing is stored and the event is dropped.
 */
export interface RateLimitCheck {
  /** rateLimitKey(conversation, member). */
  readonly key: string;
  readonly policy: RateLimitPolicy;
}

/** The member is sending faster than the limit: the event was not stored (nor claimed). */
export interface RateLimited {
  readonly status: "limited";
  readonly refusal: RateRefusal;
}

export type EnqueueResult =
  | QueueResult
  | RateLimited
  /**
   * No interview is stored or starting in the conversation, and the event does not start one (a
   * message in the thread of an erased or expired interview): nothing was stored or claimed.
   */
  | { readonly status: "absent" };

export interface QueueResult {
  /**
   * "duplicate": the event id was claimed before (a redelivery) and nothing was queued. Its
   * first delivery may still be waiting in `pending` if the process that queued it died.
   */
  readonly status: "queued" | "duplicate";
  /** The state right after, `pending` included. */
  readonly state: SessionState;
}

export type CommitResult =
  /** `stored` is null only for a claim-only commit where no interview exists. */
  | { readonly status: "committed"; readonly stored: StoredSession | null }
  /**
   * The event id was already claimed: this delivery is a duplicate and changed nothing. With a
   * `direct` event, `state` shows whether its first delivery is still waiting in the inbox.
   */
  | { readonly status: "duplicate"; readonly state?: SessionState }
  /** The version (or the inbox) moved on; `current` is the newer state to apply the events to again. */
  | { readonly status: "conflict"; readonly current: StoredSession | null; readonly state: SessionState }
  /** The `direct` event could not be applied directly: it was claimed and queued; `state` includes it. */
  | { readonly status: "queued"; readonly state: SessionState }
  /** Only with `rateLimit`: the member's bucket was empty; nothing was written. */
  | RateLimited
  /**
   * `previous` names an interview that is no longer stored (erased, or expired): nothing at all
   * was written, so a stale copy can never write an erased interview back.
   */
  | { readonly status: "gone" };

export interface CommitRequest {
  readonly conversation: ConversationKey;
  /** What the caller read; null when creating. Its version is the compare-and-set condition. */
  readonly previous: StoredSession | null;
  /** The new state; null to claim the event only (nothing changed). */
  readonly next: Session | null;
  /** Platform event id to claim atomically with the write; omitted for internal events. */
  readonly eventId?: string;
  /**
   * Queued events this commit applied: the first `count` of the inbox, the last of them with id
   * `lastEventId`. They leave the inbox only if they are still its head, in the same atomic step.
   */
  readonly consumed?: { readonly count: number; readonly lastEventId: string };
  /**
   * When the new outbox holds undelivered entries: the time by which, if they are still not
   * marked delivered, any process's delivery sweep takes them over (the oldest entry's time plus
   * a grace period). Omitted when a new state is written with nothing undelivered: the
   * conversation leaves the sweep.
   */
  readonly deliveryDueAt?: number;
  /** Delivered marks to drop because their entries left the outbox. */
  readonly forgetDelivered?: readonly string[];
  /**
   * The one inbound event this commit applies, straight from the caller's current copy, without
   * passing through the inbox (one round trip for the common case). Applied only if the version
   * matches and no other event is waiting; otherwise the store claims and queues it in the same
   * atomic step and answers "queued", so it is never lost and keeps its place in order.
   */
  readonly direct?: QueuedEvent;
  /**
   * Quiet-period timers, written in the same step as the state that arms or disarms them (so a
   * timer costs no round trip of its own): `remove` one the new state no longer needs, `add`
   * one due at `dueAt`. Applied only when `next` is written.
   */
  readonly timers?: { readonly add?: DueTimer; readonly remove?: string };
  /** With an inbound event (`direct` or `eventId`): take a token first, after the duplicate check. */
  readonly rateLimit?: RateLimitCheck;
}

/** A timer as stored: an opaque member (see quiet-timer.ts) and when it is due. */
export interface DueTimer {
  readonly member: string;
  readonly dueAt: number;
}

/**
 * Interview state, compare-and-set on the session version. Never read-merge-write: every
 * change is one atomic commit that also claims the inbound event that caused it.
 */
export interface SessionStore {
  /** Null when absent or expired; SessionCorruptError when stored data fails the schema. */
  load(conversation: ConversationKey): Promise<StoredSession | null>;
  /**
   * The interview with its waiting events and delivery marks, in one read. `cached` is a copy the
   * caller holds: when it is still current it is returned instead of being sent again.
   */
  read(conversation: ConversationKey, cached?: StoredSession | null): Promise<SessionState>;
  /**
   * Claims the event and appends it to the conversation's inbox in one atomic step, then reads
   * the whole state. Appending never conflicts, so a burst of messages is never lost to
   * contention.
   */
  enqueue(
    conversation: ConversationKey,
    queued: QueuedEvent,
    rateLimit?: RateLimitCheck,
  ): Promise<EnqueueResult>;
  /** Atomically: refuse a claimed event, check the version, write the changed parts, claim the event. */
  commit(request: CommitRequest): Promise<CommitResult>;
  /** SET NX with TTL for events that touch no session; false when already claimed. */
  claimEvent(conversation: ConversationKey, eventId: string): Promise<boolean>;
  /**
   * Records outbox entries as delivered, for every process. With `settledAtVersion`, the caller
   * has delivered everything the outbox of that version holds: the conversation leaves the
   * delivery sweep, unless a later commit has happened since ("absent": the interview is gone).
   */
  markDelivered(
    conversation: ConversationKey,
    keys: readonly string[],
    settledAtVersion?: number | "absent",
  ): Promise<void>;
  /**
   * Conversations whose undelivered messages are overdue (their process died or failed to post),
   * leased to the caller for `leaseMs` so two sweeping processes do not deliver the same ones.
   */
  claimOverdueDeliveries(now: number, leaseMs: number, limit: number): Promise<ConversationKey[]>;
  /**
   * Timers due by `now`, leased to the caller for `leaseMs` (like deliveries): a timer whose
   * process dies before `completeTimer` fires again after the lease.
   */
  claimDueTimers(now: number, leaseMs: number, limit: number): Promise<string[]>;
  /** Removes a timer that has fired (or no longer applies). */
  completeTimer(member: string): Promise<void>;
  /** Removes the interview and its claims (the candidate's delete request, uninstall). */
  delete(conversation: ConversationKey): Promise<void>;
  /**
   * Every stored interview of a community (a scope: "discord:<guild>"), for its retention period.
   * Optional: a store for one person (the terminal's file) has no community settings.
   */
  conversationsIn?(scope: string): AsyncIterable<ConversationKey>;
  close(): Promise<void>;
}

/** How a message is being delivered. */
export interface DeliveryOptions {
  /**
   * A delivery after a crash or by another process: the message may already have been posted
   * without the delivery being recorded, so a platform without idempotency keys looks first.
   */
  readonly redelivery: boolean;
}

/** Where outbound messages go; a transport, or a router over several. */
export interface MessageSender {
  send(message: OutboundMessage, options?: DeliveryOptions): Promise<void>;
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
  /** A logger whose every line carries `bindings` (e.g. the interview); see loggerFor. */
  child?(bindings: Readonly<Record<string, unknown>>): Logger;
}

/**
 * A logger for one interview (or any other context): the logger's own child when it has one,
 * else one that adds the bindings to each line's fields.
 */
export function loggerFor(logger: Logger, bindings: Readonly<Record<string, unknown>>): Logger {
  // Made on first use: most interviews log nothing, and a child logger serialises its bindings.
  let bound: Logger | undefined;
  const get = () => {
    bound ??= logger.child ? logger.child(bindings) : withFields(logger, bindings);
    return bound;
  };
  return {
    debug: (message, fields) => get().debug(message, fields),
    info: (message, fields) => get().info(message, fields),
    warn: (message, fields) => get().warn(message, fields),
    error: (message, fields) => get().error(message, fields),
  };
}

function withFields(logger: Logger, bindings: Readonly<Record<string, unknown>>): Logger {
  return {
    debug: (message, fields) => logger.debug(message, { ...bindings, ...fields }),
    info: (message, fields) => logger.info(message, { ...bindings, ...fields }),
    warn: (message, fields) => logger.warn(message, { ...bindings, ...fields }),
    error: (message, fields) => logger.error(message, { ...bindings, ...fields }),
  };
}
