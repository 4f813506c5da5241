import { startOfDay, startOfNextDay } from "../model/calendar-periods.ts";
import { DEFAULT_COMMUNITY_SETTINGS, withCommunityDefaults } from "../model/community-settings.ts";
import type { Candidate, ConversationKey } from "../model/conversation.ts";
import { SessionCorruptError } from "../model/errors.ts";
import {
  type InterviewOptions,
  type InterviewOptionsInput,
  InterviewOptionsSchema,
} from "../model/interview-options.ts";
import type { MemberExport } from "../model/member-export.ts";
import { type ProgressEntry, progressEntryOf } from "../model/progress-entry.ts";
import type { RoundOneLog } from "../model/round-one-log.ts";
import type { Session } from "../model/session.ts";
import type { CandidateDirectory } from "../ports/candidate-directory.ts";
import type { CommunitySettingsStore } from "../ports/community-settings-store.ts";
import type { JobQueue } from "../ports/engine-jobs.ts";
import type { ErasureNotice, ErasureNotices } from "../ports/erasure-notices.ts";
import type { Clock, Logger, SessionStore } from "../ports/ports.ts";
import type { ProgressStore } from "../ports/progress-store.ts";
import type { RoundOneLogStore } from "../ports/round-one-log-store.ts";
import { CommunityRetention } from "./community-retention.ts";
import type { InterviewEngine } from "./interview-engine.ts";
import { type ErasureRequester, type MemberErasure, MemberPrivacy } from "./member-privacy.ts";
import type { StoryBank } from "./story-bank.ts";

/** Long enough to create a thread and plan questions; a crashed holder frees it on its own. */
const START_HOLD_MS = 60_000;
/** Recent interviews checked for one still running. */
const ACTIVE_LOOKBACK = 5;
/** How long one process holds a due community erasure before another may take it over. */
const ERASURE_LEASE_MS = 10 * 60_000;
/** Community erasures one sweep pass takes on. */
const ERASURES_PER_PASS = 10;

export interface StartRequest {
  /** The community: "discord:<guild>" or "slack:<team>". One running interview per candidate in it. */
  readonly scope: `${"discord" | "slack" | "terminal"}:${string}`;
  readonly candidate: Candidate;
  /** The platform's id for the start command (interaction id, view submission id). */
  readonly eventId: string;
  readonly receivedAt: number;
  readonly options: InterviewOptionsInput;
  readonly documents?: { readonly cv: string | null; readonly jobDescription: string | null };
  /** Creates the thread the interview runs in; called only once the start may go ahead. */
  readonly openConversation: () => Promise<ConversationKey>;
}

export type StartOutcome =
  | { readonly kind: "started"; readonly conversation: ConversationKey }
  | { readonly kind: "already-active"; readonly session: Session }
  | { readonly kind: "invalid-options"; readonly problems: string }
  /** Another start by the same candidate is being set up right now. */
  | { readonly kind: "busy" }
  /** This start command was handled before (a redelivered event). */
  | { readonly kind: "duplicate" }
  /** The member has started the community's daily number of interviews; nothing was started. */
  | { readonly kind: "daily-limit"; readonly limit: number; readonly resetsAt: number };

/**
 * What chat adapters need around the engine: starting an interview in a new thread (one running
 * interview per candidate per community), and finding a candidate's current and past interviews.
 */
export class InterviewDesk {
  readonly #engine: InterviewEngine;
  readonly #store: SessionStore;
  readonly #directory: CandidateDirectory;
  readonly #progress: ProgressStore | null;
  readonly #jobs: JobQueue | null;
  readonly #roundOneLogs: RoundOneLogStore | null;
  readonly #stories: StoryBank | null;
  readonly #privacy: MemberPrivacy;
  readonly #logger: Logger | null;
  readonly #clock: Clock;
  readonly #settings: CommunitySettingsStore | null;
  readonly #notices: ErasureNotices | null;
  readonly #retention: CommunityRetention | null;

