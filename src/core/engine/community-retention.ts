import { retentionPeriodMs } from "../model/community-settings.ts";
import type { ConversationKey } from "../model/conversation.ts";
import { SessionCorruptError } from "../model/errors.ts";
import type { CandidateDirectory } from "../ports/candidate-directory.ts";
import type { CommunitySettingsStore } from "../ports/community-settings-store.ts";
import type { JobQueue } from "../ports/engine-jobs.ts";
import type { ErasureNotice } from "../ports/erasure-notices.ts";
import type { Clock, Logger, SessionStore } from "../ports/ports.ts";
import type { ProgressStore } from "../ports/progress-store.ts";
import type { RoundOneLogStore } from "../ports/round-one-log-store.ts";

const DAY_MS = 24 * 60 * 60_000;
/** How often a community's period is applied again: data outlives its period by an hour at most. */
export const RETENTION_SWEEP_EVERY_MS = 60 * 60_000;
/**
 * How long one process holds a community's sweep before another may take it over. Longer than the
 * interval, so the next due time (earlier) always replaces the lease (see retentionApplied).
 */
const RETENTION_LEASE_MS = 2 * RETENTION_SWEEP_EVERY_MS;
/** Communities one pass applies its period to. */
const COMMUNITIES_PER_PASS = 10;

/** What one community's retention period removed (the log line's counts). */
export interface RetentionSweep {
  readonly interviews: number;
  readonly jobRecords: number;
  readonly roundOneLogs: number;
  readonly progressEntries: number;
  readonly stories: number;
}

export interface CommunityRetentionOptions {
  readonly settings: CommunitySettingsStore;
  readonly store: SessionStore;
  readonly directory: CandidateDirectory;
  readonly progress?: ProgressStore | null;
  readonly roundOneLogs?: RoundOneLogStore | null;
  /** Members' story banks (the StoryBank, or a store). */
  readonly stories?: {
    dropOlderThan?(scope: string, cutoff: number, now: number): Promise<number>;
  } | null;
  readonly jobs?: JobQueue | null;
  /** Drops every process's cached copies of the interviews deleted (see InterviewDesk). */
  readonly announceErasure?: (notice: ErasureNotice) => Promise<void>;
  readonly clock: Clock;
  readonly logger?: Logger | null;
}

/**
 * A community's retention period (`retentionDays` in its settings), enforced by deleting: every
 * interview of the community whose last change is older than the period (finished or abandoned,
 * with its inbox, claims and delivery marks, its place in its member's list, every process's
 * cached copy and the job records naming it), and every member's round-1 logs, progress entries
 * and stories last changed before it; what remains is set to expire when it passes the period.
 * Serve's retention sweep applies each community's period once an hour, one process at a time;
 * a new or shorter period is applied at the next pass, to data already stored.
 */
export class CommunityRetention {
  readonly #options: CommunityRetentionOptions;

  constructor(options: CommunityRetentionOptions) {
    this.#options = options;
  }

  /** One pass of the retention sweep: the communities whose period was due; returns them. */
  async applyDue(now: number): Promise<string[]> {
    const { settings } = this.#options;
    const due = (await settings.claimDueRetention?.(now, RETENTION_LEASE_MS, COMMUNITIES_PER_PASS)) ?? [];
    for (const scope of due) {
      const period = retentionPeriodMs(await settings.get(scope));
      if (period === null) {
        await settings.retentionApplied?.(scope, null);
        continue;
      }
      await this.apply(scope, period, now);
      await settings.retentionApplied?.(scope, now + RETENTION_SWEEP_EVERY_MS);
    }
    return due;
  }

  /** Deletes the community's data older than `periodMs` at `now` (see the class comment). */
  async apply(scope: string, periodMs: number, now: number): Promise<RetentionSweep> {
    const { store, directory, progress, roundOneLogs, stories, jobs, logger } = this.#options;
    const cutoff = now - periodMs;
    const expired = await this.#expiredInterviews(scope, cutoff);
    const conversations = expired.map(({ conversation }) => conversation);
    for (const conversation of conversations) await store.delete(conversation);
    if (conversations.length > 0) {
      await this.#options.announceErasure?.({ kind: "interviews", scope, conversations });
      for (const [memberId, theirs] of byMember(expired))
        await directory.forgetInterviews?.({ scope, memberId }, theirs);
    }
    // A job runs within seconds of its interview's last change, so none is still running for an
    // interview idle for a day or more; a record left anyway expires on its own (JOB_RECORD_TTL_MS).
    const forgotten = conversations.length > 0 ? await jobs?.forgetConversations?.(conversations) : undefined;
    const sweep: RetentionSweep = {
      interviews: conversations.length,
      jobRecords: forgotten?.removed ?? 0,
      roundOneLogs: (await roundOneLogs?.dropOlderThan?.(scope, cutoff, now)) ?? 0,
      progressEntries: (await progress?.dropOlderThan?.(scope, cutoff, now)) ?? 0,
      stories: (await stories?.dropOlderThan?.(scope, cutoff, now)) ?? 0,
    };
    // Counts only, like the erasure audit lines: never a member's id or anything they wrote.
    logger?.info("community retention period applied", {
      audit: "retention",
      scope,
      retentionDays: periodMs / DAY_MS,
      ...sweep,
      at: new Date(this.#options.clock.now()).toISOString(),
    });
    return sweep;
  }

  /** The community's interviews last changed before `cutoff`, with their members. */
  async #expiredInterviews(
    scope: string,
    cutoff: number,
  ): Promise<{ conversation: ConversationKey; memberId: string }[]> {
    const { store } = this.#options;
    const expired: { conversation: ConversationKey; memberId: string }[] = [];
    if (!store.conversationsIn) return expired;
    for await (const conversation of store.conversationsIn(scope)) {
      try {
        const session = (await store.load(conversation))?.session;
        if (session && session.updatedAt < cutoff)
          expired.push({ conversation, memberId: session.candidate.id });
      } catch (error) {
        // Unreadable: it cannot be dated, and it expires with the deployment's session TTL.
        if (!(error instanceof SessionCorruptError)) throw error;
      }
    }
    return expired;
  }
}

function byMember(
  expired: readonly { conversation: ConversationKey; memberId: string }[],
): Map<string, ConversationKey[]> {
  const members = new Map<string, ConversationKey[]>();
  for (const { conversation, memberId } of expired)
    members.set(memberId, [...(members.get(memberId) ?? []), conversation]);
  return members;
}
