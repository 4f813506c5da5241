import { z } from "zod";
import { ReportSchema } from "./report.ts";

/** Buttons a transport may render; the terminal shows them as slash commands. */
export const ActionIdSchema = z.enum([
  "submit",
  "skip",
  "repeat",
  "hint",
  "end",
  "pause",
  "resume",
  /** Practice mode, after an answer's feedback: answer the same question again. */
  "retry",
  /** Practice mode, after an answer's feedback: the answer rearranged as a stronger STAR story. */
  "stronger",
  /** Practice mode, after an answer's feedback: on to the next question. */
  "next",
]);
export type ActionId = z.infer<typeof ActionIdSchema>;

export const ReplyActionSchema = z.object({
  id: ActionIdSchema,
  label: z.string(),
  /** The prompt the action refers to, so a stale button press cannot act on a later question. */
  turnId: z.string().optional(),
});
export type ReplyAction = z.infer<typeof ReplyActionSchema>;

/** What a piece of text is, so transports can style it (a question is not a notice). */
export const TextToneSchema = z.enum([
  "intro",
  "question",
  "probe",
  "ack",
  "hint",
  "notice",
  "error",
  /** What a voice answer was heard as, for the candidate to check. */
  "transcript",
]);
export type TextTone = z.infer<typeof TextToneSchema>;

export const ReplySchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("text"), tone: TextToneSchema, text: z.string() }),
  z.object({ kind: z.literal("report"), report: ReportSchema }),
]);
export type Reply = z.infer<typeof ReplySchema>;

/** Who sees a message: the whole conversation, or one person (ephemeral / private notice). */
export const VisibilitySchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("conversation") }),
  z.object({ kind: z.literal("private"), userId: z.string() }),
]);
export type Visibility = z.infer<typeof VisibilitySchema>;

/** One outbound message, as data. Each transport renders and splits it to its platform's limits. */
export const OutboundMessageSchema = z.object({
  /** Stable across retries and redeliveries; transports use it to avoid posting twice. */
  idempotencyKey: z.string(),
  conversation: z.string(),
  visibility: VisibilitySchema,
  replies: z.array(ReplySchema),
  actions: z.array(ReplyActionSchema),
});
export type OutboundMessage = z.infer<typeof OutboundMessageSchema>;
