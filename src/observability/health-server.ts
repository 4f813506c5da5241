import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ConfigError } from "../core/model/errors.ts";
import type { Logger } from "../core/ports/ports.ts";
import { withTimeout } from "./with-timeout.ts";

/** One thing a process needs before it can take work: Redis writable, a platform connected. */
export interface ReadinessCheck {
  readonly name: string;
  /** Resolves true when fine; false or a rejection (its message is shown) when not. */
  check(): Promise<boolean> | boolean;
}

export interface HealthServerOptions {
  /** 0 picks a free port (tests); see `port` on the result. */
  readonly port: number;
  /** Every interface by default, so an orchestrator's probes and Prometheus can reach it. */
  readonly host?: string;
  readonly checks: readonly ReadinessCheck[];
  /** The Prometheus text exposition. */
  readonly metrics: () => Promise<{ readonly contentType: string; readonly body: string }>;
  readonly logger: Logger;
}

export interface HealthServer {
  /** The port actually listened on. */
  readonly port: number;
  close(): Promise<void>;
}

/** A check that has not answered by then counts as failed: a probe must answer, whatever hangs. */
const CHECK_TIMEOUT_MS = 2_000;

const JSON_TYPE = "application/json; charset=utf-8";

/**
 * The operations endpoints of a serving process, on their own port (never the Slack port):
 * - `/healthz` (`/health`): 200 while the event loop runs: for liveness probes.
 * - `/readyz` (`/ready`): 200 when every readiness check passes, else 503; the JSON body names
 *   each check and what failed, for readiness probes and people.
 * - `/metrics`: Prometheus text.
 * Anything else is 404; methods other than GET and HEAD are 405.
 */
export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const server = createServer((request, response) => {
    answer(request, response, options).catch((error: unknown) => {
      options.logger.error("health endpoint failed", { url: request.url, error: String(error) });
      if (!response.headersSent) send(response, 500, JSON_TYPE, JSON.stringify({ status: "error" }));
      else response.destroy();
    });
  });
  // Keep-alive connections (Prometheus keeps its own open) must not hold up a shutdown.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE" || error.code === "EACCES"
          ? new ConfigError(
              `The health and metrics port ${options.port} is not available (${error.code}): set HEALTH_PORT to a free port, or to off (see .env.example).`,
              { cause: error },
            )
          : error,
      ),
    );
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function answer(request: IncomingMessage, response: ServerResponse, options: HealthServerOptions) {
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.setHeader("allow", "GET, HEAD");
    send(response, 405, JSON_TYPE, JSON.stringify({ status: "method not allowed" }));
    return;
  }
  const path = new URL(request.url ?? "/", "http://health").pathname;
  switch (path) {
    case "/healthz":
    case "/health":
      send(response, 200, JSON_TYPE, JSON.stringify({ status: "ok" }));
      return;
    case "/readyz":
    case "/ready": {
      const { ready, checks } = await runChecks(options.checks);
      send(
        response,
        ready ? 200 : 503,
        JSON_TYPE,
        JSON.stringify({ status: ready ? "ready" : "unready", checks }),
      );
      return;
    }
    case "/metrics": {
      const { contentType, body } = await options.metrics();
      send(response, 200, contentType, body);
      return;
    }
    default:
      send(response, 404, JSON_TYPE, JSON.stringify({ status: "not found" }));
  }
}

/** Every check at once, each bounded; the body says "ok" or why not, per check. */
async function runChecks(checks: readonly ReadinessCheck[]) {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => {
      try {
        const fine = await withTimeout(Promise.resolve(check()), CHECK_TIMEOUT_MS);
        return [name, fine ? "ok" : "failed"] as const;
      } catch (error) {
        return [name, `failed: ${error instanceof Error ? error.message : String(error)}`] as const;
      }
    }),
  );
  return {
    ready: results.every(([, result]) => result === "ok"),
    checks: Object.fromEntries(results),
  };
}

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { "content-type": contentType, "cache-control": "no-store" });
  response.end(body);
}
