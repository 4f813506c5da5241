// Modals opened through views.open / views.push and changed through views.update. Each write gets a new `hash`;
// views.update with a stale hash answers `hash_conflict`, which is how Slack protects against racing updates.
import { slackId, unixSeconds } from "./ids.ts";
import type { StoredView, Workspace } from "./types.ts";

function newHash(nowMs: number): string {
  return `${unixSeconds(nowMs)}.${slackId("", 8)}`;
}

function text(view: Record<string, unknown>, field: string): string {
  const value = view[field];
  return typeof value === "string" ? value : "";
}

export class ViewStore {
  readonly #views = new Map<string, StoredView>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  open(workspace: Workspace, view: Record<string, unknown>): StoredView {
    const id = slackId("V", 10);
    const stored: StoredView = {
      id,
      team_id: workspace.teamId,
      type: text(view, "type"),
      callback_id: text(view, "callback_id"),
      private_metadata: text(view, "private_metadata"),
      external_id: text(view, "external_id"),
      hash: newHash(this.#now()),
      title: view.title,
      submit: view.submit ?? null,
      close: view.close ?? null,
      blocks: Array.isArray(view.blocks) ? view.blocks : [],
      state: { values: {} },
      clear_on_close: view.clear_on_close === true,
      notify_on_close: view.notify_on_close === true,
      root_view_id: id,
      previous_view_id: null,
      app_id: workspace.appId,
      bot_id: workspace.botId,
    };
    this.#views.set(id, stored);
    return stored;
  }

  find(teamId: string, viewId?: string, externalId?: string): StoredView | undefined {
    for (const view of this.#views.values()) {
      if (view.team_id !== teamId) continue;
      if (viewId !== undefined && view.id === viewId) return view;
      if (viewId === undefined && externalId !== undefined && view.external_id === externalId) return view;
    }
    return undefined;
  }

  get(viewId: string): StoredView | undefined {
    return this.#views.get(viewId);
  }

  update(stored: StoredView, view: Record<string, unknown>): StoredView {
    Object.assign(stored, {
      type: text(view, "type"),
      callback_id: text(view, "callback_id"),
      private_metadata: text(view, "private_metadata"),
      external_id: text(view, "external_id") || stored.external_id,
      hash: newHash(this.#now()),
      title: view.title,
      submit: view.submit ?? null,
      close: view.close ?? null,
      blocks: Array.isArray(view.blocks) ? view.blocks : [],
    });
    return stored;
  }
}
