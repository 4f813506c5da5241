import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  RespondArguments,
  SlackCommandMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from "@slack/bolt";
import type { KnownBlock, ModalView } from "@slack/types";
import { z } from "zod";
import { NOTICES } from "../../src/core/interview/copy.ts";
import {
  EMPTY_STORY_BANK,
  storyChangeText,
  storyCoverageLines,
  storyHeadline,
  storyParts,
} from "../../src/core/interview/story-bank-text.ts";
import { StoreUnavailableError } from "../../src/core/model/errors.ts";
import { MAX_STORY_TITLE, type Story } from "../../src/core/model/story.ts";
import {
  confirmDeleteText,
  type StoryVerb,
  type StoryView,
  shownIndex,
  storyPress,
} from "../shared/story-bank-press.ts";
import type { SlackBotContext } from "./bot-context.ts";
import { slackScope } from "./conversation-keys.ts";
import { escapeSlackText } from "./render/index.ts";
import { describeSlackError } from "./slack-errors.ts";

/** Story buttons: `story_<verb>`, the value a position (show) or a story id. Not `sr_`: not the engine's. */
const STORY_ACTIONS = /^story_(show|keep|rename|delete|erase)$/;
export const STORY_RENAME_CALLBACK_ID = "story_rename";
const TITLE = "title";
const MetadataSchema = z.object({ id: z.string().min(1).max(40), channel: z.string().regex(/^[A-Z0-9]+$/) });

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
type Card = { text: string; blocks: KnownBlock[] };

const plainText = (text: string) => ({ type: "plain_text" as const, text, emoji: false });
const mrkdwn = (text: string) => ({ type: "mrkdwn" as const, text });

/**
 * `/interview stories`, already acknowledged: the member's story bank as a private (ephemeral)
 * message, one story at a time with its STAR parts verbatim under the gaps by competency, with
 * Previous / Next, Keep, Rename (a form) and Delete (asks first). Presses replace the same private
 * message; every press acts on the presser's own bank.
 */
export async function replyWithStories(args: CommandArgs, bot: SlackBotContext): Promise<void> {
  const { command, context, respond } = args;
  const card = await guarded(bot, async () => {
    const bank = bot.services.desk.stories;
    if (!bank) return plain("Story banks are not kept in this workspace.");
    return cardAt(await bank.list(slackScope(context.teamId ?? command.team_id), command.user_id), 0);
  });
  await respond({ response_type: "ephemeral", ...card }).catch((error: unknown) => {
    bot.logger.warn("slack command reply not delivered", { error: describeSlackError(error) });
  });
}

export function registerStoryBankActions(app: App, bot: SlackBotContext): void {
  app.action<BlockAction<ButtonAction>>(STORY_ACTIONS, ({ ack, body, action, context, client, respond }) =>
    bot.track(async () => {
      await ack();
      const bank = bot.services.desk.stories;
      const teamId = context.teamId ?? body.team?.id;
      if (!bank || !teamId || action.type !== "button") return;
      const verb = action.action_id.slice("story_".length);
      const target = action.value ?? "";
      const scope = slackScope(teamId);
      if (verb === "rename") {
        const channel = body.channel?.id ?? body.container?.channel_id ?? "";
        await client.views
          .open({ trigger_id: body.trigger_id, view: renameModal(target, channel) })
          .catch((error: unknown) =>
            bot.logger.warn("slack story rename form not opened", { error: describeSlackError(error) }),
          );
        return;
      }
      const card = await guarded(bot, async () =>
        render(await storyPress(bank, scope, body.user.id, verb as Exclude<StoryVerb, "rename">, target)),
      );
      await respond({ replace_original: true, ...card } as RespondArguments).catch((error: unknown) =>
        bot.logger.warn("slack story card not updated", { error: describeSlackError(error) }),
      );
    }),
  );
  app.view<ViewSubmitAction>({ callback_id: STORY_RENAME_CALLBACK_ID, type: "view_submission" }, (args) =>
    bot.track(() => onRename(args, bot)),
  );
}

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** A title that does not fit is shown under the field; a saved one is confirmed privately with the card. */
async function onRename({ ack, view, body, context, client }: ViewArgs, bot: SlackBotContext): Promise<void> {
  const bank = bot.services.desk.stories;
  const metadata = MetadataSchema.safeParse(safeJson(view.private_metadata));
  const title = view.state.values[TITLE]?.[TITLE]?.value ?? "";
  if (!bank || !metadata.success) {
    await ack({ response_action: "errors", errors: { [TITLE]: "This form has expired: open it again." } });
    return;
  }
  const scope = slackScope(context.teamId ?? view.team_id);
  const change = await bank.rename(scope, body.user.id, metadata.data.id, title);
  if (change.kind === "invalid-title") {
    await ack({ response_action: "errors", errors: { [TITLE]: change.problem } });
    return;
  }
  await ack();
  const stories = await bank.list(scope, body.user.id);
  const index = Math.max(
    0,
    stories.findIndex((story) => story.id === metadata.data.id),
  );
  const card = cardAt(stories, index, storyChangeText("rename", change));
  await client.chat
    .postEphemeral({ channel: metadata.data.channel, user: body.user.id, ...card })
    .catch((error: unknown) =>
      bot.logger.warn("slack story rename not confirmed", { error: describeSlackError(error) }),
    );
}

