import type { OutboundMessage } from "./reply.ts";
import type { CoachTaskName } from "./session-events.ts";

/**
 * What a transition asks the outside world to do. Messages that must survive a crash are not
 * effects: they go to the session's outbox, which is saved with the state.
 */
export type Effect =
  /** Run a coach task; its result comes back as an event. */
  | { readonly type: "run-coach-task"; readonly task: CoachTaskName; readonly questionId?: string }
  /** A best-effort message that changes nothing (e.g. "that question was already answered"). */
  | { readonly type: "notify"; readonly message: OutboundMessage }
  /** Arm the quiet-period timer for the current draft. */
  | {
      readonly type: "schedule-quiet-period";
      readonly turnId: string;
      readonly draftSize: number;
      readonly delayMs: number;
    };
