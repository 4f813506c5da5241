import type { Candidate, ConversationKey } from "./conversation.ts";
import type { InterviewOptionsInput } from "./interview-options.ts";
import type { Competency } from "./interview-vocabulary.ts";
import type { ActionId } from "./reply.ts";
import type { RoundOneLog } from "./round-one-log.ts";

/**
 * What a transport hands the engine. `eventId` is the platform's own id (Discord message or
 * interaction id, Slack event_id or message ts, a terminal line number): it is claimed exactly once.
 */
export type InboundEvent = {
  readonly eventId: string;
  readonly conversation: ConversationKey;
  readonly author: Candidate;
  /** When the platform says it happened (ms since the epoch). */
  readonly receivedAt: number;
} & (
  | {
      readonly type: "start";
      readonly options: InterviewOptionsInput;
      /** Text already extracted from the candidate's CV / job description, if supplied. */
      readonly documents?: { readonly cv: string | null; readonly jobDescription: string | null };
      /** The candidate's round-1 log for this company, for a second or final round built on it. */
      readonly roundOne?: RoundOneLog;
      /** Competencies the candidate's story bank has no story for yet, for the plan to ask first. */
      readonly storyGaps?: readonly Competency[];
    }
  /** A chat message in the interview conversation. Attachments are described, not downloaded. */
  | { readonly type: "message"; readonly text: string; readonly attachments?: readonly AttachmentInfo[] }
  /** A whole answer to a named prompt in one go (modal submission, scripted client). */
  | { readonly type: "answer"; readonly turnId: string; readonly text: string }
  | { readonly type: "action"; readonly action: ActionId; readonly turnId?: string }
);

export interface AttachmentInfo {
  readonly name: string;
  readonly contentType: string | null;
  readonly size: number;
  /** Where the adapter can fetch it (a platform file URL, a local path); absent when it cannot. */
  readonly url?: string;
  /** Seconds of audio, when the platform says (a Discord voice message does). */
  readonly durationSecs?: number;
}
