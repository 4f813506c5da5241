// files.info and users.info: plain lookups scoped to the token's team.
import { stringArg } from "../api-request.ts";
import { apiError } from "../api-response.ts";
import type { AuthedMethod } from "./context.ts";

export const filesInfo: AuthedMethod = ({ args, workspace, state }) => {
  const id = stringArg(args, "file");
  const file = id ? state.files.find(id, workspace.teamId) : undefined;
  if (!file) return apiError("file_not_found");
  return { ok: true, file, comments: [], response_metadata: { next_cursor: "" } };
};

export const usersInfo: AuthedMethod = ({ args, workspace }) => {
  const id = stringArg(args, "user");
  const user = id ? workspace.users.get(id) : undefined;
  if (!user) return apiError("user_not_found");
  return {
    ok: true,
    user: {
      id: user.id,
      team_id: workspace.teamId,
      name: user.name,
      deleted: false,
      real_name: user.realName,
      tz: "Europe/London",
      is_bot: user.isBot,
      is_admin: user.isAdmin,
      is_owner: user.isOwner,
      is_app_user: false,
      profile: { real_name: user.realName, display_name: user.name, team: workspace.teamId },
    },
  };
};
