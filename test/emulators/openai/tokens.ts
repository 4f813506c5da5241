// Usage numbers come from the real o200k tokenizer (the encoding of gpt-4o and later), so tests can assert exact
// counts and code that budgets tokens sees realistic values rather than made-up ones.
import { encode } from "gpt-tokenizer/encoding/o200k_base";
import type { ChatMessage } from "./types.ts";

export function countTokens(text: string): number {
  return encode(text).length;
}

/** The text of a message, joining text parts; non-text parts (images, audio) carry no countable text. */
export function messageText(message: ChatMessage): string {
  const { content } = message;
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.map((part) => (typeof part.text === "string" ? part.text : "")).join("");
}

/**
 * Prompt tokens: the sum of each message's content tokens. The real API also adds a few tokens of per-message
 * framing; leaving that out keeps the number easy to recompute in a test.
 */
export function countPromptTokens(messages: readonly ChatMessage[] | undefined): number {
  return (messages ?? []).reduce((sum, message) => sum + countTokens(messageText(message)), 0);
}

export type Usage = { prompt_tokens: number; completion_tokens: number; total_tokens: number };

export function usageFor(messages: readonly ChatMessage[] | undefined, completion: string): Usage {
  const prompt_tokens = countPromptTokens(messages);
  const completion_tokens = countTokens(completion);
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
}
