// Polling helper for asynchronous assertions: the bot reacts to dispatches on its own schedule, so tests wait for a
// record to appear instead of sleeping a guessed amount. The default timeout is only when to give up, generous
// because a busy machine (the suite twice on two cores) can keep the bot from the CPU for seconds.

export async function waitFor<T>(
  predicate: () => T | undefined | null | false,
  timeoutMs = 30_000,
  description = "condition",
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = predicate();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() >= deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
