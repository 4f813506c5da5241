import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { ModalView } from "@slack/types";
import { z } from "zod";
import type { RoundOneLog } from "../../src/core/model/round-one-log.ts";
import { RoundOneLogSchema } from "../../src/core/model/round-one-log.ts";
import { formatRoundOneText, parseRoundOneText } from "../../src/core/model/round-one-text.ts";
import type { SlackBotContext } from "./bot-context.ts";
import { slackScope } from "./conversation-keys.ts";
import { escapeSlackText } from "./render/index.ts";
import { describeSlackError } from "./slack-errors.ts";

export const ROUND_ONE_CALLBACK_ID = "sr_round_one_log";
const VALUE = "value";
/** Slack's limit for a plain-text input. */
const QUESTIONS_LIMIT = 3_000;
/** Slack shows an input's error under it; long ones are cut. */
const ERROR_LIMIT = 150;
const MetadataSchema = z.object({ channel: z.string().regex(/^[A-Z0-9]+$/) });

const plainText = (text: string) => ({ type: "plain_text" as const, text, emoji: false });

function input(
  blockId: string,
  label: string,
  max: number,
  value: string,
  options: { multiline?: boolean; optional?: boolean; hint?: string } = {},
) {
  return {
    type: "input" as const,
    block_id: blockId,
    label: plainText(label),
    optional: options.optional ?? false,
    ...(options.hint ? { hint: plainText(options.hint) } : {}),
    element: {
      type: "plain_text_input" as const,
      action_id: VALUE,
      max_length: max,
      multiline: options.multiline ?? false,
      ...(value ? { initial_value: value.slice(0, max) } : {}),
    },
  };
}

/**
 * `/interview log`: the company, role, date and the questions in the plain-text form (one per
 * paragraph), filled in with an existing log to edit it. The channel is remembered so the
 * confirmation can be posted there privately.
 */
export function roundOneLogModal(channelId: string, existing: RoundOneLog | null, company = ""): ModalView {
  return {
    type: "modal",
    callback_id: ROUND_ONE_CALLBACK_ID,
    title: plainText("Your round-1 log"),
    submit: plainText("Save"),
    close: plainText("Cancel"),
    private_metadata: JSON.stringify({ channel: channelId }),
    blocks: [
      input("company", "Company", 120, existing?.company ?? company),
      input("role", "Role", 120, existing?.role ?? "", { optional: true }),
      input("date", "Date of round 1", 40, existing?.date ?? "", { optional: true }),
      input(
        "questions",
        "Questions you were asked",
        QUESTIONS_LIMIT,
        existing ? formatRoundOneText(existing.entries) : "",
        {
          multiline: true,
          hint: "One question per paragraph: the question, your notes on what you answered below it, then e.g. How it went: badly.",
        },
      ),
    ],
  };
}

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

export function registerRoundOneLogSubmission(app: App, bot: SlackBotContext): void {
  app.view<ViewSubmitAction>({ callback_id: ROUND_ONE_CALLBACK_ID, type: "view_submission" }, (args) =>
    bot.track(() => handleSubmission(args, bot)),
  );
}

/** Problems are shown under the field before the form closes; a saved log is confirmed privately. */
async function handleSubmission(
  { ack, view, body, context, client }: ViewArgs,
  bot: SlackBotContext,
): Promise<void> {
  const values = view.state.values;
  const text = (block: string) => values[block]?.[VALUE]?.value ?? "";
  const parsed = parseRoundOneText(text("questions"));
  if (!parsed.ok) {
    await ack({
      response_action: "errors",
      errors: { questions: parsed.problems.join(" ").slice(0, ERROR_LIMIT) },
    });
    return;
  }
  const log = RoundOneLogSchema.safeParse({
    company: text("company"),
    role: text("role"),
    date: text("date"),
    entries: parsed.value.entries,
    updatedAt: bot.services.clock.now(),
  });
  const store = bot.services.desk.roundOneLogs;
  if (!log.success || !store) {
    await ack({
      response_action: "errors",
      errors: { company: store ? "Please give the company." : "Round-1 logs are not available here." },
    });
    return;
  }
  await ack();
  const scope = slackScope(context.teamId ?? view.team_id);
  const replaced = (await store.get(scope, body.user.id, log.data.company)) !== null;
  await store.put(scope, body.user.id, log.data);
  const count = log.data.entries.length;
  const channel = MetadataSchema.safeParse(safeJson(view.private_metadata));
  if (!channel.success) return;
  try {
    await client.chat.postEphemeral({
      channel: channel.data.channel,
      user: body.user.id,
      text: `${replaced ? "Replaced" : "Saved"} your round-1 log for ${escapeSlackText(log.data.company)}: ${count} question${count === 1 ? "" : "s"}. A second round there (\`/interview start\`, round: Second) now builds on it.`,
    });
  } catch (error) {
    bot.logger.warn("slack round-one confirmation not posted", { error: describeSlackError(error) });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