  constructor(options: {
    readonly engine: InterviewEngine;
    readonly store: SessionStore;
    readonly directory: CandidateDirectory;
    /** Each member's long-lived progress history (`/interview progress`). */
    readonly progress?: ProgressStore;
    /** A durable queue keeps job records naming interviews: erased with their community. */
    readonly jobs?: JobQueue;
    /** Members' round-1 logs: a second or final round for a logged company is built on its log. */
    readonly roundOneLogs?: RoundOneLogStore;
    /**
     * Members' story banks: a new interview asks first about competencies with no story yet, and a
     * member's stories are exported and erased with the rest of their data.
     */
    readonly stories?: StoryBank;
    /** Where erasures are audited (who asked, what, when; never personal content). */
    readonly logger?: Logger;
    readonly clock?: Clock;
    /** Communities' settings: start defaults and the daily interview limit. None: no limits, no defaults. */
    readonly settings?: CommunitySettingsStore;
    /** Where erasures are announced to the deployment's other processes (their caches). */
    readonly notices?: ErasureNotices;
  }) {
    this.#notices = options.notices ?? null;
    this.#settings = options.settings ?? null;
    this.#stories = options.stories ?? null;
    this.#roundOneLogs = options.roundOneLogs ?? null;
    this.#engine = options.engine;
    this.#store = options.store;
    this.#directory = options.directory;
    this.#progress = options.progress ?? null;
    this.#jobs = options.jobs ?? null;
    this.#logger = options.logger ?? null;
    this.#clock = options.clock ?? { now: () => Date.now() };
    this.#privacy = new MemberPrivacy({
      store: options.store,
      directory: options.directory,
      progress: this.#progress,
      roundOneLogs: this.#roundOneLogs,
      jobs: this.#jobs,
      stories: options.stories ?? null,
      forgetCached: (conversation) => options.engine.forget(conversation),
      announceErasure: (notice) => this.#announceErasure(notice),
      clock: this.#clock,
      logger: this.#logger,
    });
    this.#retention = this.#settings
      ? new CommunityRetention({
          settings: this.#settings,
          store: options.store,
          directory: options.directory,
          progress: this.#progress,
          roundOneLogs: this.#roundOneLogs,
          stories: options.stories ?? null,
          jobs: this.#jobs,
          announceErasure: (notice) => this.#announceErasure(notice),
          clock: this.#clock,
          logger: this.#logger,
        })
      : null;
  }

  /**
   * Applies the retention period of every community whose turn it is (serve's retention sweep,
   * each community leased to one process); returns them.
   */
  async applyDueRetention(now: number): Promise<string[]> {
    return (await this.#retention?.applyDue(now)) ?? [];
  }

  /** Everything kept about the member in this community, as one document (`/interview privacy`). */
  exportMember(scope: string, memberId: string): Promise<MemberExport> {
    return this.#privacy.exportMember(scope, memberId);
  }

  /** Erases everything of the member in this community (see MemberPrivacy.eraseMember). */
  eraseMember(
    scope: string,
    memberId: string,
    requestedBy: ErasureRequester = "member",
  ): Promise<MemberErasure> {
    return this.#privacy.eraseMember(scope, memberId, requestedBy);
  }

  async start(request: StartRequest): Promise<StartOutcome> {
    const settings = (await this.#settings?.get(request.scope)) ?? DEFAULT_COMMUNITY_SETTINGS;
    const parsed = InterviewOptionsSchema.safeParse(withCommunityDefaults(request.options, settings));
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
      return { kind: "invalid-options", problems: problems.join("; ") };
    }
    const { scope, candidate } = request;
    if (!(await this.#store.claimEvent(`${scope}:starts`, request.eventId))) return { kind: "duplicate" };
    if (!(await this.#directory.hold(scope, candidate.id, START_HOLD_MS))) return { kind: "busy" };
    try {
      const active = await this.activeInterview(scope, candidate.id);
      if (active) return { kind: "already-active", session: active };
      const limit = settings.interviewsPerMemberPerDay;
      if (
        limit !== undefined &&
        (await this.#startedToday(scope, candidate.id, limit, request.receivedAt)) >= limit
      ) {
        return { kind: "daily-limit", limit, resetsAt: startOfNextDay(request.receivedAt) };
      }
      // Read before the thread opens, so the session holds the log and its planning stays pure.
      const roundOne = await this.#roundOneLogFor(scope, candidate.id, parsed.data);
      const storyGaps = (await this.#stories?.gaps(scope, candidate.id)) ?? [];
      const conversation = await request.openConversation();
      await this.#directory.record(scope, candidate.id, conversation, request.receivedAt);
      await this.#engine.handle({
        type: "start",
        eventId: request.eventId,
        conversation,
        author: candidate,
        receivedAt: request.receivedAt,
        options: parsed.data,
        ...(request.documents ? { documents: request.documents } : {}),
        ...(roundOne ? { roundOne } : {}),
        ...(storyGaps.length > 0 ? { storyGaps } : {}),
      });
      return { kind: "started", conversation };
    } finally {
      await this.#directory.release(scope, candidate.id);
    }
  }

  /**
   * Interviews the member started in this community on the (UTC) day of `at`, counted up to `limit`
   * from their most recent ones. An interview erased since (by the member or its expiry) no longer counts.
   */
  async #startedToday(scope: string, candidateId: string, limit: number, at: number): Promise<number> {
    const dayStart = startOfDay(at);
    const recent = await this.history(scope, candidateId, limit);
    return recent.filter((session) => session.createdAt >= dayStart).length;
  }

  /** Members' story banks (`/interview stories`), when this deployment keeps them. */
  get stories(): StoryBank | null {
    return this.#stories;
  }

  /** Members' round-1 logs (`/interview log`), when this deployment keeps them. */
  get roundOneLogs(): RoundOneLogStore | null {
    return this.#roundOneLogs;
  }

  /** The member's round-1 log for the company when this is a later round; a first round has none. */
  async #roundOneLogFor(
    scope: string,
    memberId: string,
    options: InterviewOptions,
  ): Promise<RoundOneLog | null> {
    if (options.stage === "first" || !this.#roundOneLogs) return null;
    return this.#roundOneLogs.get(scope, memberId, options.company);
  }

  /**
   * `/interview end` from anywhere in the community: ends the candidate's running interview (its
   * feedback goes to its thread). The running session, or null when there was none.
   */
  async endInterview(
    scope: string,
    candidate: Candidate,
    eventId: string,
    receivedAt: number,
  ): Promise<Session | null> {
    const active = await this.activeInterview(scope, candidate.id);
    if (!active) return null;
    const conversation = active.conversation as ConversationKey;
    await this.#engine.handle({
      type: "action",
      action: "end",
      eventId,
      conversation,
      author: candidate,
      receivedAt,
    });
    return active;
  }

  /** Deletes every interview and directory entry of a community (Slack uninstall, a data request). */
  async eraseCommunity(scope: string, requestedBy: ErasureRequester): Promise<number> {
    const at = new Date(this.#clock.now()).toISOString();
    const keys = await this.#directory.eraseScope(scope);
    await this.#announceErasure({ kind: "community", scope });
    const jobRecords = (await this.#jobs?.forgetScope?.(scope)) ?? 0;
    // At warn: the default LOG_LEVEL (warn) must keep the audit trail.
    this.#logger?.warn("community data erased", {
      audit: "erasure",
      subject: "community",
      requestedBy,
      scope,
      keys,
      jobRecords,
      at,
    });
    return keys + jobRecords;
  }

  /**
   * The community removed the bot (a Discord server kicked it): everything of it is erased at
   * `dueAt` unless it comes back first (cancelCommunityErasure), so an accidental kick is
   * recoverable.
   */
  async scheduleCommunityErasure(scope: string, dueAt: number): Promise<void> {
    await this.#directory.scheduleErasure(scope, dueAt);
  }

  /** The bot is back in the community: its data stays. True when an erasure was pending. */
  async cancelCommunityErasure(scope: string): Promise<boolean> {
    return this.#directory.cancelErasure(scope);
  }

  /** Erases the communities whose grace period is over (serve's erasure sweep); returns them. */
  async eraseDueCommunities(now: number): Promise<string[]> {
    const due = await this.#directory.claimDueErasures(now, ERASURE_LEASE_MS, ERASURES_PER_PASS);
    for (const scope of due) await this.eraseCommunity(scope, "server-removal");
    return due;
  }

  /** Finishes member erasures that were cut short (serve's erasure sweep); how many finished. */
  eraseDueMembers(now: number): Promise<number> {
    return this.#privacy.eraseDueMembers(now);
  }

  /**
   * Drops this process's copies of what was erased and tells the other processes. A notice that
   * cannot be published is logged, not fatal: another process's stale copy still cannot be written
   * back (the store refuses a commit for an interview it no longer holds).
   */
  async #announceErasure(notice: ErasureNotice): Promise<void> {
    this.#engine.dropErased(notice);
    try {
      await this.#notices?.publish(notice);
    } catch (error) {
      this.#logger?.warn("could not tell the other processes about an erasure", {
        kind: notice.kind,
        scope: notice.scope,
        error: String(error),
      });
    }
  }

  /** The candidate's interview still running in this community, if any. */
  async activeInterview(scope: string, candidateId: string): Promise<Session | null> {
    const sessions = await this.history(scope, candidateId, ACTIVE_LOOKBACK);
    return sessions.find((session) => session.phase !== "finished") ?? null;
  }

  /**
   * Past and current interviews, newest first, as stored (another process may have changed them);
   * expired ones are simply gone, and so are ones whose stored state is unreadable (they cannot
   * continue, and must not block a new start until they expire).
   */
  async history(scope: string, candidateId: string, limit = 10): Promise<Session[]> {
    const conversations = await this.#directory.recent(scope, candidateId, limit);
    const sessions = await Promise.all(
      conversations.map(async (conversation) => {
        try {
          return (await this.#store.load(conversation))?.session ?? null;
        } catch (error) {
          if (error instanceof SessionCorruptError) return null;
          throw error;
        }
      }),
    );
    return sessions.filter((session): session is Session => session !== null);
  }

  /**
   * The member's progress history in this community, oldest first; null when this deployment keeps
   * none. The engine records each interview as it finishes; finished interviews still stored but
   * missing from the history (the process stopped between the two writes) are added here first.
   */
  async progress(scope: string, candidateId: string): Promise<ProgressEntry[] | null> {
    const progress = this.#progress;
    if (!progress) return null;
    const recorded = new Set((await progress.list(scope, candidateId)).map((entry) => entry.sessionId));
    const missing = (await this.history(scope, candidateId))
      .map(progressEntryOf)
      .filter((entry): entry is ProgressEntry => entry !== null && !recorded.has(entry.sessionId));
    for (const entry of missing) await progress.record(scope, candidateId, entry);
    return progress.list(scope, candidateId);
  }
}