/** The shared view as this platform's message. */
function render(view: StoryView): Card {
  return view.kind === "card"
    ? cardAt(view.stories, view.index, view.notice)
    : confirmDelete(view.story, view.index);
}

/** The bank's summary and gaps, then the story at `index` with its buttons. */
function cardAt(stories: readonly Story[], index: number, notice?: string): Card {
  const lead: KnownBlock[] = notice ? [{ type: "section", text: mrkdwn(escapeSlackText(notice)) }] : [];
  if (stories.length === 0)
    return { text: EMPTY_STORY_BANK, blocks: [...lead, ...plain(EMPTY_STORY_BANK).blocks] };
  const at = shownIndex(stories, index);
  const story = stories[at] as Story;
  const count = `${stories.length} ${stories.length === 1 ? "story" : "stories"}`;
  const button = (verb: string, label: string, value: string, style?: "primary" | "danger") => ({
    type: "button" as const,
    action_id: `story_${verb}`,
    text: plainText(label),
    value,
    ...(style ? { style } : {}),
  });
  const buttons = [
    ...(at > 0 ? [button("show", "Previous", String(at - 1))] : []),
    ...(at < stories.length - 1 ? [button("show", "Next", String(at + 1))] : []),
    ...(story.kept ? [] : [button("keep", "Keep", story.id, "primary")]),
    button("rename", "Rename", story.id),
    button("delete", "Delete", story.id, "danger"),
  ];
  return {
    text: `Your story bank: ${count}.`,
    blocks: [
      ...lead,
      {
        type: "section",
        text: mrkdwn(
          [`*Your story bank*: ${count}.`, ...storyCoverageLines(stories).map(escapeSlackText)].join("\n"),
        ),
      },
      {
        type: "section",
        text: mrkdwn(
          [
            `*Story ${at + 1} of ${stories.length}*`,
            escapeSlackText(storyHeadline(story, at + 1)),
            ...storyParts(story).map((part) => `>${escapeSlackText(part)}`),
          ]
            .join("\n")
            .slice(0, 3_000),
        ),
      },
      { type: "actions", elements: buttons },
    ],
  };
}

/** Deleting is for good: said plainly, with Delete for good and Cancel. */
function confirmDelete(story: Story, index: number): Card {
  const text = confirmDeleteText(escapeSlackText(story.title));
  return {
    text,
    blocks: [
      { type: "section", text: mrkdwn(text) },
      {
        type: "actions",
        elements: [
          {
            type: "button",
            action_id: "story_erase",
            text: plainText("Delete for good"),
            value: story.id,
            style: "danger",
          },
          { type: "button", action_id: "story_show", text: plainText("Cancel"), value: String(index) },
        ],
      },
    ],
  };
}

function renameModal(id: string, channel: string): ModalView {
  return {
    type: "modal",
    callback_id: STORY_RENAME_CALLBACK_ID,
    private_metadata: JSON.stringify({ id, channel }),
    title: plainText("Rename this story"),
    submit: plainText("Save"),
    close: plainText("Cancel"),
    blocks: [
      {
        type: "input",
        block_id: TITLE,
        label: plainText("A title you will recognise"),
        element: { type: "plain_text_input", action_id: TITLE, max_length: MAX_STORY_TITLE },
      },
    ],
  };
}

function plain(text: string): Card {
  return { text, blocks: [{ type: "section", text: mrkdwn(escapeSlackText(text)) }] };
}

/** A failure is said in the member's terms (nothing changed); the bank itself is never lost. */
async function guarded(bot: SlackBotContext, work: () => Promise<Card>): Promise<Card> {
  try {
    return await work();
  } catch (error) {
    bot.logger.error("slack story bank failed", { error: describeSlackError(error) });
    return plain(
      error instanceof StoreUnavailableError
        ? NOTICES.commandNotDone
        : "Something went wrong on my side with your story bank, and nothing was changed. Please try again in a minute.",
    );
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
