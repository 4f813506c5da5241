import { z } from "zod";

/** Tokens an AI coach spent, from the provider's own `usage` fields. */
export const TokenUsageSchema = z.object({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  calls: z.number().int().nonnegative(),
});
export type TokenUsage = z.infer<typeof TokenUsageSchema>;

export const NO_TOKENS: TokenUsage = { inputTokens: 0, outputTokens: 0, calls: 0 };

export function addUsage(total: TokenUsage, more: TokenUsage): TokenUsage {
  return {
    inputTokens: total.inputTokens + more.inputTokens,
    outputTokens: total.outputTokens + more.outputTokens,
    calls: total.calls + more.calls,
  };
}
