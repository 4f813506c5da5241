// Interactions the actors dispatched, with Discord's response rules: the first callback within the deadline
// (3 s; later → 404 10062), exactly one callback (a second → 400 40060), and a token that serves webhook calls for 15
// minutes after the interaction was created (later → 404 10015; never 401, which would wipe discord.js's token).
import { alreadyAcknowledged, unknownInteraction, unknownWebhook } from "./errors.ts";
import type { InteractionRecord } from "./types.ts";

export type InteractionState = {
  record: InteractionRecord;
  /** The message `@original` refers to: the reply, the deferred placeholder, or the clicked component's message. */
  originalMessageId: string | null;
  /** The clicked message for component interactions (and modal submits shown from one). */
  componentMessageId: string | null;
  /** A type 5 placeholder still "thinking": the first follow-up replaces it instead of posting anew. */
  deferredLoading: boolean;
  followupIds: Set<string>;
};

export class InteractionStore {
  readonly #byId = new Map<string, InteractionState>();
  readonly #byToken = new Map<string, InteractionState>();
  readonly #deadlineMs: number;
  readonly #tokenTtlMs: number;

  constructor(options: { deadlineMs: number; tokenTtlMs: number }) {
    this.#deadlineMs = options.deadlineMs;
    this.#tokenTtlMs = options.tokenTtlMs;
  }

  get deadlineMs(): number {
    return this.#deadlineMs;
  }

  add(record: InteractionRecord, componentMessageId: string | null): InteractionState {
    const state: InteractionState = {
      record,
      originalMessageId: null,
      componentMessageId,
      deferredLoading: false,
      followupIds: new Set(),
    };
    this.#byId.set(record.id, state);
    this.#byToken.set(record.token, state);
    return state;
  }

  get(id: string): InteractionState | undefined {
    return this.#byId.get(id);
  }

  all(): InteractionState[] {
    return [...this.#byId.values()];
  }

  /** The state a first callback may use, or Discord's refusal. */
  forCallback(id: string, token: string, now: number): InteractionState {
    const state = this.#byId.get(id);
    if (!state || state.record.token !== token)
      throw unknownInteraction(`no interaction ${id} with that token`);
    if (state.record.acknowledgedAt !== null) throw alreadyAcknowledged();
    if (now > state.record.deadlineAt) {
      throw unknownInteraction(
        `first callback ${now - state.record.dispatchedAt} ms after dispatch; deadline ${this.#deadlineMs} ms`,
      );
    }
    return state;
  }

  /** The state a webhook call (`@original`, follow-ups) may use, or 404 10015 Unknown Webhook. */
  forWebhook(
    applicationId: string,
    expectedApplicationId: string,
    token: string,
    now: number,
  ): InteractionState {
    if (applicationId !== expectedApplicationId)
      throw unknownWebhook(`application ${applicationId} is not ours`);
    const state = this.#byToken.get(token);
    if (!state) throw unknownWebhook("no interaction with that token");
    if (now - state.record.dispatchedAt > this.#tokenTtlMs) {
      throw unknownWebhook(`interaction token expired after ${this.#tokenTtlMs} ms`);
    }
    if (state.record.acknowledgedAt === null) throw unknownWebhook("interaction not acknowledged yet");
    return state;
  }
}
