import { NOTICES } from "../interview/copy.ts";
import { acknowledgedOutbox, isAllDelivered, transientMessage } from "../interview/session-outbox.ts";
import { toSessionEvent } from "../interview/to-session-event.ts";
import { transition } from "../interview/transition.ts";
import { type ConversationKey, platformOf } from "../model/conversation.ts";
import { SessionConflictError, StoreUnavailableError } from "../model/errors.ts";
import type { InboundEvent } from "../model/inbound-event.ts";
import { InterviewOptionsSchema } from "../model/interview-options.ts";
import type { OutboundMessage } from "../model/reply.ts";
import type { OutboxEntry, Session } from "../model/session.ts";
import type { Effect } from "../model/session-effects.ts";
import type { CoachTaskName, SessionEvent } from "../model/session-events.ts";
import type { Coach } from "../ports/coach-port.ts";
import type { EngineJob, JobQueue } from "../ports/engine-jobs.ts";
import type { ErasureNotice, ErasureNotices } from "../ports/erasure-notices.ts";
import { type Metrics, NO_METRICS } from "../ports/metrics.ts";
import {
  type Clock,
  type CommitRequest,
  type Logger,
  loggerFor,
  type MessageSender,
  type QueuedEvent,
  type RateLimitCheck,
  type SessionState,
  type SessionStore,
  type StoredSession,
} from "../ports/ports.ts";
import type { ProgressStore } from "../ports/progress-store.ts";
import { type RateLimitPolicy, type RateRefusal, rateLimitKey } from "../ports/rate-limiter.ts";
import type { FactFinder } from "./check-story-rewrite.ts";
import type { InstructionDetector } from "./clean-coach-text.ts";
import type { CoachTaskContext } from "./coach-task-context.ts";
import { runCoachTask } from "./coach-task-runner.ts";
import type { CommunityCoaching } from "./community-coaching.ts";
import { DeliveryMarks } from "./delivery-marks.ts";
import { InProcessJobQueue, type Schedule } from "./in-process-job-queue.ts";
import { eventForJob, jobForEffect } from "./job-work.ts";
import { memoizedCoach } from "./memoized-coach.ts";
import { armedQuietTimer, quietTimerJob } from "./quiet-timer.ts";
import { recordProgress } from "./record-progress.ts";
import { recordStories } from "./record-stories.ts";
import { SessionCache } from "./session-cache.ts";
import type { StoryBank } from "./story-bank.ts";
import type { VoiceAnswers } from "./transcribe-voice.ts";

/**
 * Commits that lose a race read again and retry after a jittered pause. Each lost race means
 * another commit applied the waiting events, so retries end quickly; past this many the events
 * stay queued for the next commit, the next delivery of the event, or the delivery sweep.
 */
const MAX_COMMIT_ATTEMPTS = 30;
const RETRY_BASE_MS = 2;
const RETRY_CAP_MS = 250;
/** Inline coach rounds per event: plan → ask, or decide → evaluate → summarise → report. */
const MAX_INLINE_ROUNDS = 8;
/** Undelivered messages older than this are dropped: a notice that stale helps nobody. */
const OUTBOX_RETENTION_MS = 10 * 60_000;
/**
 * How long the committing process has to deliver its messages before the delivery sweep of any
 * process takes them over (also the sweep's lease on a conversation). Within Discord's nonce
 * window, so a message posted just before a crash is not posted twice there.
 */
