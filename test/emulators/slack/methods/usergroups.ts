// usergroups.users.list: the members of one user group of the token's team, as Slack answers it
// (docs.slack.dev/reference/methods/usergroups.users.list): `{ok, users: [ids]}`, `missing_scope` without
// usergroups:read, `no_such_subteam` for an id this team does not have (another team's group included).
import { stringArg } from "../api-request.ts";
import { apiError } from "../api-response.ts";
import type { AuthedMethod } from "./context.ts";

export const usergroupsUsersList: AuthedMethod = ({ args, token, workspace, state }) => {
  const scopes = state.workspaces.scopes(token);
  if (!scopes.has("usergroups:read"))
    return apiError("missing_scope", [], { needed: "usergroups:read", provided: [...scopes].join(",") });
  const id = stringArg(args, "usergroup");
  if (!id) return apiError("invalid_arguments", ["[ERROR] missing required field: usergroup"]);
  const group = workspace.usergroups.get(id);
  if (!group) return apiError("no_such_subteam");
  return { ok: true, users: [...group.users] };
};
