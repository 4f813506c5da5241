import type { AllMiddlewareArgs, App, RespondFn, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { NOTICES } from "../../src/core/interview/copy.ts";
import { historyText, statusText } from "../../src/core/interview/session-status.ts";
import { StoreUnavailableError } from "../../src/core/model/errors.ts";
import { adminCommand } from "./admin-command.ts";
import type { SlackBotContext } from "./bot-context.ts";
import { canPostIn } from "./channel-access.ts";
import { parseSlackConversation, slackScope } from "./conversation-keys.ts";
import { replyWithPrivacy } from "./privacy-reply.ts";
import { replyWithProgress } from "./progress-reply.ts";
import { escapeSlackText } from "./render/index.ts";
import { roundOneLogCommand } from "./round-one-log-command.ts";
import {
  CANNOT_START_HERE,
  COMMAND_FAILED,
  endingText,
  MODAL_EXPIRED,
  NO_INTERVIEW,
  SLACK_HELP,
  START_FAILED,
  unknownSubcommandText,
  whereText,
} from "./slack-copy.ts";
import { describeSlackError, isDeadTrigger } from "./slack-errors.ts";
import { startModal } from "./start-modal.ts";
import { replyWithStories } from "./story-bank-reply.ts";

/** The slash command in the manifest. */
export const INTERVIEW_COMMAND = "/interview";

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

export function registerInterviewCommand(app: App, bot: SlackBotContext): void {
  app.command(INTERVIEW_COMMAND, (args) => bot.track(() => handleInterviewCommand(args, bot)));
}

/**
 * `/interview [start|end|status|history|progress|log|privacy|help]`. Every reply is ephemeral. Nothing slow happens
 * before the acknowledgement: `start` opens the form at once (its trigger_id dies after 3 s), and
 * the others acknowledge first and answer through the command's response_url.
 */
async function handleInterviewCommand(args: CommandArgs, bot: SlackBotContext): Promise<void> {
  const { command, ack, respond } = args;
  const subcommand = (command.text.trim().split(/\s+/)[0] ?? "").toLowerCase();
  switch (subcommand) {
    case "":
    case "start":
      return openStartForm(args, bot);
    case "help":
      return ack({ response_type: "ephemeral", text: SLACK_HELP });
    case "progress":
      await ack();
      return replyWithProgress(args, bot);
    case "stories":
      await ack();
      return replyWithStories(args, bot);
    case "log":
      return roundOneLogCommand(args, bot);
    case "privacy":
      await ack();
      return replyWithPrivacy(args, bot);
    case "admin":
      return adminCommand(args, bot);
    case "status":
    case "history":
    case "end":
      await ack();
      try {
        await reply(respond, await answer(subcommand, args, bot), bot);
      } catch (error) {
        bot.logger.error("slack /interview failed", { subcommand, error: describeSlackError(error) });
        await reply(
          respond,
          error instanceof StoreUnavailableError ? NOTICES.commandNotDone : COMMAND_FAILED,
          bot,
        );
      }
      return;
    default:
      return ack({ response_type: "ephemeral", text: unknownSubcommandText(subcommand) });
  }
}

async function openStartForm({ command, ack, client, respond }: CommandArgs, bot: SlackBotContext) {
  await ack();
  // Checked first: a form filled in for a channel the app cannot post in would start nothing.
  if ((await canPostIn(client, command.channel_id, bot.logger)) === false) {
    await reply(respond, CANNOT_START_HERE, bot);
    return;
  }
  try {
    await client.views.open({ trigger_id: command.trigger_id, view: startModal(command.channel_id) });
  } catch (error) {
    bot.logger.warn("slack start form not opened", { error: describeSlackError(error) });
    await reply(respond, isDeadTrigger(error) ? MODAL_EXPIRED : START_FAILED, bot);
  }
}

async function answer(
  subcommand: "status" | "history" | "end",
  { command, context }: CommandArgs,
  { services }: SlackBotContext,
): Promise<string> {
  const scope = slackScope(context.teamId ?? command.team_id);
  const candidate = { id: command.user_id, name: command.user_name };
  if (subcommand === "history") {
    // Roles and companies are the candidates' own words: escaped.
    return escapeSlackText(historyText(await services.desk.history(scope, candidate.id)));
  }
  if (subcommand === "status") {
    const active = await services.desk.activeInterview(scope, candidate.id);
    const thread = active ? parseSlackConversation(active.conversation) : null;
    if (!active || !thread) return NO_INTERVIEW;
    return `${escapeSlackText(statusText(active))} ${whereText(thread.channelId)}`;
  }
  // Slash commands are never redelivered; the trigger id is unique per invocation.
  const ended = await services.desk.endInterview(
    scope,
    candidate,
    `command:${command.trigger_id}`,
    services.clock.now(),
  );
  const thread = ended ? parseSlackConversation(ended.conversation) : null;
  return thread ? endingText(thread.channelId) : NO_INTERVIEW;
}

async function reply(respond: RespondFn, text: string, bot: SlackBotContext): Promise<void> {
  try {
    await respond({ response_type: "ephemeral", text });
  } catch (error) {
    // response_url lives 30 minutes; past that there is nobody left to tell.
    bot.logger.warn("slack command reply not delivered", { error: describeSlackError(error) });
  }
}
