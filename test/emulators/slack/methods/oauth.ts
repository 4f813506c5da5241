// oauth.v2.access: exchanges an install code for a bot token. The new token is registered for the team (creating
// the workspace if it is new), so auth.test and every other method accept it afterwards.
import { randomBytes } from "node:crypto";
import { stringArg } from "../api-request.ts";
import { apiError } from "../api-response.ts";
import type { PublicMethod } from "./context.ts";

export const oauthV2Access: PublicMethod = ({ args, basic, state }) => {
  const clientId = stringArg(args, "client_id") ?? basic?.user;
  const clientSecret = stringArg(args, "client_secret") ?? basic?.password;
  if (clientId !== state.oauthClient.clientId) return apiError("invalid_client_id");
  if (clientSecret !== state.oauthClient.clientSecret) return apiError("bad_client_secret");
  const grant = state.oauthCodes.exchange(stringArg(args, "code"));
  if (!grant) return apiError("invalid_code");

  const accessToken = `xoxb-${grant.teamId}-${randomBytes(12).toString("hex")}`;
  const workspace = state.workspaces.add({
    teamId: grant.teamId,
    teamName: grant.teamName,
    botToken: accessToken,
    scopes: grant.scope,
  });
  return {
    ok: true,
    app_id: workspace.appId,
    authed_user: { id: grant.userId },
    scope: grant.scope,
    token_type: "bot",
    access_token: accessToken,
    bot_user_id: workspace.botUserId,
    team: { id: workspace.teamId, name: workspace.teamName },
    enterprise: null,
    is_enterprise_install: false,
  };
};
