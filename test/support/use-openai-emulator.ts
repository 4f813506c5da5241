import { afterAll, beforeAll, beforeEach } from "vitest";
import { type OpenAIEmulator, startOpenAIEmulator } from "../emulators/openai/index.ts";

/**
 * One emulator per test file, reset before each test once the previous test's requests are settled. Returns a
 * getter because the emulator only exists once `beforeAll` has run.
 */
export function useOpenAIEmulator(): () => OpenAIEmulator {
  let emulator: OpenAIEmulator | undefined;
  beforeAll(async () => {
    emulator = await startOpenAIEmulator();
  });
  afterAll(async () => {
    await emulator?.close();
  });
  beforeEach(async () => {
    await emulator?.settle();
    emulator?.reset();
  });
  return () => {
    if (!emulator) throw new Error("the OpenAI emulator is not running yet");
    return emulator;
  };
}
