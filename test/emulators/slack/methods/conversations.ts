// conversations.info and conversations.replies over the emulator's channels and stored messages. Channels are
// per team: another team's channel id answers `channel_not_found`, as with a real token.
import { stringArg } from "../api-request.ts";
import { apiError } from "../api-response.ts";
import type { Channel } from "../types.ts";
import type { AuthedMethod } from "./context.ts";

/** conversations.info needs the read scope of the conversation's type (docs.slack.dev, conversations.info). */
function readScopeFor(channel: Channel): string {
  if (channel.isIm) return "im:read";
  return channel.isPrivate ? "groups:read" : "channels:read";
}

export const conversationsInfo: AuthedMethod = ({ args, token, workspace, state }) => {
  const id = stringArg(args, "channel");
  const channel = id ? state.workspaces.resolveChannel(workspace, id) : undefined;
  if (!channel) return apiError("channel_not_found");
  const scopes = state.workspaces.scopes(token);
  const needed = readScopeFor(channel);
  if (!scopes.has(needed)) return apiError("missing_scope", [], { needed, provided: [...scopes].join(",") });
  // A private channel the app was not invited to is invisible to its token.
  if (channel.isPrivate && !channel.isIm && !channel.isMember) return apiError("channel_not_found");
  return {
    ok: true,
    channel: {
      id: channel.id,
      name: channel.name,
      is_channel: !channel.isIm && !channel.isPrivate,
      is_group: !channel.isIm && channel.isPrivate,
      is_im: channel.isIm,
      is_private: channel.isPrivate,
      is_member: channel.isMember,
      is_archived: false,
      created: channel.created,
      user: channel.user,
    },
  };
};

/** The root first, then its replies, oldest first; `thread_not_found` when neither exists. */
export const conversationsReplies: AuthedMethod = ({ args, workspace, state }) => {
  const id = stringArg(args, "channel");
  const channel = id ? state.workspaces.resolveChannel(workspace, id) : undefined;
  if (!channel) return apiError("channel_not_found");
  const ts = stringArg(args, "ts");
  if (!ts) return apiError("thread_not_found");
  const root = state.messages.find(channel.id, ts);
  const replies = state.messages.messagesIn(channel.id, ts);
  if (!root && replies.length === 0) return apiError("thread_not_found");
  const messages = root ? [root, ...replies] : replies;
  return { ok: true, messages, has_more: false, response_metadata: { next_cursor: "" } };
};
