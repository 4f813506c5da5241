// trigger_ids: Slack hands one to the app with each command or interaction, it expires after 3 s and can be
// exchanged once (https://api.slack.com/docs/triggers). The emulator only accepts ids it issued, so a test proves
// the bot used the id from the payload, not a stale or invented one.
import { triggerIdLike } from "./ids.ts";

export const triggerLifetimeMs = 3000;

/**
 * Error codes, as the brief for this emulator fixed them. Slack's own pages disagree: the triggers guide says
 * `trigger_expired` / `trigger_exchanged`, the views.open reference `expired_trigger_id` / `exchanged_trigger_id`.
 * Bot code should treat every code in `deadTriggerErrors` alike.
 */
export const triggerErrors = {
  unknown: "invalid_trigger_id",
  expired: "expired_trigger_id",
  exchanged: "trigger_exchanged",
} as const;

export const deadTriggerErrors: readonly string[] = [
  "invalid_trigger_id",
  "expired_trigger_id",
  "trigger_expired",
  "exchanged_trigger_id",
  "trigger_exchanged",
];

type Issued = { issuedAt: number; exchanged: boolean };

export class TriggerRegistry {
  readonly #issued = new Map<string, Issued>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  issue(): string {
    const id = triggerIdLike();
    this.#issued.set(id, { issuedAt: this.#now(), exchanged: false });
    return id;
  }

  /** Uses the trigger up; answers the Slack error code when it cannot be used. */
  exchange(id: string | undefined): string | undefined {
    const issued = id === undefined ? undefined : this.#issued.get(id);
    if (!issued) return triggerErrors.unknown;
    if (issued.exchanged) return triggerErrors.exchanged;
    if (this.#now() - issued.issuedAt > triggerLifetimeMs) return triggerErrors.expired;
    issued.exchanged = true;
    return undefined;
  }
}
