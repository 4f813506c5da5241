import { z } from "zod";
import type { ConversationKey } from "../model/conversation.ts";

/**
 * What was erased, told to every process of the deployment so none keeps a copy in memory: a
 * member's data in a community (their interviews), a whole community, or interviews the
 * community's retention period ran out on. Ids only, never anything a member wrote.
 */
export const ErasureNoticeSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("member"),
    scope: z.string(),
    memberId: z.string(),
    conversations: z.array(z.string()),
  }),
  z.object({ kind: z.literal("community"), scope: z.string() }),
  z.object({ kind: z.literal("interviews"), scope: z.string(), conversations: z.array(z.string()) }),
]);

export type ErasureNotice =
  | {
      readonly kind: "member";
      readonly scope: string;
      readonly memberId: string;
      readonly conversations: readonly ConversationKey[];
    }
  | { readonly kind: "community"; readonly scope: string }
  | {
      readonly kind: "interviews";
      readonly scope: string;
      readonly conversations: readonly ConversationKey[];
    };

export interface ErasureListener {
  /** A notice from any process of the deployment, this one included. */
  onNotice(notice: ErasureNotice): void;
  /**
   * The subscription was lost for a while (a reconnection) and is back: notices published
   * meanwhile may have been missed, so the listener must assume anything may have been erased.
   */
  onMissed(): void;
}

/**
 * Erasure notices across the processes of one deployment (Redis pub/sub where there are several).
 * Best effort by nature, which is enough: a stale copy can never be written back (the store
 * refuses a commit for an interview it no longer holds), and a missed notice is covered by onMissed.
 */
export interface ErasureNotices {
  publish(notice: ErasureNotice): Promise<void>;
  /** Resolves once subscribed; notices arrive until close. */
  subscribe(listener: ErasureListener): Promise<void>;
  close(): Promise<void>;
}
