// The Web API methods the emulator implements. Anything else answers `unknown_method`, so a bot calling a method
// nobody emulated fails loudly instead of getting an invented success.
import { appsUninstall, authTest } from "./auth.ts";
import { deleteMessage, postEphemeral, postMessage, update } from "./chat.ts";
import type { AuthedMethod, PublicMethod } from "./context.ts";
import { conversationsInfo, conversationsReplies } from "./conversations.ts";
import { conversationsOpen, filesCompleteUploadExternal, filesGetUploadURLExternal } from "./files-upload.ts";
import { filesInfo, usersInfo } from "./lookups.ts";
import { oauthV2Access } from "./oauth.ts";
import { usergroupsUsersList } from "./usergroups.ts";
import { viewsOpen, viewsPush, viewsUpdate } from "./views.ts";

export const authedMethods: Readonly<Record<string, AuthedMethod>> = {
  "auth.test": authTest,
  "apps.uninstall": appsUninstall,
  "chat.postMessage": postMessage,
  "chat.update": update,
  "chat.postEphemeral": postEphemeral,
  "chat.delete": deleteMessage,
  "views.open": viewsOpen,
  "views.push": viewsPush,
  "views.update": viewsUpdate,
  "conversations.info": conversationsInfo,
  "conversations.replies": conversationsReplies,
  "files.info": filesInfo,
  "files.getUploadURLExternal": filesGetUploadURLExternal,
  "files.completeUploadExternal": filesCompleteUploadExternal,
  "conversations.open": conversationsOpen,
  "users.info": usersInfo,
  "usergroups.users.list": usergroupsUsersList,
};

/** Methods that authenticate with client credentials instead of a token. */
export const publicMethods: Readonly<Record<string, PublicMethod>> = {
  "oauth.v2.access": oauthV2Access,
};
