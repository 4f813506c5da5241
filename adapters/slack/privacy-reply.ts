import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  RespondFn,
  SlackCommandMiddlewareArgs,
} from "@slack/bolt";
import type { KnownBlock } from "@slack/types";
import {
  ERASE_CANCELLED_TEXT,
  eraseWarningText,
  erasureDoneText,
  NOT_YOUR_BUTTONS_TEXT,
  PRIVACY_BUTTONS,
  privacyOverviewText,
} from "../../src/core/engine/privacy-copy.ts";
import { NOTICES } from "../../src/core/interview/copy.ts";
import { StoreUnavailableError } from "../../src/core/model/errors.ts";
import type { SlackBotContext } from "./bot-context.ts";
import { slackScope } from "./conversation-keys.ts";
import { COMMAND_FAILED } from "./slack-copy.ts";
import { describeSlackError } from "./slack-errors.ts";

export const EXPORT_FILE_NAME = "secondround-my-data.json";
export const EXPORT_SENT_TO_DM =
  "Your data is in your direct messages with me, as a JSON file (only you can see it).";
/** `srp_<step>`, the member's id as the value: nobody else's press is acted on. */
const PRIVACY_ACTIONS = /^srp_(export|delete|confirm|cancel)$/;
type PrivacyStep = "export" | "delete" | "confirm" | "cancel";

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** The shared wording uses Markdown's bold; Slack's mrkdwn marks it with one asterisk. */
function mrkdwn(text: string): string {
  return text.replaceAll("**", "*");
}

function buttons(
  memberId: string,
  ...steps: [PrivacyStep, string, "primary" | "danger" | null][]
): KnownBlock {
  return {
    type: "actions",
    elements: steps.map(([step, label, style]) => ({
      type: "button",
      action_id: `srp_${step}`,
      text: { type: "plain_text", text: label },
      value: memberId,
      ...(style ? { style } : {}),
    })),
  };
}

function section(text: string): KnownBlock {
  return { type: "section", text: { type: "mrkdwn", text: mrkdwn(text) } };
}

/** `/interview privacy`, already acknowledged: what is kept, and the export and delete buttons. */
export async function replyWithPrivacy(
  { command, respond }: CommandArgs,
  bot: SlackBotContext,
): Promise<void> {
  // The workspace's own retention period, where its admins set one, shortens the figures.
  const { retentionIn, retention } = bot.services;
  const text = privacyOverviewText(
    retentionIn ? await retentionIn(slackScope(command.team_id)) : retention,
    "workspace",
  );
  try {
    await respond({
      response_type: "ephemeral",
      text: mrkdwn(text),
      blocks: [
        section(text),
        buttons(
          command.user_id,
          ["export", PRIVACY_BUTTONS.export, "primary"],
          ["delete", PRIVACY_BUTTONS.delete, "danger"],
        ),
      ],
    });
  } catch (error) {
    bot.logger.warn("slack command reply not delivered", { error: describeSlackError(error) });
  }
}

/** Presses on the privacy reply's buttons: export (by DM), delete (warning, then erase), cancel. */
export function registerPrivacyActions(app: App, bot: SlackBotContext): void {
  app.action<BlockAction<ButtonAction>>(PRIVACY_ACTIONS, ({ ack, body, action, context, client, respond }) =>
    bot.track(async () => {
      await ack();
      const teamId = context.teamId;
      const step = PRIVACY_ACTIONS.exec(action.action_id)?.[1] as PrivacyStep | undefined;
      if (!teamId || !step) return;
      const memberId = body.user.id;
      if (action.value !== memberId) {
        await respond({ response_type: "ephemeral", replace_original: false, text: NOT_YOUR_BUTTONS_TEXT });
        return;
      }
      const scope = slackScope(teamId);
      try {
        switch (step) {
          case "export": {
            const data = await bot.services.desk.exportMember(scope, memberId);
            const opened = await client.conversations.open({ users: memberId });
            const channelId = opened.channel?.id;
            if (!channelId) throw new Error("conversations.open returned no channel");
            await client.files.uploadV2({
              channel_id: channelId,
              file: Buffer.from(`${JSON.stringify(data, null, 2)}\n`),
              filename: EXPORT_FILE_NAME,
              title: "Your SecondRound data",
              initial_comment: "Everything SecondRound keeps about you in this workspace.",
            });
            await respond({ response_type: "ephemeral", replace_original: false, text: EXPORT_SENT_TO_DM });
            return;
          }
          case "delete":
            await respond({
              response_type: "ephemeral",
              replace_original: true,
              text: mrkdwn(eraseWarningText("workspace")),
              blocks: [
                section(eraseWarningText("workspace")),
                buttons(
                  memberId,
                  ["confirm", PRIVACY_BUTTONS.confirmDelete, "danger"],
                  ["cancel", PRIVACY_BUTTONS.cancel, null],
                ),
              ],
            });
            return;
          case "cancel":
            await respond({ response_type: "ephemeral", replace_original: true, text: ERASE_CANCELLED_TEXT });
            return;
          case "confirm":
            await erase(respond, bot, scope, memberId);
            return;
        }
      } catch (error) {
        bot.logger.error("slack privacy action failed", { step, error: describeSlackError(error) });
        await respond({
          response_type: "ephemeral",
          replace_original: false,
          text: error instanceof StoreUnavailableError ? NOTICES.commandNotDone : COMMAND_FAILED,
        }).catch(() => {});
      }
    }),
  );
}

async function erase(respond: RespondFn, bot: SlackBotContext, scope: string, memberId: string) {
  await respond({ response_type: "ephemeral", replace_original: true, text: "Deleting your data…" });
  const erasure = await bot.services.desk.eraseMember(scope, memberId, "member");
  await respond({ response_type: "ephemeral", replace_original: true, text: erasureDoneText(erasure) });
}
