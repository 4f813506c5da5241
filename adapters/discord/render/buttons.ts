import type {
  APIActionRowComponent,
  APIButtonComponentWithCustomId,
  ButtonStyle,
  ComponentType,
} from "discord-api-types/v10";
import type { ActionId, ReplyAction } from "../../../src/core/model/reply.ts";
import { truncateText } from "../../shared/split-text.ts";
import { uniqueActions } from "../../shared/unique-actions.ts";
import { discordCustomId } from "./custom-id.ts";
import { DISCORD_LIMITS } from "./limits.ts";

// discord-api-types declares these as (non-const) enums, real objects at runtime, but the package is only
// installed as a dependency of discord.js. Numeric literals typed by the enum members keep it a type-only
// import, so rendering needs nothing at runtime beyond our own code.
const ACTION_ROW: ComponentType.ActionRow = 1;
const BUTTON: ComponentType.Button = 2;
const PRIMARY: ButtonStyle.Primary = 1;
const SECONDARY: ButtonStyle.Secondary = 2;
const DANGER: ButtonStyle.Danger = 4;

type ButtonStyleWithCustomId = APIButtonComponentWithCustomId["style"];

function styleOf(action: ActionId): ButtonStyleWithCustomId {
  if (action === "submit" || action === "retry") return PRIMARY;
  if (action === "end") return DANGER;
  return SECONDARY;
}

/** Buttons in rows of five: one row for the usual five turn actions (the ten action ids make two rows at most; practice feedback shows four). */
export function renderDiscordButtons(
  actions: readonly ReplyAction[],
): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  const buttons = uniqueActions(actions).map(
    (action): APIButtonComponentWithCustomId => ({
      type: BUTTON,
      style: styleOf(action.id),
      custom_id: discordCustomId(action),
      label: truncateText(action.label.trim() || action.id, DISCORD_LIMITS.buttonLabel),
    }),
  );
  const rows: APIActionRowComponent<APIButtonComponentWithCustomId>[] = [];
  for (let start = 0; start < buttons.length; start += DISCORD_LIMITS.buttonsPerRow) {
    rows.push({ type: ACTION_ROW, components: buttons.slice(start, start + DISCORD_LIMITS.buttonsPerRow) });
  }
  return rows;
}
