import type { ConversationKey } from "../model/conversation.ts";
import type { OutboundMessage, Reply, ReplyAction, Visibility } from "../model/reply.ts";
import type { Session } from "../model/session.ts";

/**
 * Adds a message to the session's outbox. It is saved with the state change that caused it and
 * delivered afterwards, so a crash between the two redelivers it instead of losing it.
 */
export function enqueueMessage(
  session: Session,
  at: number,
  replies: readonly Reply[],
  actions: readonly ReplyAction[] = [],
): void {
  const seq = session.nextOutboxSeq;
  session.nextOutboxSeq = seq + 1;
  session.outbox.push({
    seq,
    createdAt: at,
    message: {
      idempotencyKey: `${session.id}:${seq}`,
      conversation: session.conversation,
      visibility: { kind: "conversation" },
      replies: [...replies],
      actions: [...actions],
    },
  });
}

/** A message that is not part of the state (a rejection, a reminder): best effort, never stored. */
export function transientMessage(
  conversation: ConversationKey | string,
  key: string,
  text: string,
  visibility: Visibility = { kind: "conversation" },
): OutboundMessage {
  return {
    idempotencyKey: key,
    conversation,
    visibility,
    replies: [{ kind: "text", tone: "notice", text }],
    actions: [],
  };
}

/**
 * Drops delivered entries (by idempotency key) and entries too old to be worth delivering, so the
 * stored session does not grow with the interview. Returns the outbox that is left.
 */
export function acknowledgedOutbox(
  outbox: Session["outbox"],
  delivered: ReadonlySet<string>,
  olderThan: number,
): Session["outbox"] {
  return outbox.filter(
    (entry) => !delivered.has(entry.message.idempotencyKey) && entry.createdAt >= olderThan,
  );
}

/** Whether every entry of the outbox has been delivered (by idempotency key). */
export function isAllDelivered(outbox: Session["outbox"], delivered: ReadonlySet<string>): boolean {
  return outbox.every((entry) => delivered.has(entry.message.idempotencyKey));
}
