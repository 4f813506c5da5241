import { questionLabel } from "../core/interview/session-turns.ts";
import type { ConversationKey } from "../core/model/conversation.ts";
import type { Session } from "../core/model/session.ts";
import type { SessionStore } from "../core/ports/ports.ts";
import type { MemorySessionStore } from "../store/memory-session-store.ts";
import { RedisCandidateDirectory } from "../store/redis-candidate-directory.ts";
import type { RedisSessionStore } from "../store/redis-session-store.ts";

/** Where the interviews are: the terminal's file (or an in-process store), or Redis. */
export type InterviewSource =
  | { readonly kind: "local"; readonly store: MemorySessionStore }
  | { readonly kind: "redis"; readonly store: RedisSessionStore };

/** The terminal's interviews live under "terminal:<id>"; the id is what `--session` takes. */
const PREFIX = "terminal:";
/** Interviews a candidate's Redis directory lists (older ones have expired with their sessions). */
const LISTED = 50;

export const conversationOf = (id: string): ConversationKey => `terminal:${id}`;

export interface SavedInterview {
  readonly id: string;
  readonly conversation: ConversationKey;
  /** Null when the stored data could not be read. */
  readonly session: Session | null;
}

/**
 * The interviews `practice` can resume, show or list: every one in the interview file (or an
 * in-process store), or, on Redis, the candidate's own (recorded when each is started).
 */
export class SavedInterviews {
  readonly #store: SessionStore;
  readonly #local: MemorySessionStore | null;
  readonly #directory: RedisCandidateDirectory | null;
  readonly #candidateId: string;

  constructor(
    source: InterviewSource,
    candidateId: string,
    options: { keyPrefix?: string; sessionTtlMs?: number } = {},
  ) {
    this.#store = source.store;
    this.#candidateId = candidateId;
    this.#local = source.kind === "local" ? source.store : null;
    this.#directory =
      source.kind === "redis"
        ? new RedisCandidateDirectory({ client: source.store.client, ...options })
        : null;
  }

  async load(id: string): Promise<Session | null> {
    return (await this.#store.load(conversationOf(id)))?.session ?? null;
  }

  /** Newest first (by last change). */
  async list(): Promise<SavedInterview[]> {
    const conversations = new Set<ConversationKey>(await this.#conversations());
    const interviews: SavedInterview[] = [];
    for (const conversation of conversations) {
      const session = await this.#store
        .load(conversation)
        .then((stored) => stored?.session ?? null)
        .catch(() => null);
      const readable = session !== null;
      if (!readable && !(await this.#exists(conversation))) continue;
      interviews.push({ id: conversation.slice(PREFIX.length), conversation, session });
    }
    return interviews.sort((a, b) => (b.session?.updatedAt ?? 0) - (a.session?.updatedAt ?? 0));
  }

  /** The most recently changed unfinished interview of this candidate, if any. */
  async latestUnfinished(): Promise<SavedInterview | null> {
    const interviews = await this.list();
    return (
      interviews.find(
        (interview) =>
          interview.session !== null &&
          interview.session.phase !== "finished" &&
          interview.session.candidate.id === this.#candidateId,
      ) ?? null
    );
  }

  /** `base` when no interview has that id yet, else `base-2`, `base-3`… (a finished one is never reused). */
  async freshId(base: string): Promise<string> {
    for (let n = 1; ; n += 1) {
      const id = n === 1 ? base : `${base}-${n}`;
      if (!(await this.#exists(conversationOf(id)))) return id;
    }
  }

  async record(id: string, at: number): Promise<void> {
    await this.#directory?.record("terminal", this.#candidateId, conversationOf(id), at);
  }

  async #exists(conversation: ConversationKey): Promise<boolean> {
    return this.#store.load(conversation).then(
      (stored) => stored !== null,
      () => true,
    );
  }

  async #conversations(): Promise<ConversationKey[]> {
    if (this.#local) {
      return Object.keys(this.#local.exportState().sessions).filter((key): key is ConversationKey =>
        key.startsWith(PREFIX),
      );
    }
    if (this.#directory) {
      const recorded = await this.#directory.recent("terminal", this.#candidateId, LISTED);
      // Interviews started before the directory was kept used the candidate's name as their id.
      return [...recorded, conversationOf(this.#candidateId.slice(PREFIX.length))];
    }
    return [];
  }
}

/** A name as an interview id: lower case, letters, digits and hyphens ("Ada Lovelace" → "ada-lovelace"). */
export function idFromName(name: string): string {
  const slug = name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return slug || "interview";
}

/** One line per interview: id, role, company, date, status and score. */
export function formatInterviewList(interviews: readonly SavedInterview[]): string {
  if (interviews.length === 0) return "No saved interviews yet.";
  const rows = interviews.map(({ id, session }) =>
    session
      ? [
          id,
          session.options.role,
          session.options.company,
          formatDate(session.createdAt),
          statusOf(session),
          scoreOf(session),
        ]
      : [id, "?", "?", "?", "unreadable", "-"],
  );
  const table = [["ID", "ROLE", "COMPANY", "STARTED", "STATUS", "SCORE"], ...rows];
  const widths =
    table[0]?.map((_, column) => Math.max(...table.map((row) => (row[column] ?? "").length))) ?? [];
  return table
    .map((row) =>
      row
        .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

export function statusOf(session: Session): string {
  switch (session.phase) {
    case "finished":
      return session.endedEarly ? "finished (ended early)" : "finished";
    case "reporting":
      return "writing the report";
    case "planning":
      return "not started";
    case "interviewing": {
      const at = questionLabel(session, session.currentIndex);
      return session.pausedAt !== null ? `paused at ${at}` : `in progress, at ${at}`;
    }
  }
}

function scoreOf(session: Session): string {
  if (session.phase !== "finished") return "-";
  return session.report?.overallScore == null ? "not scored" : `${session.report.overallScore}/100`;
}

/** Local date and time, minutes precision: 2025-03-14 09:05. */
export function formatDate(at: number): string {
  const date = new Date(at);
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