export const DEFAULT_DELIVERY_GRACE_MS = 15_000;
/** Conversations (or timers) one sweep pass takes over. */
const SWEEP_BATCH = 50;
/** A fired timer's process has this long to apply it before another process fires it again. */
const TIMER_LEASE_MS = 30_000;

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
  /** Finds numbers, dates and names, so a stronger version of an answer invents none (English model). */
  readonly findFacts: FactFinder;
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
  /** How long this process has to deliver before another's sweep takes over; 15 s by default. */
  readonly deliveryGraceMs?: number;
  /**
   * How long records of delivered messages may wait to be written with the next commit or with
   * other conversations' records (see DeliveryMarks); 0 (the default) writes each at once.
   */
  readonly deliveryMarkDelayMs?: number;
  /** Memory the session cache may use, estimated (see SessionCache); 64 MB by default. */
  readonly sessionCacheBytes?: number;
  /**
   * Per member and interview: the store takes a token in the same step as it stores an inbound
   * event, and drops the event when the bucket is empty; a flood of messages gets one polite
   * notice, not a reply per message. None by default (the terminal has one typist).
   */
  readonly rateLimit?: RateLimitPolicy;
  /**
   * Offered each job's result before it is committed here; resolves true when it took the result.
   * A process that cannot post what the commit would say (`secondround worker`, or a serve process
   * whose bots are not running) hands the result to one that can, which commits it with
   * applyJobResult. Unset: every result is committed here.
   */
  readonly handOffJobResult?: (job: EngineJob, event: SessionEvent) => Promise<boolean>;
  /** Where interviews started and finished and turn latencies are reported; nowhere by default. */
  readonly metrics?: Metrics;
  /** Where each finished interview's scores are added to the member's progress history; nowhere by default. */
  readonly progress?: ProgressStore;
  /** Where each finished interview's stories are added to the member's story bank; nowhere by default. */
  readonly stories?: StoryBank;
  /** Communities' coaching settings (extra questions, AI coach off, token budget); none by default. */
  readonly community?: CommunityCoaching;
  /** Voice answers: a transcription provider and the adapter's way to fetch clips; none: type only. */
  readonly voice?: VoiceAnswers;
}

/** "queued": kept in the conversation's inbox, applied by the next commit (contention, see above). */
export type HandleOutcome = "applied" | "unchanged" | "duplicate" | "ignored" | "queued";

type CommitOutcome =
  | { readonly status: "applied" | "unchanged" }
  /** The copy in hand is of an interview no longer stored (erased, expired): nothing was written. */
  | { readonly status: "gone" }
  /** "queued": a direct event met contention and now waits in the inbox; "duplicate": redelivered. */
  | { readonly status: "conflict" | "queued" | "duplicate"; readonly state: SessionState }
  /** The member's bucket was empty (direct events only): nothing was stored. */
  | { readonly status: "limited"; readonly refusal: RateRefusal };

/**
 * Runs interviews. An inbound event is claimed and appended to the conversation's inbox in one
 * atomic step (appends never conflict); then the engine reads the state, applies every waiting
 * event in order (running coach work), and commits with one compare-and-set that also removes the
 * applied events from the inbox; then it delivers the new outbox entries and records their
 * delivery. Any number of engines may share one store: a commit that loses a race reads again,
 * and often finds its event already applied by the winner.
 */
export class InterviewEngine {
  readonly #options: InterviewEngineOptions;
  readonly #cache: SessionCache;
  readonly #jobs: JobQueue;
  readonly #graceMs: number;
  readonly #marks: DeliveryMarks;
  readonly #metrics: Metrics;

  constructor(options: InterviewEngineOptions) {
    this.#options = options;
    this.#metrics = options.metrics ?? NO_METRICS;
    this.#cache = new SessionCache(options.sessionCacheBytes);
    this.#graceMs = options.deliveryGraceMs ?? DEFAULT_DELIVERY_GRACE_MS;
    this.#marks = new DeliveryMarks(options.store, options.deliveryMarkDelayMs ?? 0, options.logger);
    this.#jobs = options.jobs ?? new InProcessJobQueue(options.schedule);
    this.#jobs.process((job) => this.runJob(job));
  }

