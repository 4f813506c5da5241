import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { NOTICES } from "../../src/core/interview/copy.ts";
import { StoreUnavailableError } from "../../src/core/model/errors.ts";
import type { SlackBotContext } from "./bot-context.ts";
import { slackScope } from "./conversation-keys.ts";
import { escapeSlackText } from "./render/index.ts";
import { COMMAND_FAILED } from "./slack-copy.ts";
import { describeSlackError } from "./slack-errors.ts";

export const PROGRESS_FILE_NAME = "secondround-progress.png";
/** Slack's limit on an image's alt text. */
const ALT_TEXT_LIMIT = 1_000;
export const PROGRESS_SENT_TO_DM =
  "Your progress chart is in your direct messages with me (only you can see it).";

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/**
 * `/interview progress`, already acknowledged. Slack has no private (ephemeral) files, so the
 * chart goes to the member's direct messages with the app, uploaded with Slack's external upload
 * flow (files.uploadV2), with the text summary as its message and alt text; the ephemeral reply
 * gives the same summary where the command was typed. No finished interview yet: a friendly text.
 */
export async function replyWithProgress(args: CommandArgs, bot: SlackBotContext): Promise<void> {
  const { command, context, client, respond } = args;
  let text: string;
  try {
    const scope = slackScope(context.teamId ?? command.team_id);
    const entries = await bot.services.desk.progress(scope, command.user_id);
    // Loaded on first use: the charting library is only needed by this command.
    const { progressSummary } = await import("../../src/progress/progress-summary.ts");
    if (entries === null) text = "Progress is not kept in this workspace.";
    else if (entries.length === 0) text = progressSummary(entries);
    else {
      const summary = escapeSlackText(progressSummary(entries));
      const { renderProgressChart } = await import("../../src/progress/render-progress-chart.ts");
      const png = await renderProgressChart(entries);
      const opened = await client.conversations.open({ users: command.user_id });
      const channelId = opened.channel?.id;
      if (!channelId) throw new Error("conversations.open returned no channel");
      await client.files.uploadV2({
        channel_id: channelId,
        file: png,
        filename: PROGRESS_FILE_NAME,
        title: "Your SecondRound progress",
        alt_text: summary.slice(0, ALT_TEXT_LIMIT),
        initial_comment: summary,
      });
      text = `${summary}\n${PROGRESS_SENT_TO_DM}`;
    }
  } catch (error) {
    bot.logger.error("slack /interview progress failed", { error: describeSlackError(error) });
    text = error instanceof StoreUnavailableError ? NOTICES.commandNotDone : COMMAND_FAILED;
  }
  try {
    await respond({ response_type: "ephemeral", text });
  } catch (error) {
    bot.logger.warn("slack command reply not delivered", { error: describeSlackError(error) });
  }
}
