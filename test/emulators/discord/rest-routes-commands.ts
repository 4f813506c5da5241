// Application command registration (application-commands.mdx): bulk overwrite (PUT), list, create one, delete, for
// global and guild scope. Returned commands carry `id`, `application_id` and `version` like Discord's; ids stay
// stable across overwrites for the same name and type.
import type { EmulatorContext } from "./context.ts";
import { addFieldError, DiscordHttpError, type ErrorTree, invalidFormBody, missingAccess } from "./errors.ts";
import { asArray, clone, isObject, type JsonObject } from "./json.ts";
import type { Route, RouteRequest, RouteResult } from "./rest-router.ts";
import type { RegisteredCommand } from "./world.ts";

const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const MAX_COMMANDS = 100;
const MAX_OPTIONS = 25;

export function commandRoutes(ctx: EmulatorContext): Route[] {
  const global = "/applications/:app/commands";
  const guild = "/applications/:app/guilds/:guild/commands";
  return [
    { method: "PUT", pattern: global, auth: true, handle: (r) => overwrite(ctx, r) },
    { method: "PUT", pattern: guild, auth: true, handle: (r) => overwrite(ctx, r) },
    { method: "GET", pattern: global, auth: true, handle: (r) => list(ctx, r) },
    { method: "GET", pattern: guild, auth: true, handle: (r) => list(ctx, r) },
    { method: "POST", pattern: global, auth: true, handle: (r) => createOne(ctx, r) },
    { method: "POST", pattern: guild, auth: true, handle: (r) => createOne(ctx, r) },
    { method: "DELETE", pattern: `${global}/:command`, auth: true, handle: (r) => deleteOne(ctx, r) },
    { method: "DELETE", pattern: `${guild}/:command`, auth: true, handle: (r) => deleteOne(ctx, r) },
  ];
}

function scope(ctx: EmulatorContext, request: RouteRequest): RegisteredCommand[] {
  if (request.params.app !== ctx.world.applicationId) throw missingAccess();
  if (request.params.guild === undefined) return ctx.world.globalCommands;
  if (request.params.guild !== ctx.world.guildId) throw missingAccess();
  return ctx.world.guildCommands;
}

function validate(command: unknown, index: number | null, tree: ErrorTree, reasons: string[]): void {
  const at = (field: string) => (index === null ? [field] : [index, field]);
  const fail = (field: string, message: string) => {
    addFieldError(tree, at(field), { code: "BASE_TYPE_BAD_LENGTH", message });
    reasons.push(`${at(field).join(".")}: ${message}`);
  };
  if (!isObject(command)) {
    fail("name", "Must be an object.");
    return;
  }
  const type = typeof command.type === "number" ? command.type : 1;
  const name = typeof command.name === "string" ? command.name : "";
  if (!NAME.test(name) || (type === 1 && name !== name.toLowerCase())) fail("name", "Invalid command name");
  const description = typeof command.description === "string" ? command.description : "";
  if (type === 1 && (description.length < 1 || description.length > 100)) {
    fail("description", "Must be between 1 and 100 in length.");
  }
  if (asArray(command.options).length > MAX_OPTIONS)
    fail("options", `Must be ${MAX_OPTIONS} or fewer in length.`);
}

function register(ctx: EmulatorContext, input: JsonObject, existing: RegisteredCommand[], guildId?: string) {
  const type = typeof input.type === "number" ? input.type : 1;
  const name = String(input.name);
  const previous = existing.find((c) => c.name === name && c.type === type);
  const command: RegisteredCommand = {
    default_member_permissions: null,
    nsfw: false,
    contexts: null,
    integration_types: [0],
    ...clone(input),
    id: previous?.id ?? ctx.world.ids.next(),
    application_id: ctx.world.applicationId,
    version: ctx.world.ids.next(),
    type,
    name,
    ...(guildId ? { guild_id: guildId } : {}),
  };
  return command;
}

function overwrite(ctx: EmulatorContext, request: RouteRequest): RouteResult {
  const commands = scope(ctx, request);
  const input = request.recorded.body;
  if (!Array.isArray(input))
    throw invalidFormBody(
      { _errors: [{ code: "BASE_TYPE_ARRAY", message: "Must be an array." }] },
      "body is not an array",
    );
  const tree: ErrorTree = {};
  const reasons: string[] = [];
  if (input.length > MAX_COMMANDS) reasons.push(`more than ${MAX_COMMANDS} commands`);
  input.forEach((command, i) => {
    validate(command, i, tree, reasons);
  });
  if (reasons.length > 0) throw invalidFormBody(tree, reasons.join("; "));
  const next = input.filter(isObject).map((c) => register(ctx, c, commands, request.params.guild));
  commands.splice(0, commands.length, ...next);
  return { status: 200, body: next };
}

function list(ctx: EmulatorContext, request: RouteRequest): RouteResult {
  return { status: 200, body: scope(ctx, request) };
}

function createOne(ctx: EmulatorContext, request: RouteRequest): RouteResult {
  const commands = scope(ctx, request);
  const tree: ErrorTree = {};
  const reasons: string[] = [];
  validate(request.body, null, tree, reasons);
  if (reasons.length > 0) throw invalidFormBody(tree, reasons.join("; "));
  const command = register(ctx, request.body, commands, request.params.guild);
  const index = commands.findIndex((c) => c.id === command.id);
  if (index >= 0) commands[index] = command;
  else commands.push(command);
  // 201 for a new command, 200 when one with the same name was replaced.
  return { status: index >= 0 ? 200 : 201, body: command };
}

function deleteOne(ctx: EmulatorContext, request: RouteRequest): RouteResult {
  const commands = scope(ctx, request);
  const index = commands.findIndex((c) => c.id === request.params.command);
  if (index < 0) {
    throw new DiscordHttpError(404, 10063, "Unknown application command", { reason: "no such command" });
  }
  commands.splice(index, 1);
  return { status: 204 };
}
