import type { App, webApi } from "@slack/bolt";
import { z } from "zod";
import {
  NOT_AN_ADMIN_TEXT,
  SETTINGS_UNAVAILABLE_TEXT,
  settingsProblemsText,
} from "../../src/core/interview/community-copy.ts";
import { NOTICES } from "../../src/core/interview/copy.ts";
import { StoreUnavailableError } from "../../src/core/model/errors.ts";
import { BoundedSet } from "../shared/bounded-set.ts";
import { outcomeText } from "./admin-replies.ts";
import type { SlackBotContext } from "./bot-context.ts";
import { slackScope } from "./conversation-keys.ts";
import { downloadSlackFile } from "./download-file.ts";
import { escapeSlackText } from "./render/index.ts";
import { ADMIN_CHECK_FAILED, COMMAND_FAILED } from "./slack-copy.ts";
import { describeSlackError } from "./slack-errors.ts";

/**
 * The largest settings file read, in bytes: the settings codec refuses more than 256 K characters
 * (MAX_SETTINGS_FILE_CHARS), and a character is at least one byte, so no file it would accept is
 * refused here. Checked against Slack's stated size before anything is downloaded.
 */
export const MAX_SETTINGS_FILE_BYTES = 256 * 1024;
const SETTINGS_FILE_NAME = /\.ya?ml$/i;
/** Uploads already answered, so a redelivered event imports and answers once per process. */
const REMEMBERED_UPLOADS = 5_000;

const UploadedFileSchema = z.object({
  id: z.string(),
  name: z.string().nullish(),
  size: z.number().nullish(),
  url_private_download: z.string().nullish(),
  /** "check_file_info": Slack left the details out of the event; files.info has them. */
  file_access: z.string().nullish(),
});

/** A top-level message with files in a member's direct message with the app. */
const DirectUploadSchema = z.object({
  subtype: z.literal("file_share"),
  channel_type: z.literal("im"),
  channel: z.string(),
  user: z.string(),
  bot_id: z.string().nullish(),
  ts: z.string(),
  thread_ts: z.string().optional(),
  files: z.array(UploadedFileSchema),
});

type UploadedFile = z.infer<typeof UploadedFileSchema>;
type Upload = z.infer<typeof DirectUploadSchema>;

/**
 * A settings file (`.yaml`/`.yml`) uploaded in a direct message with the app is imported, as
 * `/interview admin import` imports pasted YAML: the same checks of who is asking (before anything is
 * downloaded), the same validation and the same answers, all or nothing. The DM is where Slack
 * tells the app about an upload (message.im, im:history) and where the answer stays private; a
 * slash command cannot carry a file, and its reply is ephemeral, so it has no thread to upload into.
 * Files in threads (interview answers) and in channels are not read.
 */
export function registerSettingsFileUploads(app: App, bot: SlackBotContext): void {
  const answered = new BoundedSet(REMEMBERED_UPLOADS);
  app.event("message", ({ event, context, client }) =>
    bot.track(async () => {
      const parsed = DirectUploadSchema.safeParse(event);
      if (!parsed.success || !context.teamId) return;
      const upload = parsed.data;
      if (upload.bot_id || (upload.thread_ts && upload.thread_ts !== upload.ts)) return;
      const files = upload.files.filter((file) => SETTINGS_FILE_NAME.test(file.name ?? ""));
      if (files.length === 0 || !answered.add(`${upload.channel}:${upload.ts}`)) return;
      const text = await importReply(
        { upload, files, teamId: context.teamId, botToken: context.botToken, client },
        bot,
      );
      try {
        await client.chat.postMessage({
          channel: upload.channel,
          text,
          unfurl_links: false,
          unfurl_media: false,
        });
      } catch (error) {
        bot.logger.warn("slack settings file reply not delivered", { error: describeSlackError(error) });
      }
    }),
  );
}

interface ImportRequest {
  readonly upload: Upload;
  readonly files: readonly UploadedFile[];
  readonly teamId: string;
  readonly botToken: string | undefined;
  readonly client: webApi.WebClient;
}

async function importReply(request: ImportRequest, bot: SlackBotContext): Promise<string> {
  try {
    return await importFile(request, bot);
  } catch (error) {
    bot.logger.error("slack settings file import failed", { error: describeSlackError(error) });
    return error instanceof StoreUnavailableError ? NOTICES.commandNotDone : COMMAND_FAILED;
  }
}

async function importFile(request: ImportRequest, bot: SlackBotContext): Promise<string> {
  const { upload, teamId, botToken, client } = request;
  const admin = bot.services.admin;
  if (!admin) return SETTINGS_UNAVAILABLE_TEXT;
  const scope = slackScope(teamId);
  const verdict = await bot.admins.verdict({ client, botToken, teamId, userId: upload.user });
  if (verdict !== "admin") {
    bot.logger.info("community settings refused to a non-admin", {
      audit: "settings-refused",
      scope,
      actor: upload.user,
      how: "file",
      ...(verdict === "unknown" ? { reason: "admin check failed" } : {}),
    });
    return verdict === "unknown" ? ADMIN_CHECK_FAILED : NOT_AN_ADMIN_TEXT;
  }
  if (request.files.length > 1) return "Please upload one settings file at a time. Nothing was changed.";
  const [shared] = request.files;
  if (!shared) return COMMAND_FAILED;
  const file = await fileDetails(shared, client);
  const name = escapeSlackText(file.name ?? "the file");
  if (file.size === null || file.size === undefined || !file.url_private_download)
    return `I couldn't read ${name} from Slack, so nothing was changed. Please upload it again.`;
  if (file.size > MAX_SETTINGS_FILE_BYTES) return tooLargeText(name);
  if (!botToken) throw new Error("no bot token to download the settings file with");
  const download = await downloadSlackFile(file.url_private_download, {
    token: botToken,
    maxBytes: MAX_SETTINGS_FILE_BYTES,
    allowedOrigins: bot.fileOrigins,
  });
  if (!download.ok) {
    if (download.problem === "too-large") return tooLargeText(name);
    bot.logger.warn("slack settings file not downloaded", { fileId: file.id, reason: download.detail });
    return `I couldn't download ${name} from Slack, so nothing was changed. Please try again in a minute.`;
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(download.bytes);
  } catch {
    return settingsProblemsText([`${name} is not a text file (UTF-8 YAML)`]);
  }
  const outcome = await admin.importText(scope, { id: upload.user }, text);
  const reply = await outcomeText(outcome, `Imported ${name}`, admin, scope);
  // A problem may quote the file; nothing in it may become a mention or a link.
  return outcome.ok ? reply : escapeSlackText(reply);
}

/** The event's file, or files.info's when Slack left its details out of the event. */
async function fileDetails(file: UploadedFile, client: webApi.WebClient): Promise<UploadedFile> {
  if (file.file_access !== "check_file_info" && file.url_private_download && typeof file.size === "number")
    return file;
  const info = await client.files.info({ file: file.id });
  const parsed = UploadedFileSchema.safeParse(info.file);
  return parsed.success ? parsed.data : file;
}

function tooLargeText(name: string): string {
  return settingsProblemsText([`${name} is larger than ${MAX_SETTINGS_FILE_BYTES / 1024} KB`]);
}
