import type { SectionBlock } from "@slack/types";
import type { Reply } from "../../../src/core/model/reply.ts";
import { chatCommandForm } from "../../shared/chat-commands.ts";
import { packBlocks } from "../../shared/pack-blocks.ts";
import { SLACK_LIMITS } from "./limits.ts";
import { boldPiece, mrkdwnSection, plainPiece, quotePiece } from "./mrkdwn.ts";

type TextReply = Extract<Reply, { kind: "text" }>;

/**
 * One text reply as sections of at most 3,000 characters; questions and probes in bold, as in the
 * terminal, and a voice answer's transcript as a quote (Slack folds a long one behind "See more").
 */
export function renderSlackText(reply: TextReply): SectionBlock[] {
  const format =
    reply.tone === "question" || reply.tone === "probe"
      ? boldPiece
      : reply.tone === "transcript"
        ? quotePiece
        : plainPiece;
  return packBlocks([{ text: chatCommandForm(reply.text.trim()), format }], SLACK_LIMITS.sectionText).map(
    mrkdwnSection,
  );
}
