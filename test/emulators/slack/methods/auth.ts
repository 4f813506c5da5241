// auth.test is what Bolt calls in the App constructor (once, cached) to learn its bot user and bot ids when
// `token` is given without both `botId` and `botUserId`; apps.uninstall revokes the team's tokens.

import { stringArg } from "../api-request.ts";
import { apiError } from "../api-response.ts";
import type { AuthedMethod } from "./context.ts";

export const authTest: AuthedMethod = ({ workspace }) => ({
  ok: true,
  url: `https://${workspace.domain}.slack.com/`,
  team: workspace.teamName,
  user: workspace.botName,
  team_id: workspace.teamId,
  user_id: workspace.botUserId,
  bot_id: workspace.botId,
  is_enterprise_install: false,
});

export const appsUninstall: AuthedMethod = ({ args, workspace, state }) => {
  if (stringArg(args, "client_id") !== state.oauthClient.clientId) return apiError("invalid_client_id");
  if (stringArg(args, "client_secret") !== state.oauthClient.clientSecret)
    return apiError("bad_client_secret");
  state.workspaces.revokeTeam(workspace.teamId);
  return { ok: true };
};
