import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { errorSummary } from "../../src/core/model/error-summary.ts";
import { CoachError } from "../../src/core/model/errors.ts";

const ANSWER = "I rebuilt the churn model for the retail team in six weeks";

describe("errors as the logs show them", () => {
  it("keeps our own message but describes a provider's error that echoes the answer by status and code only", () => {
    const provider = new OpenAI.InternalServerError(
      500,
      { message: `Could not process: ${ANSWER}`, code: "server_error" },
      `500 Could not process: ${ANSWER}`,
      new Headers(),
    );
    const error = new CoachError("AI coach evaluate-answer: the provider is unavailable", {
      failure: "unavailable",
      retryable: true,
      cause: provider,
    });
    const summary = errorSummary(error);
    expect(summary).toMatch(
      /^CoachError: AI coach evaluate-answer: the provider is unavailable \(cause: .*500/,
    );
    expect(summary).not.toContain("churn");
  });

  it("names a schema error's places and kinds, never the value it rejected", () => {
    const parsed = z.object({ feedback: z.number() }).safeParse({ feedback: ANSWER });
    const summary = errorSummary(parsed.error);
    expect(summary).toMatch(/^ZodError feedback: invalid_type/);
    expect(summary).not.toContain("churn");
  });

  it("describes anything else by its kind", () => {
    expect(errorSummary(new TypeError(ANSWER))).toMatch(/^TypeError at .*error-summary\.test\.ts:\d+/);
    expect(errorSummary(ANSWER)).toBe("string");
  });
});
