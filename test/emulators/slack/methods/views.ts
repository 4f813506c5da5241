// views.open / views.push / views.update. Opening needs a live trigger_id the emulator issued (3 s, single use);
// the view is validated first, so a malformed modal does not burn the trigger. Limits answer `invalid_arguments`.
import { stringArg } from "../api-request.ts";
import { apiError } from "../api-response.ts";
import { checkModalView } from "../block-limits.ts";
import type { ApiResult } from "../types.ts";
import type { AuthedCall, AuthedMethod } from "./context.ts";

function validView(call: AuthedCall): Record<string, unknown> | ApiResult {
  const violation = checkModalView(call.args.view);
  if (violation) return apiError(violation.error, violation.messages);
  return call.args.view as Record<string, unknown>;
}

function isResult(value: unknown): value is ApiResult {
  return typeof value === "object" && value !== null && "ok" in value && value.ok === false;
}

function openWithTrigger(call: AuthedCall): ApiResult {
  const view = validView(call);
  if (isResult(view)) return view;
  const triggerId = stringArg(call.args, "trigger_id") ?? stringArg(call.args, "interactivity_pointer");
  const triggerError = call.state.triggers.exchange(triggerId);
  if (triggerError) return apiError(triggerError);
  return { ok: true, view: call.state.views.open(call.workspace, view) };
}

export const viewsOpen: AuthedMethod = (call) => openWithTrigger(call);

/** Needs a fresh trigger like views.open; the emulator keeps no view stack, so it is otherwise the same. */
export const viewsPush: AuthedMethod = (call) => openWithTrigger(call);

export const viewsUpdate: AuthedMethod = (call) => {
  const viewId = stringArg(call.args, "view_id");
  const externalId = stringArg(call.args, "external_id");
  const stored = call.state.views.find(call.workspace.teamId, viewId, externalId);
  if (!stored) return apiError("not_found");
  const hash = stringArg(call.args, "hash");
  if (hash !== undefined && hash !== stored.hash) return apiError("hash_conflict");
  const view = validView(call);
  if (isResult(view)) return view;
  return { ok: true, view: call.state.views.update(stored, view) };
};
