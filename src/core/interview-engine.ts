import type { InstructionDetector } from "./clean-coach-text.ts";
import type { Coach } from "./coach-port.ts";
import { type CoachTaskContext, runCoachTask } from "./coach-task-runner.ts";
import type { ConversationKey } from "./conversation.ts";
import { NOTICES } from "./copy.ts";
import { DeliveryTracker } from "./delivery-tracker.ts";
import type { EngineJob, JobQueue } from "./engine-jobs.ts";
import { SessionConflictError } from "./errors.ts";
import { InProcessJobQueue, type Schedule } from "./in-process-job-queue.ts";
import type { InboundEvent } from "./inbound-event.ts";
import { InterviewOptionsSchema } from "./interview-options.ts";
import { eventForJob, jobForEffect } from "./job-work.ts";
import { memoizedCoach } from "./memoized-coach.ts";
import type { Clock, Logger, MessageSender, SessionStore, StoredSession } from "./ports.ts";
import type { OutboundMessage } from "./reply.ts";
import type { Session } from "./session.ts";
import type { Effect } from "./session-effects.ts";
import type { CoachTaskName, SessionEvent } from "./session-events.ts";
import { acknowledgeOutbox, transientMessage } from "./session-outbox.ts";
import { toSessionEvent } from "./to-session-event.ts";
import { transition } from "./transition.ts";

/** Conflicting writers are rare and short-lived; past this many retries something is wrong. */
const MAX_COMMIT_ATTEMPTS = 8;
/** Sessions kept in memory; a stale one costs only a conflict and a retry. */
const SESSION_CACHE_SIZE = 10_000;
/** Inline coach rounds per event: plan → ask, or decide → evaluate → summarise → report. */
const MAX_INLINE_ROUNDS = 8;

export interface InterviewEngineOptions {
  readonly store: SessionStore;
  readonly coach: Coach;
  /**
   * The offline coach: its wording replaces coach output that fails the checks (nothing usable
   * left after hostile items are dropped, or too few usable questions), labelled as such.
   */
  readonly standInCoach: Coach;
  /** Finds text addressed to an assessor or a model in coach output (the rubric's detector). */
  readonly isInstruction: InstructionDetector;
  readonly sender: MessageSender;
  readonly clock: Clock;
  readonly logger: Logger;
  /** New session ids; random in production, predictable in tests. */
  readonly newSessionId: () => string;
  /**
   * Where background coach tasks and quiet-period timers wait: BullMQ on Redis for the chat bots,
   * in process by default. The engine registers itself as the queue's worker.
   */
  readonly jobs?: JobQueue;
  /** Timers of the default in-process queue; setTimeout by default. */
  readonly schedule?: Schedule;
  /**
   * Coach tasks run after the commit instead of before it, so the candidate is not kept waiting
   * (e.g. a slow AI evaluation while the next question is already shown). Their results arrive
   * as later events. Default: none, every task runs before the commit.
   */
  readonly backgroundTasks?: ReadonlySet<CoachTaskName>;
}

export type HandleOutcome = "applied" | "unchanged" | "duplicate" | "ignored";

/**
 * Runs interviews: load → transition → run coach work → one compare-and-set commit (which also
 * claims the inbound event) → deliver the new outbox entries. Any number of engines may share one
 * store; conflicting commits are re-applied to the newer state.
 */
export class InterviewEngine {
  readonly #options: InterviewEngineOptions;
  readonly #cache = new Map<ConversationKey, StoredSession>();
  readonly #delivery = new DeliveryTracker();
  readonly #jobs: JobQueue;

  constructor(options: InterviewEngineOptions) {
    this.#options = options;
    this.#jobs = options.jobs ?? new InProcessJobQueue(options.schedule);
    this.#jobs.process((job) => this.runJob(job));
  }

