import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { NOTICES } from "../../src/core/interview/copy.ts";
import { SessionCorruptError, StoreUnavailableError } from "../../src/core/model/errors.ts";
import type { InboundEvent } from "../../src/core/model/inbound-event.ts";
import { BoundedSet } from "../shared/bounded-set.ts";
import type { SlackBotContext } from "./bot-context.ts";
import { slackConversation, tsToMillis } from "./conversation-keys.ts";
import { notifyUser, ownNote } from "./notify-user.ts";
import { parseSlackAction } from "./render/index.ts";
import { REMEMBERED_DAMAGED, tellDamaged } from "./thread-messages.ts";

/** Every button we render has an action id "sr_<action>" (see render/action-id.ts). */
const OUR_ACTIONS = /^sr_/;

/**
 * A press of one of our buttons under a question, as an engine event; null for anything else.
 * The button's value is the turn id, so a press on an old question cannot act on a newer one.
 */
export function buttonEvent(body: BlockAction, action: ButtonAction, teamId: string): InboundEvent | null {
  const parsed = parseSlackAction(action.action_id, action.value);
  const channelId = body.channel?.id ?? body.container?.channel_id;
  // Our buttons are on messages inside the interview thread; the thread is the conversation.
  const threadTs = body.container?.thread_ts ?? body.message?.thread_ts ?? body.message?.ts;
  if (!parsed || typeof channelId !== "string" || typeof threadTs !== "string") return null;
  return {
    type: "action",
    action: parsed.action,
    ...(parsed.turnId ? { turnId: parsed.turnId } : {}),
    // action_ts is unique per press; with the presser's id it names this press everywhere.
    eventId: `action:${body.user.id}:${action.action_ts}`,
    conversation: slackConversation({ teamId, channelId, threadTs }),
    author: { id: body.user.id, name: body.user.name ?? body.user.id },
    receivedAt: tsToMillis(action.action_ts),
  };
}

export function registerBlockActions(app: App, bot: SlackBotContext): void {
  const damaged = new BoundedSet(REMEMBERED_DAMAGED);
  app.action<BlockAction<ButtonAction>>(OUR_ACTIONS, ({ ack, body, action, context, client }) =>
    bot.track(async () => {
      // Acknowledge first: the engine answers with new messages in the thread, not in this response.
      await ack();
      const teamId = context.teamId;
      if (!teamId || action.type !== "button") return;
      const event = buttonEvent(body, action, teamId);
      if (!event) return;
      try {
        await bot.services.engine.handle(event);
      } catch (error) {
        const channelId = body.channel?.id ?? body.container?.channel_id ?? "";
        if (error instanceof SessionCorruptError) {
          const threadTs = body.container?.thread_ts ?? body.message?.thread_ts;
          const target = { channelId, userId: body.user.id, ...(threadTs ? { threadTs } : {}) };
          return tellDamaged(error, target, damaged, client, bot);
        }
        if (!(error instanceof StoreUnavailableError)) throw error;
        await notifyUser(
          client,
          { channelId, userId: body.user.id },
          ownNote(NOTICES.pressNotSaved),
          bot.logger,
        );
        throw error;
      }
    }),
  );
}
