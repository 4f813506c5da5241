// Interactivity payloads: Slack POSTs them as one form field `payload=<json>` (@slack/bolt 5.1
// types/actions/block-action.d.ts, types/view/index.d.ts). Bolt routes block_actions to `app.action(action_id)` and
// view_submission to `app.view(callback_id)`; both must be acknowledged within 3 s.
import { nextMessageTs, slackDefaults, slackId, triggerIdLike, unreachableResponseUrl } from "./ids.ts";
import { type InboundRequest, payloadFormRequest } from "./inbound-request.ts";
import type { SlackFile, StoredView } from "./types.ts";

export type Actor = {
  userId?: string;
  userName?: string;
  teamId?: string;
  teamDomain?: string;
  apiAppId?: string;
  /** Use `emulator.issueTriggerId()` when the handler opens a modal. */
  triggerId?: string;
};

export type ButtonPress = { actionId: string; blockId?: string; value?: string; text?: string };

export type BlockActionsOptions = Actor & {
  actions: ButtonPress | ButtonPress[];
  channelId?: string;
  channelName?: string;
  /** The message holding the buttons; default a bot message with ts `messageTs`. */
  message?: Record<string, unknown>;
  messageTs?: string;
  threadTs?: string;
  /** Use `emulator.issueResponseUrl()` when the handler will `respond()`. */
  responseUrl?: string;
  /** Set for buttons inside a modal: the container becomes the view and there is no channel or message. */
  view?: StoredView;
  stateValues?: Record<string, Record<string, unknown>>;
};

function userOf(actor: Actor): Record<string, unknown> {
  const id = actor.userId ?? slackDefaults.userId;
  const name = actor.userName ?? slackDefaults.userName;
  return { id, username: name, name, team_id: actor.teamId ?? slackDefaults.teamId };
}

function teamOf(actor: Actor): Record<string, unknown> {
  return { id: actor.teamId ?? slackDefaults.teamId, domain: actor.teamDomain ?? slackDefaults.teamDomain };
}

export function blockActions(options: BlockActionsOptions): InboundRequest {
  const presses = Array.isArray(options.actions) ? options.actions : [options.actions];
  const actionTs = nextMessageTs();
  const actions = presses.map((press) => ({
    action_id: press.actionId,
    block_id: press.blockId ?? slackId("b", 5),
    text: { type: "plain_text", text: press.text ?? press.actionId, emoji: true },
    value: press.value,
    type: "button",
    action_ts: actionTs,
  }));
  const common = {
    type: "block_actions",
    user: userOf(options),
    api_app_id: options.apiAppId ?? slackDefaults.appId,
    token: slackDefaults.verificationToken,
    trigger_id: options.triggerId ?? triggerIdLike(),
    team: teamOf(options),
    enterprise: null,
    is_enterprise_install: false,
    state: { values: options.stateValues ?? {} },
    actions,
  };
  if (options.view) {
    return payloadFormRequest({
      ...common,
      container: { type: "view", view_id: options.view.id },
      view: options.view,
    });
  }
  const channelId = options.channelId ?? slackDefaults.channelId;
  const message = options.message ?? {
    type: "message",
    user: slackDefaults.botUserId,
    bot_id: slackDefaults.botId,
    app_id: slackDefaults.appId,
    text: "",
    ts: options.messageTs ?? nextMessageTs(),
    thread_ts: options.threadTs,
    team: options.teamId ?? slackDefaults.teamId,
    blocks: [],
  };
  return payloadFormRequest({
    ...common,
    container: {
      type: "message",
      message_ts: message.ts,
      channel_id: channelId,
      is_ephemeral: false,
      thread_ts: options.threadTs,
    },
    channel: { id: channelId, name: options.channelName ?? slackDefaults.channelName },
    message,
    response_url: options.responseUrl ?? unreachableResponseUrl,
  });
}

export type ViewSubmissionOptions = Actor & {
  /** The modal as the emulator stored it from views.open; its id, callback_id, hash and metadata are reused. */
  view?: StoredView;
  callbackId?: string;
  privateMetadata?: string;
  /** `view.state.values`: `{ [block_id]: { [action_id]: value } }`, see `plainTextInputValue` / `fileInputValue`. */
  values?: Record<string, Record<string, unknown>>;
  /** Filled only when the modal asked for `response_url_enabled`. */
  responseUrls?: { block_id: string; action_id: string; channel_id: string; response_url: string }[];
};

export function viewSubmission(options: ViewSubmissionOptions): InboundRequest {
  const base = options.view;
  const teamId = options.teamId ?? base?.team_id ?? slackDefaults.teamId;
  const id = base?.id ?? slackId("V", 10);
  const view = {
    id,
    team_id: teamId,
    type: "modal",
    blocks: base?.blocks ?? [],
    private_metadata: options.privateMetadata ?? base?.private_metadata ?? "",
    callback_id: options.callbackId ?? base?.callback_id ?? "",
    external_id: base?.external_id ?? "",
    hash: base?.hash ?? `${Math.floor(Date.now() / 1000)}.${slackId("", 8)}`,
    title: base?.title ?? { type: "plain_text", text: "Modal", emoji: true },
    submit: base?.submit ?? { type: "plain_text", text: "Submit", emoji: true },
    close: base?.close ?? null,
    clear_on_close: false,
    notify_on_close: false,
    root_view_id: base?.root_view_id ?? id,
    previous_view_id: base?.previous_view_id ?? null,
    app_id: base?.app_id ?? options.apiAppId ?? slackDefaults.appId,
    app_installed_team_id: teamId,
    bot_id: base?.bot_id ?? slackDefaults.botId,
    state: { values: options.values ?? {} },
  };
  return payloadFormRequest({
    type: "view_submission",
    team: teamOf(options),
    user: userOf(options),
    api_app_id: options.apiAppId ?? slackDefaults.appId,
    token: slackDefaults.verificationToken,
    trigger_id: options.triggerId ?? triggerIdLike(),
    view,
    response_urls: options.responseUrls ?? [],
    is_enterprise_install: false,
    enterprise: null,
  });
}

/** State of a `plain_text_input` element. */
export function plainTextInputValue(value: string | null): Record<string, unknown> {
  return { type: "plain_text_input", value };
}

/** State of a `file_input` element: the uploaded files, shaped like files.info returns them. */
export function fileInputValue(files: SlackFile[]): Record<string, unknown> {
  return { type: "file_input", files };
}