  /** Handles one inbound platform event exactly once (duplicates are recognised by `eventId`). */
  async handle(inbound: InboundEvent): Promise<HandleOutcome> {
    // Built once, so a retry after a conflict applies the same event (same new session id).
    const event = this.#toEvent(inbound, this.#options.clock.now());
    if ("invalidOptions" in event) return this.#rejectOptions(inbound, event.invalidOptions);
    let stored = await this.#read(inbound.conversation);
    // Coach work survives a lost race: a retry with the same inputs reuses it.
    const coach = memoizedCoach(this.#options.coach);
    for (let attempt = 0; attempt < MAX_COMMIT_ATTEMPTS; attempt += 1) {
      const session = stored?.session ?? null;
      if (session && inbound.author.id !== session.candidate.id && inbound.type !== "start") {
        return this.#rejectStranger(inbound, session);
      }
      const outcome = await this.#applyAndCommit(inbound.conversation, stored, event, inbound.eventId, coach);
      if (outcome.status !== "conflict") return outcome.status;
      stored = outcome.current;
    }
    throw new SessionConflictError(inbound.conversation);
  }

  /** Applies a result produced outside an inbound event (a timer, a background job). */
  async apply(conversation: ConversationKey, event: SessionEvent): Promise<HandleOutcome> {
    return this.#applyFrom(conversation, await this.#read(conversation), event);
  }

  /** Applies an event to the state last read; a newer state is picked up from the commit's conflict. */
  async #applyFrom(
    conversation: ConversationKey,
    read: StoredSession | null,
    event: SessionEvent,
  ): Promise<HandleOutcome> {
    let stored = read;
    const coach = memoizedCoach(this.#options.coach);
    for (let attempt = 0; attempt < MAX_COMMIT_ATTEMPTS; attempt += 1) {
      const outcome = await this.#applyAndCommit(conversation, stored, event, undefined, coach);
      if (outcome.status !== "conflict") return outcome.status;
      stored = outcome.current;
    }
    throw new SessionConflictError(conversation);
  }

  /**
   * After a restart: delivers whatever the outbox still holds, re-runs coach work that may have
   * been lost, and (with `announce`) re-shows the current prompt.
   */
  async resume(conversation: ConversationKey, announce: boolean): Promise<Session | null> {
    const stored = await this.#read(conversation);
    if (!stored) return null;
    await this.#deliver(
      stored.session,
      stored.session.outbox.map((entry) => entry.seq),
    );
    await this.apply(conversation, { type: "conversation-resumed", announce, at: this.#options.clock.now() });
    return this.#cache.get(conversation)?.session ?? stored.session;
  }

  /** The current state, for status views and tests. */
  async current(conversation: ConversationKey): Promise<Session | null> {
    return (await this.#read(conversation))?.session ?? null;
  }

  async #read(conversation: ConversationKey): Promise<StoredSession | null> {
    const cached = this.#cache.get(conversation);
    if (cached) return cached;
    return this.#options.store.load(conversation);
  }

  /** The state machine's event, or the problems with invalid start options. */
  #toEvent(inbound: InboundEvent, at: number): SessionEvent | { readonly invalidOptions: string } {
    if (inbound.type !== "start") return toSessionEvent(inbound, at);
    const parsed = InterviewOptionsSchema.safeParse(inbound.options);
    if (!parsed.success) {
      return {
        invalidOptions: parsed.error.issues
          .map((issue) => `${issue.path.join(".")}: ${issue.message}`)
          .join("; "),
      };
    }
    const options = parsed.data;
    return {
      type: "interview-requested",
      sessionId: this.#options.newSessionId(),
      conversation: inbound.conversation,
      candidate: inbound.author,
      options,
      coach: this.#options.coach.name,
      at,
      ...(inbound.documents ? { documents: inbound.documents } : {}),
    };
  }

  /** Start options that fail validation get a private explanation; nothing is created. */
  async #rejectOptions(inbound: InboundEvent, problems: string): Promise<HandleOutcome> {
    await this.#send(
      transientMessage(inbound.conversation, `options:${inbound.eventId}`, NOTICES.invalidOptions(problems), {
        kind: "private",
        userId: inbound.author.id,
      }),
    );
    return "ignored";
  }

  async #rejectStranger(inbound: InboundEvent, session: Session): Promise<HandleOutcome> {
    // Other people chatting in the thread is normal; only their button presses get a reply.
    if (inbound.type !== "action") return "ignored";
    await this.#send(
      transientMessage(session.conversation, `stranger:${inbound.eventId}`, NOTICES.notYourInterview, {
        kind: "private",
        userId: inbound.author.id,
      }),
    );
    return "ignored";
  }

  async #applyAndCommit(
    conversation: ConversationKey,
    stored: StoredSession | null,
    event: SessionEvent,
    eventId: string | undefined,
    coach: Coach,
  ): Promise<
    { status: "applied" | "unchanged" | "duplicate" } | { status: "conflict"; current: StoredSession | null }
  > {
    const base = this.#startingPoint(stored, event);
    const { session, effects, changed } = await this.#runToRest(
      base,
      event,
      eventId ?? `internal-${event.at}`,
      coach,
    );
    if (!changed && eventId === undefined) {
      await this.#carryOut(effects, session);
      return { status: "unchanged" };
    }
    const acknowledged = new Set<number>();
    const next = changed && session ? this.#prepareForCommit(session, stored, acknowledged) : null;
    const result = await this.#options.store.commit({ conversation, previous: stored, next, eventId });
    if (result.status === "duplicate") return { status: "duplicate" };
    if (result.status === "conflict") {
      this.#cache.delete(conversation);
      return { status: "conflict", current: result.current };
    }
    if (next) this.#delivery.forget(next.id, acknowledged);
    if (!result.stored) {
      await this.#carryOut(effects, null);
      return { status: "unchanged" };
    }
    this.#remember(conversation, result.stored);
    const sameInterview = stored?.session.id === result.stored.session.id;
    const firstNewSeq = sameInterview ? (stored?.session.nextOutboxSeq ?? 0) : 0;
    const fresh = result.stored.session.outbox
      .filter((entry) => entry.seq >= firstNewSeq)
      .map((entry) => entry.seq);
    await this.#deliver(result.stored.session, fresh);
    await this.#carryOut(effects, result.stored.session);
    return { status: next ? "applied" : "unchanged" };
  }

  /** A start over a finished interview begins afresh; anything else continues the stored one. */
  #startingPoint(stored: StoredSession | null, event: SessionEvent): Session | null {
    if (event.type === "interview-requested" && stored?.session.phase === "finished") return null;
    return stored?.session ?? null;
  }

  /** Applies the event, then feeds coach results back until the session waits for the candidate. */
  async #runToRest(session: Session | null, event: SessionEvent, eventKey: string, coach: Coach) {
    let result = transition(session, event, eventKey);
    let current = result.session;
    let changed = result.changed;
    const effects: Effect[] = [];
    let pending: readonly Effect[] = result.effects;
    for (let round = 0; round < MAX_INLINE_ROUNDS && current; round += 1) {
      const coachTasks = pending.filter(
        (effect): effect is Extract<Effect, { type: "run-coach-task" }> =>
          effect.type === "run-coach-task" && !this.#isBackground(effect),
      );
      effects.push(
        ...pending.filter((effect) => effect.type !== "run-coach-task" || this.#isBackground(effect)),
      );
      if (coachTasks.length === 0) return { session: current, effects, changed };
      const nextPending: Effect[] = [];
      for (const task of coachTasks) {
        const outcome = await runCoachTask(this.#taskContext(coach), current, task.task, task.questionId);
        result = transition(current, outcome, `${eventKey}:${round}`);
        current = result.session ?? current;
        changed ||= result.changed;
        nextPending.push(...result.effects);
      }
      pending = nextPending;
    }
    return { session: current, effects, changed };
  }

  /** Drops delivered outbox entries (collected in `acknowledged`) and sets the next version. */
  #prepareForCommit(session: Session, stored: StoredSession | null, acknowledged: Set<number>): Session {
    for (const seq of this.#delivery.deliveredSeqs(session.id)) acknowledged.add(seq);
    acknowledgeOutbox(session, acknowledged, this.#options.clock.now() - DeliveryTracker.RETENTION_MS);
    session.version = (stored?.session.version ?? -1) + 1;
    return session;
  }

  /** Keeps recently used sessions so the common case costs one round trip (the commit). */
  #remember(conversation: ConversationKey, stored: StoredSession): void {
    this.#cache.delete(conversation);
    this.#cache.set(conversation, stored);
    if (this.#cache.size > SESSION_CACHE_SIZE) {
      const oldest = this.#cache.keys().next().value;
      if (oldest !== undefined) this.#cache.delete(oldest);
    }
  }

  async #deliver(session: Session, seqs: readonly number[]): Promise<void> {
    for (const seq of seqs) {
      const entry = session.outbox.find((candidate) => candidate.seq === seq);
      if (!entry || this.#delivery.isDelivered(session.id, seq)) continue;
      if (await this.#send(entry.message)) this.#delivery.markDelivered(session.id, seq);
    }
  }

  async #carryOut(effects: readonly Effect[], session: Session | null): Promise<void> {
    for (const effect of effects) {
      if (effect.type === "notify") await this.#send(effect.message);
      const work = session && jobForEffect(effect, session);
      if (work) await this.#enqueue(work.job, work.delayMs);
    }
  }

  async #enqueue(job: EngineJob, delayMs?: number): Promise<void> {
    try {
      await this.#jobs.enqueue(job, delayMs);
    } catch (error) {
      // The work stays pending in the session; `resume` asks for it again.
      this.#options.logger.error("could not enqueue a job", { ...job, error: String(error) });
    }
  }

  #isBackground(effect: Effect): boolean {
    return effect.type === "run-coach-task" && (this.#options.backgroundTasks?.has(effect.task) ?? false);
  }

  /**
   * Runs one job (called by the queue's worker, in this process or another): a coach task whose
   * result becomes an event, or a quiet-period timer. Throws when the work should be retried.
   */
  async runJob(job: EngineJob): Promise<void> {
    // Another process may have moved the interview on: read it fresh rather than from the cache.
    this.#cache.delete(job.conversation);
    const stored = await this.#read(job.conversation);
    if (!stored) return;
    const event = await eventForJob(job, stored.session, this.#taskContext(this.#options.coach));
    if (event) await this.#applyFrom(job.conversation, stored, event);
  }

  #taskContext(coach: Coach): CoachTaskContext {
    const { standInCoach, isInstruction, logger, clock } = this.#options;
    return { coach, standIn: standInCoach, isInstruction, logger, now: () => clock.now() };
  }

  /** Resolves when no job of this process is running (graceful shutdown, tests). */
  async idle(): Promise<void> {
    await this.#jobs.idle();
  }

  /** Sends one message; a failure is logged and reported, never thrown into the inbound path. */
  async #send(message: OutboundMessage): Promise<boolean> {
    try {
      await this.#options.sender.send(message);
      return true;
    } catch (error) {
      this.#options.logger.error("message delivery failed", {
        conversation: message.conversation,
        idempotencyKey: message.idempotencyKey,
        error: String(error),
      });
      return false;
    }
  }
}
