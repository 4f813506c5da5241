import type { ConversationKey } from "../model/conversation.ts";
import { SessionCorruptError } from "../model/errors.ts";
import {
  type ExportedInterview,
  MEMBER_EXPORT_VERSION,
  type MemberExport,
  MemberExportSchema,
} from "../model/member-export.ts";
import type { Session } from "../model/session.ts";
import type { CandidateDirectory, MemberRef } from "../ports/candidate-directory.ts";
import type { JobQueue } from "../ports/engine-jobs.ts";
import type { ErasureNotice } from "../ports/erasure-notices.ts";
import type { MemberStories } from "../ports/member-stories.ts";
import type { Clock, Logger, SessionStore } from "../ports/ports.ts";
import type { ProgressStore } from "../ports/progress-store.ts";
import type { RoundOneLogStore } from "../ports/round-one-log-store.ts";

/** As many as a directory lists (every interview still stored): the export and erasure miss none. */
const ALL_INTERVIEWS = 1_000;
/**
 * An erasure is recorded as due this long after it starts: if the process dies half-way, the
 * erasure sweep (every minute in `serve`) finishes it once this has passed.
 */
export const MEMBER_ERASURE_RETRY_MS = 60_000;
/** How long one process holds a due member erasure before another may take it over. */
const MEMBER_ERASURE_LEASE_MS = 5 * 60_000;
/** Member erasures one sweep pass takes on. */
const MEMBER_ERASURES_PER_PASS = 20;

/** Who asked for an erasure, for the audit line: never the member's id or anything they wrote. */
export type ErasureRequester =
  /** The member, with `/interview privacy` or `secondround privacy delete`. */
  | "member"
  /** The erasure sweep, finishing one a process left unfinished. */
  | "erasure-sweep"
  /** A Slack workspace uninstalled the app. */
  | "workspace-uninstall"
  /** A Discord server's grace period after removing the bot ended. */
  | "server-removal";

/** What one member erasure removed (the audit line's counts, and the member's confirmation). */
export interface MemberErasure {
  /** False when a job for one of the interviews was still running: the erasure sweep finishes it. */
  readonly complete: boolean;
  readonly interviews: number;
  readonly roundOneLogs: number;
  readonly progressEntries: number;
  readonly stories: number;
  readonly jobRecords: number;
  /** Directory entries, holds and rate-limit buckets. */
  readonly otherEntries: number;
}

export interface MemberPrivacyOptions {
  readonly store: SessionStore;
  readonly directory: CandidateDirectory;
  readonly progress?: ProgressStore | null;
  readonly roundOneLogs?: RoundOneLogStore | null;
  readonly jobs?: JobQueue | null;
  readonly stories?: MemberStories | null;
  /** Drops this process's cached copy of an interview (the engine's session cache). */
  readonly forgetCached?: (conversation: ConversationKey) => void;
  /** Tells every process of the deployment what was erased, so none keeps a copy in memory. */
  readonly announceErasure?: (notice: ErasureNotice) => Promise<void>;
  readonly clock: Clock;
  /** Where the audit line goes. */
  readonly logger?: Logger | null;
}

/**
 * A member's own data in one community, on request: everything kept about them as one JSON
 * document, and the erasure of all of it. Only interviews whose candidate is the member are
 * touched: another member's interview in the same channel stays as it is.
 */
export class MemberPrivacy {
  readonly #options: MemberPrivacyOptions;

  constructor(options: MemberPrivacyOptions) {
    this.#options = options;
  }

  async exportMember(scope: string, memberId: string): Promise<MemberExport> {
    const { progress, roundOneLogs, stories, clock } = this.#options;
    const sessions = await this.#sessionsOf(scope, memberId);
    return MemberExportSchema.parse({
      format: "secondround-member-export",
      version: MEMBER_EXPORT_VERSION,
      exportedAt: new Date(clock.now()).toISOString(),
      community: scope,
      member: memberId,
      interviews: sessions.flatMap(({ session }) =>
        session && session.candidate.id === memberId ? [exportedInterview(session)] : [],
      ),
      roundOneLogs: (await roundOneLogs?.list(scope, memberId)) ?? [],
      progress: (await progress?.list(scope, memberId)) ?? [],
      stories: (await stories?.exportMember(scope, memberId)) ?? [],
    });
  }

