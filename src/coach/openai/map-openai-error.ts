import { BrokenCircuitError, TaskCancelledError } from "cockatiel";
import OpenAI from "openai";
import { ContentFilterFinishReasonError, LengthFinishReasonError } from "openai/error";
import { CoachError } from "../../core/model/errors.ts";

/**
 * The one place SDK errors become CoachError. The SDK has already retried what it retries
 * (connection errors, 408, 409, 429, 5xx); what reaches here is final for this attempt. An error
 * that is none of the provider's (a TypeError, a bug in our code) is thrown as it is.
 */
export function mapOpenAIError(error: unknown, task: string): CoachError {
  if (error instanceof CoachError) return error;
  const requestId =
    error instanceof OpenAI.APIError && error.requestID ? ` (request ${error.requestID})` : "";
  const fail = (failure: CoachError["failure"], retryable: boolean, what: string) =>
    new CoachError(`AI coach ${task}: ${what}${requestId}`, { retryable, failure, cause: error });
  if (error instanceof BrokenCircuitError) {
    return fail("circuit-open", true, "paused after repeated provider failures (circuit open)");
  }
  if (error instanceof TaskCancelledError || error instanceof OpenAI.APIUserAbortError) {
    return fail("timeout", true, "ran out of time (call deadline)");
  }
  if (error instanceof OpenAI.APIConnectionTimeoutError) return fail("timeout", true, "timed out");
  if (error instanceof OpenAI.RateLimitError)
    return fail("rate-limited", true, "rate limited by the provider");
  if (error instanceof OpenAI.AuthenticationError || error instanceof OpenAI.PermissionDeniedError) {
    return fail("misconfigured", false, "the API key was rejected; check OPENAI_API_KEY");
  }
  if (error instanceof OpenAI.NotFoundError)
    return fail(
      "misconfigured",
      false,
      "model or endpoint not found; check the model names and OPENAI_BASE_URL",
    );
  if (error instanceof LengthFinishReasonError)
    return fail("invalid-output", true, "the answer was cut off (token limit)");
  if (error instanceof ContentFilterFinishReasonError)
    return fail("refused", false, "the provider's content filter refused");
  if (error instanceof OpenAI.APIConnectionError || error instanceof OpenAI.InternalServerError) {
    return fail("unavailable", true, "the provider is unavailable");
  }
  if (error instanceof OpenAI.APIError)
    return fail("unavailable", false, `the provider answered ${error.status ?? "with an error"}`);
  if (error instanceof SyntaxError || (error instanceof Error && error.name === "ZodError")) {
    return fail("invalid-output", true, "the reply did not match the expected structure");
  }
  // The SDK's own errors that are none of the above concern the reply it received.
  if (error instanceof OpenAI.OpenAIError) return fail("invalid-output", true, error.message);
  throw error;
}
