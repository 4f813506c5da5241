import OpenAI from "openai";
import { OpenAICoach, type OpenAICoachModels } from "../../src/coach/openai/openai-coach.ts";
import type { ProviderCircuit } from "../../src/coach/openai/provider-circuit.ts";
import { loadPromptLibrary } from "../../src/coach/prompt-library.ts";

/** One model name for every task, unless a test checks which model each task uses. */
const ONE_MODEL: OpenAICoachModels = { questions: "m", turn: "m", evaluation: "m", report: "m" };

export interface EmulatorCoachOptions {
  /** SDK retries; 0 unless a test is about retries. */
  readonly maxRetries?: number;
  /** SDK timeout per attempt in ms; the SDK's own default when left out. */
  readonly timeout?: number;
  readonly circuit?: ProviderCircuit;
  readonly models?: OpenAICoachModels;
}

/** The real AI coach on the real openai client, pointed at a local OpenAI emulator. */
export function emulatorOpenAICoach(emulatorUrl: string, options: EmulatorCoachOptions = {}): OpenAICoach {
  const client = new OpenAI({
    baseURL: `${emulatorUrl}/v1`,
    apiKey: "test",
    maxRetries: options.maxRetries ?? 0,
    ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
  });
  return new OpenAICoach({
    client,
    prompts: loadPromptLibrary(),
    models: options.models ?? ONE_MODEL,
    ...(options.circuit === undefined ? {} : { circuit: options.circuit }),
  });
}
