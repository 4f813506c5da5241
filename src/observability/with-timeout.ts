/**
 * The work's result, or a rejection once `ms` have passed without one. For health checks and
 * scrapes, which must answer even while Redis is away (a command waiting for a reconnect would
 * otherwise hold the probe until the client gives up). The work itself is not cancelled.
 */
export function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  // A late failure of the abandoned work is expected and must not surface as an unhandled rejection.
  work.catch(() => {});
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
