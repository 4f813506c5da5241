// OAuth v2 install codes. Slack redirects the installer back with `?code=…`, which the app exchanges once through
// oauth.v2.access with its client id and secret. The emulator issues codes for the test to hand to the app.
import { randomBytes } from "node:crypto";
import { slackDefaults } from "./ids.ts";

export type OAuthGrantOptions = {
  /** The installing team; a new one becomes a workspace when the code is exchanged. */
  teamId?: string;
  teamName?: string;
  /** The installing user (`authed_user.id`). */
  userId?: string;
  scope?: string;
};

export type OAuthGrant = Required<OAuthGrantOptions>;

export const defaultBotScopes =
  "commands,chat:write,channels:history,groups:history,im:history,channels:read,groups:read,im:read,app_mentions:read,files:read,files:write,users:read,usergroups:read";

export class OAuthCodes {
  readonly #codes = new Map<string, OAuthGrant>();

  issue(options: OAuthGrantOptions = {}): string {
    const code = `${Date.now()}.${randomBytes(8).toString("hex")}`;
    this.#codes.set(code, {
      teamId: options.teamId ?? slackDefaults.teamId,
      teamName: options.teamName ?? slackDefaults.teamName,
      userId: options.userId ?? slackDefaults.userId,
      scope: options.scope ?? defaultBotScopes,
    });
    return code;
  }

  /** Single use: a second exchange of the same code fails like an unknown one. */
  exchange(code: string | undefined): OAuthGrant | undefined {
    if (code === undefined) return undefined;
    const grant = this.#codes.get(code);
    this.#codes.delete(code);
    return grant;
  }
}
