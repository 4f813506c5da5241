import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { NOTICES } from "../../src/core/interview/copy.ts";
import { StoreUnavailableError } from "../../src/core/model/errors.ts";
import type { SlackBotContext } from "./bot-context.ts";
import { slackScope } from "./conversation-keys.ts";
import { escapeSlackText } from "./render/index.ts";
import { roundOneLogModal } from "./round-one-log-modal.ts";
import { describeSlackError } from "./slack-errors.ts";

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/**
 * `/interview log [company]` opens the round-1 log form (filled in with that company's log, to
 * edit it); `/interview log delete <company>` deletes one. Acknowledged first: the form's
 * trigger_id lives 3 seconds, a Redis read fits well within it.
 */
export async function roundOneLogCommand(
  { command, ack, client, respond, context }: CommandArgs,
  bot: SlackBotContext,
) {
  await ack();
  const rest = command.text.trim().replace(/^log\b\s*/iu, "");
  const scope = slackScope(context.teamId ?? command.team_id);
  const store = bot.services.desk.roundOneLogs;
  const say = async (text: string): Promise<void> => {
    await respond({ response_type: "ephemeral", text }).catch(() => {});
  };
  if (!store) return say("Round-1 logs are not available here.");
  try {
    const deleting = /^delete\s+(.+)$/iu.exec(rest);
    if (deleting?.[1]) {
      const company = deleting[1].trim();
      const deleted = await store.delete(scope, command.user_id, company);
      return say(
        `${deleted ? "Deleted your round-1 log for" : "You have no round-1 log for"} ${escapeSlackText(company)}.`,
      );
    }
    const existing = rest ? await store.get(scope, command.user_id, rest) : null;
    await client.views.open({
      trigger_id: command.trigger_id,
      view: roundOneLogModal(command.channel_id, existing, rest),
    });
  } catch (error) {
    bot.logger.warn("slack round-one log command failed", { error: describeSlackError(error) });
    await say(
      error instanceof StoreUnavailableError
        ? NOTICES.commandNotDone
        : "Sorry, I couldn't open the form just now. Please try /interview log again.",
    );
  }
}
