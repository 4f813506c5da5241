import type { ConversationKey } from "../model/conversation.ts";

/**
 * Where a candidate's interviews are, per community: a Discord server ("discord:<guild>") or a
 * Slack workspace ("slack:<team>"). It lists conversation keys only; each interview's state stays
 * in its session, so the directory can never disagree with it about scores or phase.
 */
export interface CandidateDirectory {
  /** Remembers that the candidate started an interview in this conversation. */
  record(scope: string, candidateId: string, conversation: ConversationKey, at: number): Promise<void>;
  /** The candidate's conversations in this scope, newest first. */
  recent(scope: string, candidateId: string, limit: number): Promise<ConversationKey[]>;
  /**
   * A short exclusive hold while one start is checked and its thread created, so two quick
   * `/interview start`s from the same person cannot both open an interview. False when held.
   */
  hold(scope: string, candidateId: string, ttlMs: number): Promise<boolean>;
  release(scope: string, candidateId: string): Promise<void>;
  /** Deletes every interview, claim and directory entry of the scope (uninstall, data deletion). */
  eraseScope(scope: string): Promise<number>;
  /**
   * Erasing the scope is due at `dueAt` (a Discord server removed the bot: kept for a grace period
   * so an accidental kick is recoverable). A later call moves the date; cancelErasure undoes it.
   */
  scheduleErasure(scope: string, dueAt: number): Promise<void>;
  /** The scope is back (the bot was added again): its data is kept. True when an erasure was pending. */
  cancelErasure(scope: string): Promise<boolean>;
  /**
   * Scopes whose erasure is due, each leased to this caller for `leaseMs` (a process that dies
   * mid-erasure leaves it to the next sweep); eraseScope removes the entry.
   */
  claimDueErasures(now: number, leaseMs: number, limit: number): Promise<string[]>;
  /**
   * A member's erasure is under way and must be finished by `dueAt` at the latest: written before
   * anything is deleted, so a process that dies half-way leaves it to the erasure sweep. A later
   * call moves the date.
   */
  scheduleMemberErasure(member: MemberRef, dueAt: number): Promise<void>;
  /** Member erasures due (unfinished), each leased to this caller for `leaseMs`, like claimDueErasures. */
  claimDueMemberErasures(now: number, leaseMs: number, limit: number): Promise<MemberRef[]>;
  /**
   * The last step of a member's erasure, once their interviews are gone: their directory entry, a
   * start hold, their rate-limit buckets in the community's threads, and the pending erasure.
   * Returns how many entries went (the pending erasure not counted).
   */
  forgetMember(member: MemberRef): Promise<number>;
  /** Removes these interviews from the member's list (they were deleted: the retention period). */
  forgetInterviews?(member: MemberRef, conversations: readonly ConversationKey[]): Promise<void>;
}

/** One member of one community. */
export interface MemberRef {
  readonly scope: string;
  readonly memberId: string;
}
