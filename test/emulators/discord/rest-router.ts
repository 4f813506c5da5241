// The REST side: matches `/api/v10/...` requests against route tables, records every request (decoded path, query,
// Authorization, parsed body), applies scripted faults and the bot-token check, and turns DiscordHttpError into
// Discord's JSON error bodies. Route handlers only deal with state.
import type { IncomingMessage, ServerResponse } from "node:http";
import { DiscordHttpError, notFoundRoute, unauthorized } from "./errors.ts";
import type { FaultQueue } from "./faults.ts";
import { flattenHeaders, readRawBody, sendEmpty, sendJson } from "./http-io.ts";
import { asObject, type JsonObject } from "./json.ts";
import { parseBody } from "./multipart.ts";
import type { ResponseHolds } from "./response-holds.ts";
import type { RecordedFile, RecordedRequest, RejectedRequest } from "./types.ts";

export const API_PREFIX = "/api/v10";

export type RouteRequest = {
  recorded: RecordedRequest;
  params: Record<string, string>;
  /** The JSON body (or payload_json) as an object; `{}` when absent. */
  body: JsonObject;
  files: RecordedFile[];
  query: Record<string, string>;
};

export type RouteResult = { status: number; body?: unknown; headers?: Record<string, string> };

export type Route = {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Below /api/v10, with `:name` parameters, e.g. `/channels/:channel/messages/:message`. */
  pattern: string;
  /**
   * Whether `Authorization: Bot <token>` is required. Interaction callbacks and interaction webhooks are called
   * without it (discord.js sends `auth: false`), so they must not demand it.
   */
  auth: boolean;
  handle: (request: RouteRequest) => RouteResult | Promise<RouteResult>;
};

type CompiledRoute = Route & { segments: string[] };

export type RouterRecords = { requests: RecordedRequest[]; rejected: RejectedRequest[] };

export class RestRouter {
  readonly #routes: CompiledRoute[];
  readonly #botToken: string;
  readonly #faults: FaultQueue;
  readonly #records: RouterRecords;
  readonly #holds: ResponseHolds | undefined;

  constructor(
    routes: Route[],
    options: { botToken: string; faults: FaultQueue; records: RouterRecords; holds?: ResponseHolds },
  ) {
    this.#routes = routes.map((route) => ({ ...route, segments: route.pattern.split("/").slice(1) }));
    this.#botToken = options.botToken;
    this.#faults = options.faults;
    this.#records = options.records;
    this.#holds = options.holds;
  }

  async handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const method = (request.method ?? "GET").toUpperCase();
    const rawSegments = url.pathname.split("/").slice(1);
    // `@original` arrives as `%40original` (discord-api-types encodes non-[\w%-] parameters): decode per segment.
    const segments = rawSegments.map(safeDecode);
    const path = `/${segments.join("/")}`;
    const recorded: RecordedRequest = {
      at: Date.now(),
      method,
      path,
      route: path.startsWith(API_PREFIX) ? path.slice(API_PREFIX.length) || "/" : path,
      query: Object.fromEntries(url.searchParams),
      auth: request.headers.authorization ?? null,
      headers: flattenHeaders(request),
      body: undefined,
      multipart: false,
      files: [],
      status: 0,
    };
    this.#records.requests.push(recorded);
    try {
      const parsed = await parseBody(await readRawBody(request), request.headers["content-type"]);
      recorded.body = parsed.json;
      recorded.multipart = parsed.multipart;
      recorded.files = parsed.files;
      // A request held "before" whose client went away (a killed process) is never applied.
      const before = this.#holds?.find(recorded, "before");
      if (before && (await before.hold(recorded, response)) === "gone") return;
      const result = await this.#route(method, recorded, parsed.json, parsed.files);
      const after = this.#holds?.find(recorded, "after");
      if (after && (await after.hold(recorded, response)) === "gone") return;
      this.#respond(response, recorded, result);
    } catch (error) {
      const failure =
        error instanceof DiscordHttpError
          ? error
          : new DiscordHttpError(500, 0, "500: Internal Server Error", {
              reason: `emulator bug: ${String(error)}`,
            });
      this.#records.rejected.push({
        at: Date.now(),
        method,
        path,
        status: failure.status,
        code: failure.code ?? 0,
        reason: failure.reason,
      });
      recorded.status = failure.status;
      sendJson(response, failure.status, failure.body(), failure.headers);
    }
  }

  async #route(
    method: string,
    recorded: RecordedRequest,
    json: unknown,
    files: RecordedFile[],
  ): Promise<RouteResult> {
    if (!recorded.path.startsWith(`${API_PREFIX}/`)) throw notFoundRoute(method, recorded.path);
    const segments = recorded.route.split("/").slice(1);
    let pathMatched = false;
    for (const route of this.#routes) {
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const fault = this.#faults.take(method, recorded.path);
      if (fault) throw fault;
      if (route.auth && recorded.auth !== `Bot ${this.#botToken}`) throw unauthorized();
      return route.handle({ recorded, params, body: asObject(json), files, query: recorded.query });
    }
    if (pathMatched) {
      throw new DiscordHttpError(405, 0, "405: Method Not Allowed", { reason: `${method} not allowed here` });
    }
    const fault = this.#faults.take(method, recorded.path);
    if (fault) throw fault;
    throw notFoundRoute(method, recorded.path);
  }

  #respond(response: ServerResponse, recorded: RecordedRequest, result: RouteResult): void {
    recorded.status = result.status;
    if (result.body === undefined) sendEmpty(response, result.status);
    else sendJson(response, result.status, result.body, result.headers);
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of pattern.entries()) {
    const value = actual[i] ?? "";
    if (part.startsWith(":")) {
      if (value === "") return undefined;
      params[part.slice(1)] = value;
    } else if (part !== value) {
      return undefined;
    }
  }
  return params;
}
