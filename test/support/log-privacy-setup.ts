import { afterAll, expect } from "vitest";
import { logLeaks } from "./log-privacy.ts";

// Runs in every test file: once its processes have exited, none may have logged a credential or
// a candidate's sentence (see log-privacy.ts).
afterAll(() => {
  expect(logLeaks, "credentials or candidate text in the logs").toEqual([]);
});
