// files.getUploadURLExternal, files.completeUploadExternal and conversations.open (the DM a private file goes to),
// with Slack's argument checks. The completed file is hosted like any other (files.info, url_private) and, with a
// channel_id, shared there as a file_share message from the bot.
import { stringArg } from "../api-request.ts";
import { apiError } from "../api-response.ts";
import type { ApiArgs } from "../types.ts";
import type { AuthedMethod } from "./context.ts";

const MIME_TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  txt: "text/plain",
  pdf: "application/pdf",
};

export const filesGetUploadURLExternal: AuthedMethod = ({ args, workspace, state }) => {
  const filename = stringArg(args, "filename");
  const length = Number(stringArg(args, "length") ?? args.length);
  if (!filename || !Number.isInteger(length) || length <= 0) return apiError("invalid_arguments");
  const altText = stringArg(args, "alt_txt") ?? stringArg(args, "alt_text");
  return { ok: true, ...state.uploads.begin(workspace.teamId, filename, length, altText) };
};

function fileList(args: ApiArgs): { id: string; title?: string }[] | undefined {
  let files: unknown = args.files;
  if (typeof files === "string") {
    try {
      files = JSON.parse(files);
    } catch {
      return undefined;
    }
  }
  if (!Array.isArray(files) || files.length === 0) return undefined;
  const valid = files.every(
    (file) => typeof file === "object" && file !== null && typeof file.id === "string",
  );
  return valid ? (files as { id: string; title?: string }[]) : undefined;
}

export const filesCompleteUploadExternal: AuthedMethod = ({ args, workspace, state }) => {
  const files = fileList(args);
  if (!files) return apiError("invalid_arguments");
  const channelId = stringArg(args, "channel_id");
  const channel = channelId ? state.workspaces.resolveChannel(workspace, channelId) : undefined;
  if (channelId && !channel?.isMember) return apiError(channel ? "not_in_channel" : "channel_not_found");
  const uploads = files.map((file) => ({ file, upload: state.uploads.complete(file.id, workspace.teamId) }));
  if (uploads.some(({ upload }) => !upload)) return apiError("file_not_found");
  const hosted = uploads.map(({ file, upload }) => {
    if (!upload) throw new Error("unreachable");
    const extension = upload.filename.split(".").pop()?.toLowerCase() ?? "";
    return state.files.host({
      name: upload.filename,
      mimetype: MIME_TYPES[extension] ?? "application/octet-stream",
      bytes: upload.bytes ?? new Uint8Array(),
      teamId: workspace.teamId,
      user: workspace.botUserId,
      title: file.title ?? upload.filename,
      id: upload.fileId,
      ...(upload.altText ? { extra: { alt_txt: upload.altText } } : {}),
    });
  });
  if (channel)
    state.messages.add({
      channel: channel.id,
      user: workspace.botUserId,
      text: stringArg(args, "initial_comment") ?? "",
      thread_ts: stringArg(args, "thread_ts"),
      files: hosted,
      subtype: "file_share",
      team: workspace.teamId,
    });
  return { ok: true, files: hosted.map((file) => ({ id: file.id, title: file.title })) };
};

/** `users=U…` (one member): their DM with the bot, opened if need be. */
export const conversationsOpen: AuthedMethod = ({ args, workspace, state }) => {
  const users = stringArg(args, "users");
  if (!users) return apiError("users_list_not_supplied");
  if (users.includes(",")) return apiError("not_implemented", [], { note: "group DMs are not emulated" });
  const dm = workspace.users.has(users) ? state.workspaces.resolveChannel(workspace, users) : undefined;
  if (!dm) return apiError("user_not_found");
  return { ok: true, channel: { id: dm.id, is_im: true, user: users } };
};
