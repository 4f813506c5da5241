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
}
