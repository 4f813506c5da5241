import type { Coach } from "../../src/core/ports/coach-port.ts";

/**
 * Wraps every method of a coach with a timer, so the sequential phase can report SecondRound's
 * latency with the coach's own work (question planning, rubric scoring) taken out: vercel/chat
 * has no coach, and the state layers are what is being compared. A Proxy rather than a class so
 * methods the Coach port gains later are timed too. Only meaningful when one answer runs at a time.
 */
export function timedCoach(inner: Coach): { coach: Coach; takeMs: () => number } {
  let elapsedMs = 0;
  const coach = new Proxy(inner, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        const started = performance.now();
        try {
          return await value.apply(target, args);
        } finally {
          elapsedMs += performance.now() - started;
        }
      };
    },
  });
  const takeMs = () => {
    const taken = elapsedMs;
    elapsedMs = 0;
    return taken;
  };
  return { coach, takeMs };
}
