import type {
  APIActionRowComponent,
  APIButtonComponent,
  APIEmbed,
  MessageFlags,
} from "discord-api-types/v10";
import type { OutboundMessage, Reply } from "../../../src/core/model/reply.ts";
import { renderDiscordButtons } from "./buttons.ts";
import { groupEmbeds } from "./embed-length.ts";
import { DISCORD_LIMITS } from "./limits.ts";
import { renderReportEmbeds } from "./report-embeds.ts";
import { renderDiscordText } from "./text-content.ts";

/** One Discord message to post, as plain JSON in discord.js' `MessageCreateOptions` shape. */
export interface DiscordPayload {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIButtonComponent>[];
  /** Always empty: no @everyone, @here, user or role ping from candidate or model text. */
  allowedMentions: { parse: [] };
  flags?: number;
}

export interface DiscordRenderOptions {
  /** Attach the message's buttons to the last payload (default true). */
  includeActions?: boolean;
}

// A literal typed by the enum member keeps discord-api-types a type-only import (see buttons.ts).
const SUPPRESS_EMBEDS: MessageFlags.SuppressEmbeds = 4;

type TextReply = Extract<Reply, { kind: "text" }>;

/**
 * An outbound message as Discord messages, each within Discord's limits: text replies as content of at most
 * 2,000 characters, the report as embeds (at most 10 and 6,000 characters per message). Only the last
 * payload carries the buttons, so they sit under the newest text. Visibility is the transport's business.
 */
export function renderDiscordMessage(
  message: OutboundMessage,
  options: DiscordRenderOptions = {},
): DiscordPayload[] {
  const payloads: DiscordPayload[] = [];
  let pendingText: TextReply[] = [];
  const flushText = (): void => {
    for (const content of renderDiscordText(pendingText)) {
      // Text messages carry candidate and model words, which may hold links: SUPPRESS_EMBEDS stops link
      // previews. Never on report messages, where the same flag would hide our own embeds.
      payloads.push({ content, allowedMentions: { parse: [] }, flags: SUPPRESS_EMBEDS });
    }
    pendingText = [];
  };
  for (const reply of message.replies) {
    if (reply.kind === "text") {
      pendingText.push(reply);
      continue;
    }
    flushText();
    const groups = groupEmbeds(
      renderReportEmbeds(reply.report),
      DISCORD_LIMITS.embedsPerMessage,
      DISCORD_LIMITS.embedTextPerMessage,
    );
    for (const embeds of groups) payloads.push({ embeds, allowedMentions: { parse: [] } });
  }
  flushText();

  const rows = options.includeActions === false ? [] : renderDiscordButtons(message.actions);
  if (rows.length === 0) return payloads;
  const last = payloads.at(-1);
  if (last) last.components = rows;
  else payloads.push({ components: rows, allowedMentions: { parse: [] } });
  return payloads;
}
