import type { Coach } from "../ports/coach-port.ts";
import type { Logger } from "../ports/ports.ts";
import type { FactFinder } from "./check-story-rewrite.ts";
import type { InstructionDetector } from "./clean-coach-text.ts";
import type { CommunityCoaching } from "./community-coaching.ts";
import type { VoiceAnswers } from "./transcribe-voice.ts";

/** What running a coach task needs besides the session. */
export interface CoachTaskContext {
  readonly coach: Coach;
  /** Whose wording replaces a result that fails the checks: the offline coach. */
  readonly standIn: Coach;
  readonly isInstruction: InstructionDetector;
  /** Finds the numbers, dates and names a stronger version must take from the answer only. */
  readonly findFacts: FactFinder;
  readonly logger: Logger;
  readonly now: () => number;
  /** The communities' coaching settings and token meters; none: every community as by default. */
  readonly community?: CommunityCoaching;
  /** Transcription for voice answers; none: a clip is never queued (the candidate is told to type). */
  readonly voice?: VoiceAnswers;
}
