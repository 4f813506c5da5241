import { webApi } from "@slack/bolt";
import type { Clock, Logger } from "../../src/core/ports/ports.ts";
import { describeSlackError } from "./slack-errors.ts";
import { UsergroupMembers } from "./usergroup-members.ts";

/** "unknown": Slack could not tell us, so the person is treated as no admin and told we could not check. */
export type AdminVerdict = "admin" | "not-admin" | "unknown";

export interface AdminCheckRequest {
  /** Bolt's client for the request's workspace (users.info). */
  readonly client: webApi.WebClient;
  /** The workspace's bot token, for the user group lookups. */
  readonly botToken: string | undefined;
  readonly teamId: string;
  readonly userId: string;
}

/**
 * Who may change a workspace's SecondRound settings: its admins and owners (users.info `is_admin`,
 * `is_owner`; users:read) and the members of the configured user groups (SLACK_ADMIN_USERGROUP_IDS;
 * usergroups.users.list, usergroups:read, cached for a minute). Fails closed: a lookup Slack did not
 * answer grants nothing.
 */
export class SlackAdminCheck {
  readonly #usergroupIds: readonly string[];
  readonly #clientOptions: webApi.WebClientOptions;
  readonly #logger: Logger;
  readonly #members: UsergroupMembers;

  constructor(options: {
    readonly usergroupIds: readonly string[];
    /** The app's Web API options (API base, timeout, logger). */
    readonly clientOptions: webApi.WebClientOptions;
    readonly clock: Clock;
    readonly logger: Logger;
  }) {
    this.#usergroupIds = options.usergroupIds;
    this.#clientOptions = options.clientOptions;
    this.#logger = options.logger;
    this.#members = new UsergroupMembers({ clock: options.clock, logger: options.logger });
  }

  async verdict(request: AdminCheckRequest): Promise<AdminVerdict> {
    const workspaceAdmin = await this.#isWorkspaceAdmin(request);
    if (workspaceAdmin === true) return "admin";
    const groups = await Promise.all(this.#usergroupIds.map((id) => this.#groupMembers(request, id)));
    if (groups.some((members) => members?.has(request.userId))) return "admin";
    return workspaceAdmin === null || groups.includes(null) ? "unknown" : "not-admin";
  }

  /** users.info's is_admin / is_owner; null when Slack did not answer. */
  async #isWorkspaceAdmin({ client, userId }: AdminCheckRequest): Promise<boolean | null> {
    try {
      const { user } = await client.users.info({ user: userId });
      return user?.is_admin === true || user?.is_owner === true;
    } catch (error) {
      this.#logger.warn("slack users.info failed; admin check refused", { error: describeSlackError(error) });
      return null;
    }
  }

  #groupMembers(request: AdminCheckRequest, usergroupId: string): Promise<ReadonlySet<string> | null> {
    const { botToken, teamId } = request;
    if (!botToken) return Promise.resolve(null);
    return this.#members.members(teamId, usergroupId, async () => {
      // Its own client, told to reject a rate-limited call: Bolt's client for the workspace would
      // pause all its calls (interviews included) for Slack's Retry-After and then try again, while
      // an admin check can simply say "try again in a minute".
      const client = new webApi.WebClient(botToken, {
        ...this.#clientOptions,
        teamId,
        rejectRateLimitedCalls: true,
      });
      const { users } = await client.usergroups.users.list({ usergroup: usergroupId });
      return users ?? [];
    });
  }
}
