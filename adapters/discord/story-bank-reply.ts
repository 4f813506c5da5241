import {
  ActionRowBuilder,
  ButtonBuilder,
  type ButtonInteraction,
  ButtonStyle,
  type ChatInputCommandInteraction,
  escapeMarkdown,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  type InteractionUpdateOptions,
  MessageFlags,
  ModalBuilder,
  type ModalSubmitInteraction,
  TextInputBuilder,
  TextInputStyle,
} from "discord.js";
import type { ChatBotServices } from "../../src/core/engine/chat-bot-services.ts";
import { NOTICES } from "../../src/core/interview/copy.ts";
import {
  EMPTY_STORY_BANK,
  storyChangeText,
  storyCoverageLines,
  storyHeadline,
  storyParts,
} from "../../src/core/interview/story-bank-text.ts";
import { errorSummary } from "../../src/core/model/error-summary.ts";
import { StoreUnavailableError } from "../../src/core/model/errors.ts";
import { MAX_STORY_TITLE, type Story } from "../../src/core/model/story.ts";
import { truncateText } from "../shared/split-text.ts";
import {
  confirmDeleteText,
  type StoryVerb,
  type StoryView,
  shownIndex,
  storyPress,
} from "../shared/story-bank-press.ts";
import { discordScope } from "./conversation-keys.ts";
import { isExpiredInteraction } from "./discord-errors.ts";

const CONTENT_LIMIT = 2_000;
/** Story buttons and the rename form: `sr-story:<verb>:<story id or position>`. */
export const STORY_ID_PREFIX = "sr-story:";
const RENAME_MODAL_PREFIX = "sr-story-rename:";

type Card = { content: string; components: ActionRowBuilder<ButtonBuilder>[] };

/**
 * `/interview stories`, already deferred as a private reply: the member's story bank, one story at
 * a time (its STAR parts verbatim) under the gaps by competency, with Previous / Next, Keep, Rename
 * and Delete (which asks first). Presses edit the same private message; only its member sees it,
 * and every press acts on the presser's own bank, whoever's message it is.
 */
export async function replyWithStories(
  interaction: ChatInputCommandInteraction,
  services: ChatBotServices,
): Promise<void> {
  const card = await guarded(services, async () => {
    const bank = services.desk.stories;
    if (!bank || !interaction.guildId) return plain("Story banks are not kept on this server.");
    return cardAt(await bank.list(discordScope(interaction.guildId), interaction.user.id), 0);
  });
  try {
    await interaction.editReply({ ...card, allowedMentions: { parse: [] } } as InteractionEditReplyOptions);
  } catch (error) {
    if (!isExpiredInteraction(error)) throw error;
    services.logger.warn("discord reply window expired", { subcommand: "stories" });
  }
}

/** A press of a story button: the card again, changed as asked, or the rename form. */
export async function onStoryButton(
  interaction: ButtonInteraction,
  services: ChatBotServices,
): Promise<void> {
  const [verb, target = ""] = interaction.customId.slice(STORY_ID_PREFIX.length).split(":") as [
    StoryVerb,
    string,
  ];
  const bank = services.desk.stories;
  if (verb === "rename") {
    if (bank) await interaction.showModal(renameModal(target));
    return;
  }
  const card = await guarded(services, async () => {
    if (!bank || !interaction.guildId) return plain("Story banks are not kept on this server.");
    return render(
      await storyPress(bank, discordScope(interaction.guildId), interaction.user.id, verb, target),
    );
  });
  await interaction.update({ ...card, allowedMentions: { parse: [] } } as InteractionUpdateOptions);
}

/** The rename form's submission: saved and the card shown again with the new title. */
export async function onStoryRenameModal(
  interaction: ModalSubmitInteraction,
  services: ChatBotServices,
): Promise<void> {
  const id = interaction.customId.slice(RENAME_MODAL_PREFIX.length);
  const card = await guarded(services, async () => {
    const bank = services.desk.stories;
    if (!bank || !interaction.guildId) return plain("Story banks are not kept on this server.");
    const scope = discordScope(interaction.guildId);
    const change = await bank.rename(
      scope,
      interaction.user.id,
      id,
      interaction.fields.getTextInputValue("title"),
    );
    const stories = await bank.list(scope, interaction.user.id);
    return cardAt(
      stories,
      Math.max(
        0,
        stories.findIndex((story) => story.id === id),
      ),
      storyChangeText("rename", change),
    );
  });
  const message = { ...card, allowedMentions: { parse: [] } };
  if (interaction.isFromMessage()) await interaction.update(message as InteractionUpdateOptions);
  else await interaction.reply({ ...message, flags: MessageFlags.Ephemeral } as InteractionReplyOptions);
}

