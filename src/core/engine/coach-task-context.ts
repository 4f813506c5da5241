import type { Coach } from "../ports/coach-port.ts";
import type { Logger } from "../ports/ports.ts";
import type { InstructionDetector } from "./clean-coach-text.ts";

/** What running a coach task needs besides the session. */
export interface CoachTaskContext {
  readonly coach: Coach;
  /** Whose wording replaces a result that fails the checks: the offline coach. */
  readonly standIn: Coach;
  readonly isInstruction: InstructionDetector;
  readonly logger: Logger;
  readonly now: () => number;
}
