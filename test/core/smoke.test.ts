import { expect, it } from "vitest";
import { InterviewOptionsSchema } from "../../src/core/interview-options.ts";

it("fills interview defaults", () => {
  const options = InterviewOptionsSchema.parse({ role: "Analyst", company: "Acme" });
  expect(options.questionCount).toBe(6);
  expect(options.stage).toBe("first");
});
