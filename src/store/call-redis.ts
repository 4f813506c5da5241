import { SecondRoundError, StoreUnavailableError } from "../core/model/errors.ts";

/** Runs one Redis operation, mapping connection failures to one typed error; our own errors pass through. */
export async function callRedis<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof SecondRoundError) throw error;
    throw new StoreUnavailableError(
      `Redis is unavailable: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}
