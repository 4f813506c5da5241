import { z } from "zod";
import type { Logger } from "../../src/core/ports/ports.ts";
import { BoundedSet } from "../shared/bounded-set.ts";
import { describeSlackError } from "./slack-errors.ts";

/** Said to whoever used the app in a workspace whose installation is missing or cannot be decrypted. */
export const NOT_INSTALLED_TEXT =
  "SecondRound isn't set up in this workspace any more (its installation is missing or can't be read), so I can't do anything here. Please ask a workspace admin to install the app again.";

/** A response_url lives 30 minutes; a dead one must not hold the request's listener for long. */
const REPLY_TIMEOUT_MS = 5_000;
const REMEMBERED_WORKSPACES = 1_000;

/** The fields of a command, button press or event body that name the workspace and a way to reply. */
const BodySchema = z.looseObject({
  team_id: z.string().optional(),
  team: z.looseObject({ id: z.string().optional() }).nullish(),
  response_url: z.string().optional(),
});

/**
 * Requests Bolt could not authorise because the workspace's installation is missing (never
 * installed, uninstalled) or unreadable (`SLACK_TOKEN_ENCRYPTION_KEY` changed, damaged value). With
 * no token there is no Web API to answer through, but commands and button presses carry a
 * `response_url` that takes a reply without one. Logged once per workspace, not per request.
 */
export class NotInstalledReplies {
  readonly #logger: Logger;
  readonly #logged = new BoundedSet(REMEMBERED_WORKSPACES);

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  async answer(body: unknown): Promise<void> {
    const parsed = BodySchema.safeParse(body);
    const fields = parsed.success ? parsed.data : {};
    const teamId = fields.team_id ?? fields.team?.id ?? "unknown";
    if (this.#logged.add(teamId)) {
      this.#logger.warn("slack workspace not installed or unreadable", {
        teamId,
        hint: "install the app in the workspace again, or restore the SLACK_TOKEN_ENCRYPTION_KEY its token was stored with",
      });
    }
    if (!fields.response_url) return;
    try {
      const response = await fetch(fields.response_url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ response_type: "ephemeral", text: NOT_INSTALLED_TEXT }),
        signal: AbortSignal.timeout(REPLY_TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`response_url answered ${response.status}`);
    } catch (error) {
      this.#logger.debug("slack not-installed reply not delivered", {
        teamId,
        reason: describeSlackError(error),
      });
    }
  }
}
