// The vocabulary shared by the emulator's files: what Slack returns (snake_case, as on the wire) and what the
// emulator records for tests (camelCase).

/** A file object as Slack returns it from files.info and puts in file_share events and file_input state. */
export type SlackFile = {
  id: string;
  created: number;
  timestamp: number;
  name: string;
  title: string;
  mimetype: string;
  filetype: string;
  pretty_type: string;
  user: string;
  user_team: string;
  size: number;
  mode: "hosted";
  is_external: boolean;
  is_public: boolean;
  /** Served by the emulator only with `Authorization: Bearer <bot token of the file's team>`. */
  url_private: string;
  url_private_download: string;
  permalink: string;
  [field: string]: unknown;
};

/** What a message is made of before the emulator stores it and assigns its `ts`. */
export type MessageFields = {
  channel: string;
  thread_ts?: string;
  subtype?: string;
  text: string;
  blocks?: unknown[];
  user: string;
  bot_id?: string;
  app_id?: string;
  team: string;
  files?: SlackFile[];
  [field: string]: unknown;
};

/** A message stored in a channel, shaped like conversations.replies returns it. */
export type SlackMessage = MessageFields & {
  type: "message";
  ts: string;
  edited?: { user: string; ts: string };
  reply_count?: number;
  latest_reply?: string;
};

/** Every chat.* message the bot sent, with the flags that decide whether Slack would notify or unfurl. */
export type SentMessage = {
  method: "chat.postMessage" | "chat.update" | "chat.postEphemeral";
  channel: string;
  ts: string;
  threadTs?: string;
  /** The target of an ephemeral message. */
  user?: string;
  text?: string;
  blocks?: unknown[];
  /** False when `text` was absent or empty: screen readers and notifications then have nothing to show. */
  hasText: boolean;
  unfurlLinks?: boolean;
  unfurlMedia?: boolean;
  /** `link_names=true` turns plain `@channel` / `@name` into real mentions. */
  linkNames?: boolean;
  /** `parse=full` also makes Slack link names and channels itself. */
  parse?: string;
};

export type Channel = {
  id: string;
  name: string;
  isPrivate: boolean;
  isIm: boolean;
  /** When false, chat.postMessage answers `not_in_channel`. */
  isMember: boolean;
  /** The other party of a DM. */
  user?: string;
  created: number;
};

export type User = {
  id: string;
  name: string;
  realName: string;
  isBot: boolean;
  /** Workspace admin / owner, as users.info reports them. */
  isAdmin: boolean;
  isOwner: boolean;
};

/** A user group (`S…`, "@careers-team"): who is in it, as usergroups.users.list lists them. */
export type Usergroup = {
  id: string;
  handle: string;
  users: string[];
};

export type Workspace = {
  teamId: string;
  teamName: string;
  domain: string;
  appId: string;
  botId: string;
  botUserId: string;
  botName: string;
  channels: Map<string, Channel>;
  users: Map<string, User>;
  usergroups: Map<string, Usergroup>;
};

/** Parsed Web API arguments: form fields are strings, JSON fields (`blocks`, `view`, …) are parsed. */
export type ApiArgs = Record<string, unknown>;

/** One Web API call as the emulator saw it, in arrival order, retries and failures included. */
export type RecordedCall = {
  method: string;
  /** From `Authorization: Bearer …`, else the `token` argument. */
  token: string | undefined;
  /** Without `token`. */
  args: ApiArgs;
  /** Milliseconds on the emulator's clock. */
  at: number;
  /** The JSON the emulator answered (or the scripted fault's body). */
  response?: ApiResult;
  /** HTTP status answered; 200 unless a fault said otherwise. */
  status?: number;
};

export type ApiResult = { ok: boolean; error?: string; [field: string]: unknown };

/** A modal as views.open / views.update stored it. */
export type StoredView = {
  id: string;
  team_id: string;
  type: string;
  callback_id: string;
  private_metadata: string;
  external_id: string;
  hash: string;
  title: unknown;
  submit: unknown;
  close: unknown;
  blocks: unknown[];
  state: { values: Record<string, Record<string, unknown>> };
  root_view_id: string;
  previous_view_id: string | null;
  app_id: string;
  bot_id: string;
  [field: string]: unknown;
};
