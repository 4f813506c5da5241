/** The signals that stop a long-running process: SIGTERM from docker stop or an orchestrator, SIGINT from Ctrl-C. */
const STOP_SIGNALS = ["SIGTERM", "SIGINT"] as const;

/** A shutdown asked for by a signal; `signal` aborts at the first one. */
export interface ShutdownRequest {
  /** Resolves at the first SIGTERM or SIGINT, with its name. */
  readonly requested: Promise<NodeJS.Signals>;
  readonly signal: AbortSignal;
  /** Removes the handlers (tests; a process that installed them keeps them to the end). */
  stopListening(): void;
}

/**
 * Installs the stop-signal handlers. Called before anything else of `serve` or `worker` is
 * loaded, so a signal during start-up (Redis unreachable, a platform slow to answer) is heard
 * too: Node's default would kill the process without closing anything, and a handler installed
 * only after start-up would leave the signal unanswered. The first signal asks for a graceful
 * shutdown; a second one exits at once, for a person who does not want to wait.
 */
export function listenForShutdown(
  exitAtOnce: (signal: NodeJS.Signals) => void = (signal) => {
    process.stderr.write(`secondround: ${signal} again, exiting now.\n`);
    process.exit(1);
  },
): ShutdownRequest {
  const controller = new AbortController();
  let resolve: (signal: NodeJS.Signals) => void = () => {};
  const requested = new Promise<NodeJS.Signals>((settle) => {
    resolve = settle;
  });
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      exitAtOnce(signal);
      return;
    }
    controller.abort(signal);
    resolve(signal);
  };
  for (const name of STOP_SIGNALS) process.on(name, onSignal);
  const stopListening = () => {
    for (const name of STOP_SIGNALS) process.off(name, onSignal);
  };
  return { requested, signal: controller.signal, stopListening };
}

/** Thrown by `unlessShutdown` when a stop signal came first. */
export class ShutdownRequested extends Error {
  constructor() {
    super("shutdown requested");
    this.name = "ShutdownRequested";
  }
}

/**
 * A start-up step that gives way to a stop signal: resolves with the step's result, or rejects
 * with ShutdownRequested as soon as a signal arrives (the step itself is left to the shutdown,
 * which closes what it was waiting on).
 */
export function unlessShutdown<T>(shutdown: ShutdownRequest, step: Promise<T>): Promise<T> {
  if (shutdown.signal.aborted) return Promise.reject(new ShutdownRequested());
  return Promise.race([
    step,
    shutdown.requested.then(() => {
      throw new ShutdownRequested();
    }),
  ]);
}
