// What a Web API method handler receives. Handlers are synchronous functions from arguments to `{ok, …}`: the
// server does the HTTP, the token check and the recording, so each method file holds only Slack's rules.
import type { FileHost } from "../file-hosting.ts";
import type { FileUploads } from "../file-uploads.ts";
import type { MessageStore } from "../message-store.ts";
import type { OAuthCodes } from "../oauth-codes.ts";
import type { TriggerRegistry } from "../triggers.ts";
import type { ApiArgs, ApiResult, SentMessage, Workspace } from "../types.ts";
import type { ViewStore } from "../view-store.ts";
import type { WorkspaceRegistry } from "../workspaces.ts";

export type OAuthClient = { clientId: string; clientSecret: string };

export type EmulatorState = {
  workspaces: WorkspaceRegistry;
  messages: MessageStore;
  sent: SentMessage[];
  triggers: TriggerRegistry;
  views: ViewStore;
  files: FileHost;
  uploads: FileUploads;
  oauthCodes: OAuthCodes;
  oauthClient: OAuthClient;
};

/** A call whose token the server already matched to a workspace. */
export type AuthedCall = { args: ApiArgs; token: string; workspace: Workspace; state: EmulatorState };
export type AuthedMethod = (call: AuthedCall) => ApiResult;

/** A call that authenticates itself (oauth.v2.access: client id and secret, in the form or HTTP Basic). */
export type PublicCall = {
  args: ApiArgs;
  basic: { user: string; password: string } | undefined;
  state: EmulatorState;
};
export type PublicMethod = (call: PublicCall) => ApiResult;
