import type { KnownBlock } from "@slack/types";
import type { OutboundMessage } from "../../../src/core/model/reply.ts";
import { truncateText } from "../../shared/split-text.ts";
import { blockText } from "./block-text.ts";
import { renderSlackActions } from "./buttons.ts";
import { SLACK_LIMITS } from "./limits.ts";
import { type BlockGroup, paginateGroups } from "./paginate.ts";
import { renderReportGroups } from "./report-blocks.ts";
import { renderSlackText } from "./text-blocks.ts";

/** One Slack message to post (`chat.postMessage` / `chat.postEphemeral` arguments minus the channel). */
export interface SlackPayload {
  /** Notification and accessibility fallback: the message's own text, escaped, at most 4,000 characters. */
  text: string;
  blocks: KnownBlock[];
  unfurl_links: false;
  unfurl_media: false;
}

export interface SlackRenderOptions {
  /** Attach the message's buttons to the last payload (default true). */
  includeActions?: boolean;
}

/**
 * An outbound message as Slack messages, each within Block Kit limits. All candidate and model text is
 * escaped, so it cannot mention anyone or make a link. The buttons are the last block of the last payload.
 * Visibility (ephemeral or not) is the transport's business.
 */
export function renderSlackMessage(
  message: OutboundMessage,
  options: SlackRenderOptions = {},
): SlackPayload[] {
  // Text may break between any two sections; the report only between its own sections (see report-blocks).
  const groups: BlockGroup[] = message.replies.flatMap((reply) =>
    reply.kind === "text"
      ? renderSlackText(reply).map((block): BlockGroup => ({ blocks: [block] }))
      : renderReportGroups(reply.report),
  );
  const actions = options.includeActions === false ? null : renderSlackActions(message.actions);
  if (actions) groups.push({ blocks: [actions] });
  return paginateGroups(groups, SLACK_LIMITS.blocksPerMessage, SLACK_LIMITS.blockTextPerMessage).map(
    (page: KnownBlock[]): SlackPayload => ({
      text: truncateText(page.map(blockText).filter(Boolean).join("\n"), SLACK_LIMITS.fallbackText),
      blocks: page,
      unfurl_links: false,
      unfurl_media: false,
    }),
  );
}
