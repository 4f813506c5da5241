import type { ActionsBlock, Button } from "@slack/types";
import type { ActionId, ReplyAction } from "../../../src/core/model/reply.ts";
import { truncateText } from "../../shared/split-text.ts";
import { uniqueActions } from "../../shared/unique-actions.ts";
import { slackActionId } from "./action-id.ts";
import { escapeSlackText } from "./escape.ts";
import { SLACK_LIMITS } from "./limits.ts";

function styleOf(action: ActionId): Pick<Button, "style"> {
  if (action === "submit") return { style: "primary" };
  if (action === "end") return { style: "danger" };
  return {};
}

/** The message's buttons as one actions block (seven action ids at most, well under 25 elements). */
export function renderSlackActions(actions: readonly ReplyAction[]): ActionsBlock | null {
  const unique = uniqueActions(actions);
  if (unique.length === 0) return null;
  return {
    type: "actions",
    elements: unique.map(
      (action): Button => ({
        type: "button",
        action_id: slackActionId(action),
        text: {
          type: "plain_text",
          text: truncateText(action.label.trim() || action.id, SLACK_LIMITS.buttonText, escapeSlackText),
          emoji: true,
        },
        value: action.turnId ?? "",
        ...styleOf(action.id),
      }),
    ),
  };
}
