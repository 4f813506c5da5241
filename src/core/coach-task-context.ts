import type { InstructionDetector } from "./clean-coach-text.ts";
import type { Coach } from "./coach-port.ts";
import type { Logger } from "./ports.ts";

/** What running a coach task needs besides the session. */
export interface CoachTaskContext {
  readonly coach: Coach;
  /** Whose wording replaces a result that fails the checks: the offline coach. */
  readonly standIn: Coach;
  readonly isInstruction: InstructionDetector;
  readonly logger: Logger;
  readonly now: () => number;
}
