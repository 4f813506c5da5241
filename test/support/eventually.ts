/**
 * Polls an async (or sync) check until it returns something other than undefined/null/false. The timeout is only
 * when to give up: generous by default, because on a busy machine (the suite twice on two cores) a few seconds
 * can pass before a process gets the CPU to do what is awaited.
 */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  timeoutMs = 30_000,
  description = "condition",
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() >= deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}
