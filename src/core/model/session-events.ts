import type {
  CandidateQuestionsAssessment,
  FollowUpDecision,
  ReportSummary,
  StoryRewrite,
} from "../ports/coach-port.ts";
import type { TranscriptionProblem } from "../ports/transcriber.ts";
import type { Candidate, ConversationKey } from "./conversation.ts";
import type { Evaluation } from "./evaluation.ts";
import type { InterviewOptions } from "./interview-options.ts";
import type { Competency } from "./interview-vocabulary.ts";
import type { Question } from "./question.ts";
import type { ActionId } from "./reply.ts";
import type { RoundOneLog } from "./round-one-log.ts";
import type { TokenUsage } from "./token-usage.ts";
import type { SpokenClip, VoiceClip } from "./voice.ts";

/** The coach work a session can ask for; results come back as events. */
export type CoachTaskName =
  | "plan-questions"
  | "decide-follow-up"
  | "evaluate-answer"
  | "assess-candidate-questions"
  | "summarise"
  /** Practice mode's "Show a stronger version" with the AI coach: the answer rewritten as STAR. */
  | "rewrite-story"
  /** A voice clip turned into text and delivery timing; its `questionId` is the clip's message id. */
  | "transcribe-voice";

/** Everything that can happen to a session. `at` is the clock time in ms, supplied by the engine. */
export type SessionEvent = {
  readonly at: number;
  /** Tokens the coach spent producing this result, when an AI coach did. */
  readonly usage?: TokenUsage;
} & (
  | {
      readonly type: "interview-requested";
      readonly sessionId: string;
      readonly conversation: ConversationKey;
      readonly candidate: Candidate;
      readonly options: InterviewOptions;
      readonly coach: string;
      readonly documents?: { readonly cv: string | null; readonly jobDescription: string | null };
      readonly roundOne?: RoundOneLog;
      readonly storyGaps?: readonly Competency[];
    }
  | {
      readonly type: "questions-planned";
      readonly questions: readonly Question[];
      /** Why some or all questions came from the question bank instead of the AI coach. */
      readonly fallbackReason?: string | null;
    }
  /** A chat message from the candidate: part of an answer, or a /command. */
  | {
      readonly type: "message-received";
      readonly messageId: string;
      readonly text: string;
      /**
       * Files sent with the message that are not read as answers, and the candidate is told so:
       * "voice" when voice answers have no transcription provider here.
       */
      readonly attachments?: "voice" | "files";
      /** A voice clip to transcribe as part of the answer (the first audio attachment). */
      readonly voiceClip?: Omit<VoiceClip, "at" | "messageId">;
    }
  /** A whole answer in one go (a modal, a scripted client); completes the named prompt. */
  | {
      readonly type: "answer-received";
      readonly messageId: string;
      readonly turnId: string;
      readonly text: string;
    }
  /** A button press (or the equivalent command). */
  | { readonly type: "action-requested"; readonly action: ActionId; readonly turnId?: string }
  | { readonly type: "follow-up-decided"; readonly questionId: string; readonly decision: FollowUpDecision }
  | { readonly type: "answer-evaluated"; readonly questionId: string; readonly evaluation: Evaluation }
  | { readonly type: "candidate-questions-assessed"; readonly assessment: CandidateQuestionsAssessment }
  | { readonly type: "report-summarised"; readonly summary: ReportSummary }
  /** The stronger version of one attempt at a question (1 for its first answer, 2 for a retry…). */
  | {
      readonly type: "story-rewritten";
      readonly questionId: string;
      readonly attempt: number;
      readonly rewrite: StoryRewrite;
    }
  /** A voice clip's transcript, which joins the draft under the clip's message id. */
  | { readonly type: "voice-transcribed"; readonly messageId: string; readonly clip: SpokenClip }
  /** A voice clip that could not be used, and why. */
  | {
      readonly type: "voice-failed";
      readonly messageId: string;
      readonly problem: TranscriptionProblem | "gone";
    }
  /** The candidate went quiet after typing; submit the draft if it has not changed since. */
  | { readonly type: "quiet-period-elapsed"; readonly turnId: string; readonly draftSize: number }
  | { readonly type: "coach-failed"; readonly task: CoachTaskName; readonly questionId?: string }
  /** The process restarted or the candidate came back: re-show where the interview stands. */
  | {
      readonly type: "conversation-resumed";
      readonly announce: boolean;
      /** The store lost changes the candidate had seen (a crash): say so exactly when re-showing the prompt. */
      readonly progressLost?: boolean;
    }
);