  /** Handles one inbound platform event exactly once (duplicates are recognised by `eventId`). */
  async handle(inbound: InboundEvent): Promise<HandleOutcome> {
    // Turn latency is measured from here to the commit (monotonic time, not the injected clock).
    const receivedAt = performance.now();
    // Built once, so every engine applying it applies the same event (same new session id).
    const event = this.#toEvent(inbound, this.#options.clock.now());
    if ("invalidOptions" in event) return this.#rejectOptions(inbound, event.invalidOptions);
    const { conversation } = inbound;
    const cached = this.#cache.get(conversation);
    // Others chatting in the thread are not written down at all (checked again when applied).
    const owner = cached?.stored.session.candidate.id;
    if (inbound.type === "message" && owner !== undefined && owner !== inbound.author.id) return "ignored";
    const policy = inbound.type === "start" ? undefined : this.#options.rateLimit;
    const rateLimit = policy && { key: rateLimitKey(conversation, inbound.author.id), policy };
    const queued = { eventId: inbound.eventId, author: inbound.author, event };
    // Coach work survives a lost race: a retry with the same inputs reuses it.
    const coach = memoizedCoach(this.#options.coach);
    let state: SessionState;
    let duplicate: boolean;
    if (cached) {
      // The common case, one round trip: apply to the copy in hand and commit directly; under
      // contention the store queues the event in the same step and the inbox takes over.
      const { stored, delivered } = cached;
      const direct = await this.#applyAndCommit(
        conversation,
        { stored, pending: [], delivered },
        null,
        coach,
        queued,
        rateLimit,
        receivedAt,
      );
      if (direct.status === "limited") return this.#refuse(inbound, direct.refusal);
      // Erased (or expired) under this copy: only a start may begin again, through the inbox.
      if (direct.status === "gone" && inbound.type !== "start") return "ignored";
      if (direct.status === "gone") return this.handle(inbound);
      if (!("state" in direct)) return direct.status;
      state = direct.state;
      duplicate = direct.status === "duplicate";
    } else {
      const result = await this.#options.store.enqueue(conversation, queued, rateLimit);
      if (result.status === "limited") return this.#refuse(inbound, result.refusal);
      // No interview here (erased, expired, never started): nothing was stored.
      if (result.status === "absent") return "ignored";
      state = result.state;
      duplicate = result.status === "duplicate";
    }
    const waiting = state.pending.some((entry) => entry.eventId === inbound.eventId);
    // A redelivery whose first delivery is still waiting (its process died) applies it now.
    if (duplicate && !waiting) return "duplicate";
    let outcome: HandleOutcome;
    try {
      outcome = await this.#settle(conversation, state, null, coach, receivedAt);
    } catch (error) {
      // The event is saved in the inbox: it is applied once the store answers again.
      if (!(error instanceof StoreUnavailableError)) throw error;
      this.#log(conversation).warn("event queued, applying it waits for the store", {
        error: String(error),
      });
      return "queued";
    }
    return duplicate && outcome !== "queued" ? "duplicate" : outcome;
  }

  /** Applies a result produced outside an inbound event (a timer, a background job). */
  async apply(conversation: ConversationKey, event: SessionEvent): Promise<HandleOutcome> {
    const state = await this.#options.store.read(conversation, this.#cache.get(conversation)?.stored);
    return this.#settle(conversation, state, event, memoizedCoach(this.#options.coach));
  }

  /**
   * After a restart: delivers whatever the outbox still holds undelivered, applies inbound events
   * a dead process queued, re-runs coach work that may have been lost, and (with `announce`)
   * re-shows the current prompt.
   */
  async resume(
    conversation: ConversationKey,
    announce: boolean,
    options: {
      /**
       * Where other live processes may be delivering (serve during a rolling deploy), messages
       * younger than the grace period are left to the delivery sweep, which leases each
       * conversation to one process. The terminal, alone, delivers everything.
       */
      readonly leaveRecentToSweep?: boolean;
    } = {},
  ): Promise<Session | null> {
    this.#cache.delete(conversation);
    const state = await this.#options.store.read(conversation);
    if (!state.stored) return null;
    await this.#redeliver(conversation, state, options.leaveRecentToSweep ?? false);
    const resumed = { type: "conversation-resumed", announce, at: this.#options.clock.now() } as const;
    await this.#settle(conversation, state, resumed, memoizedCoach(this.#options.coach));
    return this.#cache.get(conversation)?.stored.session ?? state.stored.session;
  }

  /**
   * One pass of the delivery sweep: takes over conversations whose messages are overdue (their
   * process died, or posting failed) and delivers them, once. Every serving process runs it on a
   * timer; the store leases each conversation to one process at a time. Returns how many
   * conversations it looked at.
   */
  async deliverOverdue(): Promise<number> {
    const { store, clock } = this.#options;
    const due = await store.claimOverdueDeliveries(clock.now(), this.#graceMs, SWEEP_BATCH);
    for (const conversation of due) {
      try {
        this.#cache.delete(conversation);
        const state = await store.read(conversation);
        if (!state.stored) await store.markDelivered(conversation, [], "absent");
        // Nothing is owed (deliveries recorded by processes that could not tell they were the
        // last, or the entry of a commit that lost its race in a Redis Cluster): the entry is
        // settled, or every pass would take the conversation again.
        else if (isAllDelivered(state.stored.session.outbox, state.delivered))
          await store.markDelivered(conversation, [], state.stored.session.version);
        else await this.#redeliver(conversation, state);
        // Inbound events whose process died before applying them.
        if (state.pending.length > 0)
          await this.#settle(conversation, state, null, memoizedCoach(this.#options.coach));
      } catch (error) {
        // Leased, not removed: another pass (here or elsewhere) tries again after the lease.
        this.#log(conversation).warn("delivery sweep failed for one conversation", {
          error: String(error),
        });
      }
    }
    return due.length;
  }

  /**
   * One pass of the quiet-period timers: fires those due (an answer left alone for the quiet
   * period counts as submitted), once. Every serving process runs it on a timer; the store
   * leases each timer to one process at a time. Returns how many timers it took.
   */
  async fireDueTimers(): Promise<number> {
    const { store, clock, logger } = this.#options;
    const due = await store.claimDueTimers(clock.now(), TIMER_LEASE_MS, SWEEP_BATCH);
    for (const member of due) {
      try {
        const job = quietTimerJob(member);
        if (job) await this.runJob(job);
        else logger.warn("unreadable quiet-period timer dropped", { member });
        await store.completeTimer(member);
      } catch (error) {
        // Leased, not removed: it fires again (here or elsewhere) once the lease runs out.
        logger.warn("a quiet-period timer failed", { error: String(error) });
      }
    }
    return due.length;
  }

  /** Drops this process's copy of an interview (its data is being erased). */
  forget(conversation: ConversationKey): void {
    this.#cache.delete(conversation);
  }

  /**
   * Drops this process's copies of what an erasure removed, wherever it ran: the interviews it
   * names and, for a member, any other cached interview of theirs in the community; for a
   * community, all of its interviews. Returns how many copies were dropped.
   */
  dropErased(notice: ErasureNotice): number {
    const inScope = (conversation: string) => conversation.startsWith(`${notice.scope}:`);
    if (notice.kind === "community") return this.#cache.deleteWhere(inScope);
    const named = new Set<string>(notice.conversations);
    return this.#cache.deleteWhere(
      (conversation, known) =>
        named.has(conversation) ||
        (notice.kind === "member" &&
          inScope(conversation) &&
          known.stored.session.candidate.id === notice.memberId),
    );
  }

  /**
   * Keeps this process's cache in step with erasures anywhere in the deployment. After a lost
   * subscription every copy goes (re-read on next use), since notices may have been missed.
   */
  followErasures(notices: ErasureNotices): Promise<void> {
    return notices.subscribe({
      onNotice: (notice) => {
        this.dropErased(notice);
      },
      onMissed: () => this.#cache.clear(),
    });
  }

  /** The current state, for status views and tests. */
  async current(conversation: ConversationKey): Promise<Session | null> {
    const cached = this.#cache.get(conversation);
    if (cached) return cached.stored.session;
    return (await this.#options.store.load(conversation))?.session ?? null;
  }

  /** The state machine's event, or the problems with invalid start options. */
  #toEvent(inbound: InboundEvent, at: number): SessionEvent | { readonly invalidOptions: string } {
    if (inbound.type !== "start") return toSessionEvent(inbound, at, this.#options.voice !== undefined);
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
      ...(inbound.roundOne ? { roundOne: inbound.roundOne } : {}),
      ...(inbound.storyGaps?.length ? { storyGaps: inbound.storyGaps } : {}),
    };
  }

  /** An event refused by the rate limit is dropped, with one private notice per flood. */
  async #refuse(inbound: InboundEvent, decision: RateRefusal): Promise<HandleOutcome> {
    if (decision.notify) {
      const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
      await this.#send(
        transientMessage(inbound.conversation, `slow-down:${inbound.eventId}`, NOTICES.slowDown(seconds), {
          kind: "private",
          userId: inbound.author.id,
        }),
      );
    }
    return "ignored";
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

  /**
   * Applies the waiting inbound events (and `internal`, a timer or coach result) and commits,
   * reading again and retrying with jitter while other commits win.
   */
  async #settle(
    conversation: ConversationKey,
    initial: SessionState,
    internal: SessionEvent | null,
    coach: Coach,
    /** For inbound events: when the engine got the event (performance.now()), for the turn latency. */
    receivedAt?: number,
  ): Promise<HandleOutcome> {
    let state = initial;
    for (let attempt = 0; attempt < MAX_COMMIT_ATTEMPTS; attempt += 1) {
      if (internal === null && state.pending.length === 0) {
        // Another engine applied everything: the copy in hand is out of date.
        this.#cache.delete(conversation);
        return "applied";
      }
      // No rate limit here: every waiting event took its token when it was stored.
      const outcome = await this.#applyAndCommit(
        conversation,
        state,
        internal,
        coach,
        undefined,
        undefined,
        receivedAt,
      );
      if (outcome.status === "limited" || outcome.status === "gone") return "ignored";
      if (!("state" in outcome)) return outcome.status;
      state = outcome.state;
      await pause(jitteredBackoff(attempt));
    }
    if (internal !== null) throw new SessionConflictError(conversation);
    this.#log(conversation).warn("inbound events left queued after repeated conflicts", {
      waiting: state.pending.length,
    });
    return "queued";
  }

  async #applyAndCommit(
    conversation: ConversationKey,
    state: SessionState,
    internal: SessionEvent | null,
    coach: Coach,
    direct?: QueuedEvent,
    rateLimit?: RateLimitCheck,
    receivedAt?: number,
  ): Promise<CommitOutcome> {
    const { stored, delivered } = state;
    const pending = direct ? [direct] : state.pending;
    const committed = this.#newerCommitted(conversation, stored);
    const lastSeen = stored && committed ? await this.#regressed(conversation, stored, committed) : null;
    const progressLost = lastSeen !== null;
    const effects: Effect[] = [];
    let session = stored?.session ?? null;
    // Message numbers already used for what the candidate saw: new messages must not reuse them,
    // or platforms would take them for repeats and drop them.
    if (session && lastSeen) session = { ...session, nextOutboxSeq: lastSeen.nextOutboxSeq };
    let changed = false;
    const run = async (event: SessionEvent, key: string) => {
      const result = await this.#runToRest(this.#startingPoint(session, event), event, key, coach);
      session = result.session ?? session;
      changed ||= result.changed;
      effects.push(...result.effects);
    };
    for (const queued of pending) {
      if (!queued.event) {
        this.#log(conversation).warn("unreadable queued event skipped", {
          eventId: queued.eventId,
        });
        continue;
      }
      // Written for a prompt the store no longer has: told below, never filed under another question.
      if (progressLost && queued.event.type !== "interview-requested") continue;
      if (
        session &&
        queued.author.id !== session.candidate.id &&
        queued.event.type !== "interview-requested"
      ) {
        effects.push(...this.#strangerNotice(queued.event, queued.eventId, session, queued.author.id));
        continue;
      }
      await run(queued.event, queued.eventId);
    }
    const at = this.#options.clock.now();
    if (progressLost)
      await run({ type: "conversation-resumed", announce: true, progressLost: true, at }, `lost-${at}`);
    if (internal) await run(internal, `internal-${internal.at}`);
    const last = direct ? undefined : pending.at(-1);
    const consumed = last ? { count: pending.length, lastEventId: last.eventId } : undefined;
    if (!changed && !consumed && !direct) {
      await this.#carryOut(effects, session);
      return { status: "unchanged" };
    }
    const prepared = changed && session ? this.#prepareForCommit(session, stored, delivered) : null;
    const next = prepared?.session ?? null;
    const oldestUndelivered = next?.outbox.find((entry) => !delivered.has(entry.message.idempotencyKey));
    const timers = next ? timerChanges(stored?.session ?? null, next, effects, at) : undefined;
    const result = await this.#options.store.commit({
      conversation,
      previous: stored,
      next,
      ...(consumed ? { consumed } : {}),
      ...(oldestUndelivered ? { deliveryDueAt: oldestUndelivered.createdAt + this.#graceMs } : {}),
      ...(prepared && prepared.forget.length > 0 ? { forgetDelivered: prepared.forget } : {}),
      ...(direct ? { direct } : {}),
      ...(timers ? { timers } : {}),
      ...(direct && rateLimit ? { rateLimit } : {}),
    });
    if (result.status === "limited") return result;
    if (result.status === "gone") {
      // Erased meanwhile (another process, or this one): the copy in hand must not live on.
      this.#cache.delete(conversation);
      return { status: "gone" };
    }
    if (result.status === "duplicate")
      return result.state ? { status: "duplicate", state: result.state } : { status: "unchanged" };
    // The copy in hand stays until the next commit replaces it: it is how a store that went
    // back in time is recognised.
    if (result.status === "conflict" || result.status === "queued")
      return { status: result.status, state: result.state };
    if (!result.stored) {
      await this.#carryOut(effects, null);
      return { status: "unchanged" };
    }
    if (next) {
      this.#marks.committed(conversation, delivered);
      this.#reportCommitted(conversation, stored?.session ?? null, next, receivedAt);
    }
    const stillDelivered = new Set(delivered);
    for (const key of prepared?.forget ?? []) stillDelivered.delete(key);
    const known = { stored: result.stored, delivered: stillDelivered };
    this.#cache.set(conversation, known);
    if (next) {
      const sameInterview = stored?.session.id === next.id;
      const firstNewSeq = sameInterview ? (stored?.session.nextOutboxSeq ?? 0) : 0;
      const fresh = next.outbox.filter((entry) => entry.seq >= firstNewSeq);
      const sent = await this.#deliverAndRecord(conversation, next, fresh, stillDelivered, false);
      for (const key of sent) stillDelivered.add(key);
      if (next.phase === "finished") await this.#closeOutbox(conversation, result.stored, stillDelivered);
    }
    await this.#carryOut(effects, result.stored.session);
    // After the report is out: the candidate never waits for the history.
    if (next && this.#options.progress)
      await recordProgress(
        this.#options.progress,
        conversation,
        stored?.session ?? null,
        next,
        this.#log(conversation),
      );
    if (next && this.#options.stories)
      await recordStories(
        this.#options.stories,
        conversation,
        stored?.session ?? null,
        next,
        this.#log(conversation),
      );
    return { status: next ? "applied" : "unchanged" };
  }

  /**
   * Metrics for a commit that wrote a new state: counted by the engine whose commit won, so each
   * interview is counted once however many processes applied its events.
   */
  #reportCommitted(
    conversation: ConversationKey,
    previous: Session | null,
    next: Session,
    receivedAt: number | undefined,
  ): void {
    const metrics = this.#metrics;
    const platform = platformOf(conversation);
    if (receivedAt !== undefined) metrics.turnCommitted(platform, (performance.now() - receivedAt) / 1_000);
    const sameInterview = previous !== null && previous.id === next.id;
    if (!sameInterview) metrics.interviewStarted(platform);
    if (next.phase !== "finished" || (sameInterview && previous.phase === "finished")) return;
    if (next.endedEarly) metrics.interviewAbandoned(platform);
    else metrics.interviewCompleted(platform);
  }

  /**
   * Once a finished interview's last messages are out, one more write empties its outbox: no
   * later event would, and the report message in it is several times the size of everything
   * else stored. The interview then leaves the cache (nothing more will happen to it).
   */
  async #closeOutbox(conversation: ConversationKey, stored: StoredSession, delivered: ReadonlySet<string>) {
    const { session } = stored;
    // An empty outbox has nothing to drop (a late coach result recording its tokens, say).
    if (session.outbox.length === 0 || !isAllDelivered(session.outbox, delivered)) return;
    const prepared = this.#prepareForCommit(session, stored, delivered);
    try {
      const result = await this.#options.store.commit({
        conversation,
        previous: stored,
        next: prepared.session,
        ...(prepared.forget.length > 0 ? { forgetDelivered: prepared.forget } : {}),
      });
      if (result.status === "committed") this.#marks.committed(conversation, delivered);
    } catch (error) {
      // Only space is lost: the outbox stays until the interview expires.
      this.#log(conversation).warn("could not empty a finished interview's outbox", {
        error: String(error),
      });
    }
    this.#cache.delete(conversation);
  }

  /** A start over a finished interview begins afresh; anything else continues the stored one. */
  #startingPoint(session: Session | null, event: SessionEvent): Session | null {
    if (event.type === "interview-requested" && session?.phase === "finished") return null;
    return session;
  }

  /** What this engine last committed, when `stored` is an older version of the same interview. */
  #newerCommitted(conversation: ConversationKey, stored: StoredSession | null): StoredSession | null {
    const known = this.#cache.get(conversation)?.stored;
    if (!known || !stored || known.session.id !== stored.session.id) return null;
    return stored.session.version < known.session.version ? known : null;
  }

  /**
   * The interview as this engine last committed it, when the store now holds an older version:
   * Redis restarted without changes it had acknowledged, and the candidate has seen later prompts.
   * An older copy in hand is not enough to say so: this engine may have committed another event
   * or job of the same interview after that copy was read (events and jobs of one interview run
   * side by side in a process). The store is read again, and only a store still behind is a loss.
   */
  async #regressed(
    conversation: ConversationKey,
    stored: StoredSession,
    committed: StoredSession,
  ): Promise<Session | null> {
    const again = (await this.#options.store.read(conversation, committed)).stored;
    if (again?.session.id === committed.session.id && again.session.version >= committed.session.version)
      return null;
    this.#log(conversation).error("the store lost acknowledged changes (Redis restarted without them)", {
      storedVersion: stored.session.version,
      lastCommittedVersion: committed.session.version,
    });
    return committed.session;
  }

  /** Other people chatting in the thread is normal; only their button presses get a reply. */
  #strangerNotice(event: SessionEvent, eventId: string, session: Session, userId: string): Effect[] {
    if (event.type !== "action-requested") return [];
    const message = transientMessage(session.conversation, `stranger:${eventId}`, NOTICES.notYourInterview, {
      kind: "private",
      userId,
    });
    return [{ type: "notify", message }];
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
        const outcome = await runCoachTask(
          this.#taskContext(coach, current.conversation),
          current,
          task.task,
          task.questionId,
        );
        result = transition(current, outcome, `${eventKey}:${round}`);
        current = result.session ?? current;
        changed ||= result.changed;
        nextPending.push(...result.effects);
      }
      pending = nextPending;
    }
    return { session: current, effects, changed };
  }

  /**
   * Drops delivered (by any process) and stale outbox entries, and sets the next version. Returns
   * the delivered marks that can go with their entries.
   */
  #prepareForCommit(
    session: Session,
    stored: StoredSession | null,
    delivered: ReadonlySet<string>,
  ): { session: Session; forget: string[] } {
    const outbox = acknowledgedOutbox(
      session.outbox,
      delivered,
      this.#options.clock.now() - OUTBOX_RETENTION_MS,
    );
    const keep = new Set(outbox.map((entry) => entry.message.idempotencyKey));
    const forget = [...delivered].filter((key) => !keep.has(key));
    // A new top-level object: the parts it shares with `session` stay shared (see transition).
    return { session: { ...session, outbox, version: (stored?.session.version ?? -1) + 1 }, forget };
  }

  /** Delivers every entry of the stored outbox not yet marked delivered (after a crash or a failure). */
  async #redeliver(conversation: ConversationKey, state: SessionState, onlyOverdue = false): Promise<void> {
    const session = state.stored?.session;
    if (!session) return;
    const overdueBefore = this.#options.clock.now() - this.#graceMs;
    const undelivered = session.outbox.filter(
      (entry) =>
        !state.delivered.has(entry.message.idempotencyKey) &&
        (!onlyOverdue || entry.createdAt <= overdueBefore),
    );
    await this.#deliverAndRecord(conversation, session, undelivered, state.delivered, true);
  }

  /**
   * Sends the entries, then records which went out in one write. When nothing in the outbox is
   * left undelivered, the conversation also leaves the delivery sweep.
   */
  async #deliverAndRecord(
    conversation: ConversationKey,
    session: Session,
    entries: readonly OutboxEntry[],
    alreadyDelivered: ReadonlySet<string>,
    redelivery: boolean,
  ): Promise<string[]> {
    if (entries.length === 0) return [];
    const sent: string[] = [];
    for (const entry of entries) {
      if (alreadyDelivered.has(entry.message.idempotencyKey)) continue;
      if (await this.#send(entry.message, redelivery)) sent.push(entry.message.idempotencyKey);
    }
    const settled = isAllDelivered(session.outbox, new Set([...alreadyDelivered, ...sent]));
    if (sent.length === 0 && !settled) return sent;
    await this.#marks.record(conversation, sent, settled ? session.version : undefined);
    return sent;
  }

  async #carryOut(effects: readonly Effect[], session: Session | null): Promise<void> {
    for (const effect of effects) {
      // Written with the commit (see timerChanges).
      if (effect.type === "schedule-quiet-period") continue;
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
    if (effect.type !== "run-coach-task") return false;
    // A transcription never holds up the message that asked for it, on any transport.
    return effect.task === "transcribe-voice" || (this.#options.backgroundTasks?.has(effect.task) ?? false);
  }

  /**
   * Runs one job (called by the queue's worker, in this process or another): a coach task whose
   * result becomes an event, or a quiet-period timer. Throws when the work should be retried.
   */
  async runJob(job: EngineJob): Promise<void> {
    // Another process may have moved the interview on: the read checks the copy in hand is
    // current (and keeps it, so a timer firing never costs a live interview its cached copy).
    const state = await this.#options.store.read(job.conversation, this.#cache.get(job.conversation)?.stored);
    if (!state.stored) return;
    const event = await eventForJob(
      job,
      state.stored.session,
      this.#taskContext(this.#options.coach, job.conversation),
    );
    if (!event) return;
    if (await this.#options.handOffJobResult?.(job, event)) return;
    // While the coach worked, this engine may have committed a later version (another job of the
    // same interview): the commit finds the read out of date, without taking it for a loss
    // (#regressed reads again), and applies the result to the current version.
    await this.#settle(job.conversation, state, event, memoizedCoach(this.#options.coach));
  }

  /**
   * Commits a job's result that a process without chat transports handed off (see
   * handOffJobResult), and posts what it says. A result for an interview since replaced or
   * erased is dropped; a repeated one changes nothing (each result is applied once).
   */
  async applyJobResult(job: EngineJob, event: SessionEvent): Promise<void> {
    const state = await this.#options.store.read(job.conversation, this.#cache.get(job.conversation)?.stored);
    if (state.stored?.session.id !== job.sessionId) return;
    await this.#settle(job.conversation, state, event, memoizedCoach(this.#options.coach));
  }

  #taskContext(coach: Coach, conversation: string): CoachTaskContext {
    const { standInCoach, isInstruction, findFacts, clock, community, voice } = this.#options;
    return {
      coach,
      standIn: standInCoach,
      isInstruction,
      findFacts,
      logger: this.#log(conversation),
      now: () => clock.now(),
      ...(community ? { community } : {}),
      ...(voice ? { voice } : {}),
    };
  }

  /** One interview's logger: every line names its conversation (a child logger in production). */
  #log(conversation: string): Logger {
    return loggerFor(this.#options.logger, { conversation });
  }

  /** Resolves when no job of this process is running and every delivery is recorded (graceful shutdown, tests). */
  async idle(): Promise<void> {
    await this.#jobs.idle();
    await this.#marks.flush();
  }

  /** Writes the delivery records still waiting (graceful shutdown). */
  async flushDeliveryMarks(): Promise<void> {
    await this.#marks.flush();
  }

  /** Sessions held in memory and their estimated bytes (metrics, benchmarks). */
  get cacheSize(): { readonly sessions: number; readonly bytes: number } {
    return this.#cache.size;
  }

  /** Sends one message; a failure is logged and reported, never thrown into the inbound path. */
  async #send(message: OutboundMessage, redelivery = false): Promise<boolean> {
    try {
      await this.#options.sender.send(message, { redelivery });
      return true;
    } catch (error) {
      this.#log(message.conversation).error("message delivery failed", {
        idempotencyKey: message.idempotencyKey,
        error: String(error),
      });
      return false;
    }
  }
}

/**
 * The quiet-period timers a commit writes with the state: the one the new draft's last message
 * armed, and the one the previous state had armed once it no longer applies (the draft grew, the
 * answer was submitted). A timer is armed only by a message, so a resumed interview does not
 * submit at once a draft whose quiet period ran out during the pause.
 */
function timerChanges(
  previous: Session | null,
  next: Session,
  effects: readonly Effect[],
  at: number,
): CommitRequest["timers"] | undefined {
  const before = armedQuietTimer(previous);
  const after = armedQuietTimer(next);
  const scheduled = effects.findLast((effect) => effect.type === "schedule-quiet-period");
  const add = scheduled && after !== null ? { member: after, dueAt: at + scheduled.delayMs } : undefined;
  const remove = before !== null && before !== after ? before : undefined;
  if (!add && remove === undefined) return undefined;
  return { ...(add ? { add } : {}), ...(remove !== undefined ? { remove } : {}) };
}

/** Full jitter: a random pause up to an exponentially growing cap, so retrying writers spread out. */
function jitteredBackoff(attempt: number): number {
  return Math.random() * Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** attempt);
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
