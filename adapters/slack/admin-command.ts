import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { NOT_AN_ADMIN_TEXT, SETTINGS_UNAVAILABLE_TEXT } from "../../src/core/interview/community-copy.ts";
import { NOTICES } from "../../src/core/interview/copy.ts";
import { StoreUnavailableError } from "../../src/core/model/errors.ts";
import { outcomeText, summaryOf } from "./admin-replies.ts";
import type { SlackBotContext } from "./bot-context.ts";
import { slackScope } from "./conversation-keys.ts";
import { ADMIN_CHECK_FAILED, COMMAND_FAILED } from "./slack-copy.ts";
import { describeSlackError } from "./slack-errors.ts";

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

export const SLACK_ADMIN_USAGE = [
  "*`/interview admin`* (workspace admins and owners, and the admin user groups):",
  "• `/interview admin`: the settings and this month's AI token meter",
  "• `/interview admin limit 2`: interviews each member may start per day (`limit none` removes it)",
  "• `/interview admin budget 200000`: AI coach tokens per month, then the offline coach (`budget none` removes it)",
  "• `/interview admin ai off` (or `on`): the AI coach for this workspace",
  "• `/interview admin export`: the settings as YAML, to edit and import again",
  "• `/interview admin import` followed by the YAML on the next lines (Shift+Enter): replaces the settings; nothing changes if it has a problem",
  "• Or upload the settings file (`.yaml` or `.yml`) in a direct message with me: I import it the same way",
].join("\n");

/**
 * `/interview admin …`: the workspace's SecondRound settings, for workspace admins and owners and
 * the configured user groups' members only (admin-check.ts); anyone else is refused and nothing
 * changes, and when Slack cannot tell us who someone is, they are refused as "could not check".
 * Every reply is ephemeral. Changes are audited by CommunityAdmin.
 */
export async function adminCommand(args: CommandArgs, bot: SlackBotContext): Promise<void> {
  const { command, ack, respond, client, context } = args;
  await ack();
  let text: string;
  try {
    text = await adminReply(args, bot, context.teamId ?? command.team_id, client);
  } catch (error) {
    bot.logger.error("slack /interview admin failed", { error: describeSlackError(error) });
    text = error instanceof StoreUnavailableError ? NOTICES.commandNotDone : COMMAND_FAILED;
  }
  try {
    await respond({ response_type: "ephemeral", text });
  } catch (error) {
    bot.logger.warn("slack command reply not delivered", { error: describeSlackError(error) });
  }
}

async function adminReply(
  { command, context }: CommandArgs,
  bot: SlackBotContext,
  teamId: string,
  client: CommandArgs["client"],
): Promise<string> {
  const admin = bot.services.admin;
  if (!admin) return SETTINGS_UNAVAILABLE_TEXT;
  const scope = slackScope(teamId);
  const verdict = await bot.admins.verdict({
    client,
    botToken: context.botToken,
    teamId,
    userId: command.user_id,
  });
  if (verdict !== "admin") {
    bot.logger.info("community settings refused to a non-admin", {
      audit: "settings-refused",
      scope,
      actor: command.user_id,
      ...(verdict === "unknown" ? { reason: "admin check failed" } : {}),
    });
    return verdict === "unknown" ? ADMIN_CHECK_FAILED : NOT_AN_ADMIN_TEXT;
  }
  const actor = { id: command.user_id };
  // "admin import\n<yaml>": the first line holds the words, the rest is the pasted file.
  const body = command.text.trim().replace(/^admin\b/i, "");
  const [firstLine = "", ...rest] = body.split("\n");
  const words = firstLine.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const [action = "", value = ""] = words;
  switch (action) {
    case "":
    case "show":
      return summaryOf(admin, scope);
    case "export":
      return `Your settings file (save it as \`secondround-settings.yaml\`):\n\`\`\`\n${await admin.exportText(scope)}\`\`\``;
    case "import": {
      const yaml = unescapeSlack(stripCodeFence(rest.join("\n")));
      if (yaml.trim() === "")
        return `Paste the settings file after \`import\` on the next lines, or upload it in a direct message with me.\n\n${SLACK_ADMIN_USAGE}`;
      return outcomeText(await admin.importText(scope, actor, yaml), "Imported", admin, scope);
    }
    case "limit":
    case "budget": {
      const number = numberOrNone(value);
      if (number === undefined)
        return `\`${action}\` takes a whole number or \`none\`.\n\n${SLACK_ADMIN_USAGE}`;
      const field = action === "limit" ? "interviewsPerMemberPerDay" : "monthlyTokenBudget";
      return outcomeText(await admin.update(scope, actor, { [field]: number }), "Saved", admin, scope);
    }
    case "ai":
      if (value !== "on" && value !== "off") return `\`ai\` takes \`on\` or \`off\`.\n\n${SLACK_ADMIN_USAGE}`;
      return outcomeText(
        await admin.update(scope, actor, { aiCoach: value === "on" }),
        "Saved",
        admin,
        scope,
      );
    default:
      return SLACK_ADMIN_USAGE;
  }
}

/** A whole number, null for "none" (back to no limit), undefined for anything else. */
function numberOrNone(value: string): number | null | undefined {
  if (value === "none" || value === "0") return null;
  return /^\d{1,10}$/.test(value) ? Number(value) : undefined;
}

/** Pasted in a code block or not: the YAML inside. */
function stripCodeFence(text: string): string {
  const fenced = /^\s*```[a-z]*\n?([\s\S]*?)```\s*$/i.exec(text);
  return fenced ? (fenced[1] ?? "") : text;
}

/** Slack escapes &, < and > in command text. */
function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}