export function isStoryModal(customId: string): boolean {
  return customId.startsWith(RENAME_MODAL_PREFIX);
}

/** The shared view as this platform's message. */
function render(view: StoryView): Card {
  return view.kind === "card"
    ? cardAt(view.stories, view.index, view.notice)
    : confirmDelete(view.story, view.index);
}

/** The bank's summary and gaps, then the story at `index` with its buttons. */
function cardAt(stories: readonly Story[], index: number, notice?: string): Card {
  const lead = notice ? `${escapeMarkdown(notice)}\n\n` : "";
  if (stories.length === 0) return plain(`${lead}${EMPTY_STORY_BANK}`);
  const at = shownIndex(stories, index);
  const story = stories[at] as Story;
  const summary = [
    `**Your story bank**: ${stories.length} ${stories.length === 1 ? "story" : "stories"}.`,
    ...storyCoverageLines(stories).map((line) => escapeMarkdown(line)),
  ].join("\n");
  const card = [
    `**Story ${at + 1} of ${stories.length}**`,
    escapeMarkdown(storyHeadline(story, at + 1)),
    ...storyParts(story).map((part) => `> ${escapeMarkdown(part)}`),
  ].join("\n");
  const buttons = [
    button(`show:${at - 1}`, "Previous", ButtonStyle.Secondary, at === 0),
    button(`show:${at + 1}`, "Next", ButtonStyle.Secondary, at === stories.length - 1),
    button(`keep:${story.id}`, story.kept ? "Kept" : "Keep", ButtonStyle.Success, story.kept),
    button(`rename:${story.id}`, "Rename", ButtonStyle.Primary),
    button(`delete:${story.id}`, "Delete", ButtonStyle.Danger),
  ];
  return {
    content: truncateText(`${lead}${summary}\n\n${card}`, CONTENT_LIMIT),
    components: [new ActionRowBuilder<ButtonBuilder>().addComponents(buttons)],
  };
}

/** Deleting is for good: said plainly, with Delete for good and Cancel. */
function confirmDelete(story: Story, index: number): Card {
  return {
    content: truncateText(confirmDeleteText(escapeMarkdown(story.title)), CONTENT_LIMIT),
    components: [
      new ActionRowBuilder<ButtonBuilder>().addComponents(
        button(`erase:${story.id}`, "Delete for good", ButtonStyle.Danger),
        button(`show:${index}`, "Cancel", ButtonStyle.Secondary),
      ),
    ],
  };
}

function button(action: string, label: string, style: ButtonStyle, disabled = false): ButtonBuilder {
  return new ButtonBuilder()
    .setCustomId(`${STORY_ID_PREFIX}${action}`)
    .setLabel(label)
    .setStyle(style)
    .setDisabled(disabled);
}

function renameModal(id: string): ModalBuilder {
  const title = new TextInputBuilder()
    .setCustomId("title")
    .setLabel("A title you will recognise")
    .setStyle(TextInputStyle.Short)
    .setMinLength(1)
    .setMaxLength(MAX_STORY_TITLE)
    .setRequired(true);
  return new ModalBuilder()
    .setCustomId(`${RENAME_MODAL_PREFIX}${id}`)
    .setTitle("Rename this story")
    .addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(title));
}

function plain(content: string): Card {
  return { content: truncateText(content, CONTENT_LIMIT), components: [] };
}

/** A failure is said in the member's terms (nothing changed); the bank itself is never lost. */
async function guarded(services: ChatBotServices, work: () => Promise<Card>): Promise<Card> {
  try {
    return await work();
  } catch (error) {
    services.logger.error("discord story bank failed", { error: errorSummary(error) });
    return plain(
      error instanceof StoreUnavailableError
        ? NOTICES.commandNotDone
        : "Something went wrong on my side with your story bank, and nothing was changed. Please try again in a minute.",
    );
  }
}