  /**
   * Deletes everything of the member in this community: their interviews (with their claims,
   * inboxes, delivery marks, timers and place in the delivery sweep), the job records naming them,
   * round-1 logs, progress, stories, directory entries, holds and rate-limit buckets, and this
   * process's cached copies. An interview still running is erased as it stands: its timers and
   * jobs find nothing to apply to. Safe to repeat; recorded as due first, so one cut short is
   * finished by the erasure sweep.
   */
  async eraseMember(scope: string, memberId: string, requestedBy: ErasureRequester): Promise<MemberErasure> {
    const { store, directory, progress, roundOneLogs, jobs, stories, clock } = this.#options;
    const member: MemberRef = { scope, memberId };
    const startedAt = clock.now();
    await directory.scheduleMemberErasure(member, startedAt + MEMBER_ERASURE_RETRY_MS);
    const conversations = (await this.#sessionsOf(scope, memberId))
      // Another member's interview is never touched, even if listed by mistake.
      .filter(({ session }) => session === null || session.candidate.id === memberId)
      .map(({ conversation }) => conversation);
    let interviews = 0;
    for (const conversation of conversations) {
      this.#options.forgetCached?.(conversation);
      await store.delete(conversation);
      // A commit already under way in this process may have cached it again meanwhile.
      this.#options.forgetCached?.(conversation);
      interviews += 1;
    }
    await this.#options.announceErasure?.({ kind: "member", scope, memberId, conversations });
    const forgotten = (await jobs?.forgetConversations?.(conversations)) ?? { removed: 0, running: 0 };
    const counts = {
      interviews,
      roundOneLogs: (await roundOneLogs?.deleteMember(scope, memberId)) ?? 0,
      progressEntries: (await progress?.delete(scope, memberId)) ?? 0,
      stories: (await stories?.eraseMember(scope, memberId)) ?? 0,
      jobRecords: forgotten.removed,
    };
    // A running job's record can only go once it finishes: the directory entry (conversation keys
    // only) stays so the sweep can find its records then.
    const complete = forgotten.running === 0;
    let otherEntries = 0;
    if (complete) otherEntries = await directory.forgetMember(member);
    else await directory.scheduleMemberErasure(member, clock.now() + MEMBER_ERASURE_RETRY_MS);
    const erasure: MemberErasure = { complete, ...counts, otherEntries };
    // At warn: the default LOG_LEVEL (warn) must keep the audit trail.
    this.#options.logger?.warn("member data erased", {
      audit: "erasure",
      subject: "member",
      requestedBy,
      scope,
      ...erasure,
      runningJobs: forgotten.running,
      at: new Date(startedAt).toISOString(),
    });
    return erasure;
  }

  /** Finishes member erasures a process left unfinished (serve's erasure sweep); how many finished. */
  async eraseDueMembers(now: number): Promise<number> {
    const due = await this.#options.directory.claimDueMemberErasures(
      now,
      MEMBER_ERASURE_LEASE_MS,
      MEMBER_ERASURES_PER_PASS,
    );
    let finished = 0;
    for (const { scope, memberId } of due) {
      const erasure = await this.eraseMember(scope, memberId, "erasure-sweep");
      if (erasure.complete) finished += 1;
    }
    return finished;
  }

  /** The member's listed interviews; null when one is unreadable (it is still theirs to erase). */
  async #sessionsOf(
    scope: string,
    memberId: string,
  ): Promise<{ conversation: ConversationKey; session: Session | null }[]> {
    const { store, directory } = this.#options;
    const conversations = await directory.recent(scope, memberId, ALL_INTERVIEWS);
    return Promise.all(
      conversations.map(async (conversation) => {
        try {
          return { conversation, session: (await store.load(conversation))?.session ?? null };
        } catch (error) {
          if (error instanceof SessionCorruptError) return { conversation, session: null };
          throw error;
        }
      }),
    );
  }
}

function exportedInterview(session: Session): ExportedInterview {
  return {
    id: session.id,
    conversation: session.conversation,
    options: session.options,
    phase: session.phase,
    createdAt: session.createdAt,
    updatedAt: session.updatedAt,
    endedEarly: session.endedEarly,
    questions: session.questions,
    turn: session.turn,
    answers: session.answers,
    candidateQuestions: session.candidateQuestions,
    summary: session.summary,
    report: session.report,
    documents: session.documents,
  };
}
