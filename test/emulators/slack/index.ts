// Entry point for tests: `import { startSlackWebApiEmulator, slashCommand, … } from "../emulators/slack/index.ts"`.
// Inbound side: build a payload, sign it, send it to the Bolt app. Outbound side: the fake Web API the app calls.

export { messageBlockLimit, messageTextLimit, modalBlockLimit, sectionTextLimit } from "./block-limits.ts";
export {
  type BoltHarness,
  type BoltHarnessOptions,
  type RecordingLogger,
  recordingLogger,
  startBoltApp,
} from "./bolt-harness.ts";
export {
  appUninstalledEvent,
  type EventCallbackOptions,
  eventCallback,
  sslCheck,
  tokensRevokedEvent,
  urlVerification,
} from "./events-api.ts";
export type { FaultOptions } from "./faults.ts";
export type { FileDownload, HostFileOptions } from "./file-hosting.ts";
export { nextMessageTs, slackDefaults, unreachableResponseUrl } from "./ids.ts";
export {
  formContentType,
  type InboundRequest,
  jsonContentType,
  type RetryMarker,
} from "./inbound-request.ts";
export {
  type Actor,
  type BlockActionsOptions,
  type ButtonPress,
  blockActions,
  fileInputValue,
  plainTextInputValue,
  type ViewSubmissionOptions,
  viewSubmission,
} from "./interactivity.ts";
export { type MentionSource, mentionsIn } from "./mentions.ts";
export {
  type BotMessageOptions,
  botMessageEvent,
  type ChannelType,
  fileShareMessageEvent,
  type MessageChangedOptions,
  type MessageDeletedOptions,
  type MessageEventOptions,
  messageChangedEvent,
  messageDeletedEvent,
  messageEvent,
} from "./message-events.ts";
export type { OAuthGrantOptions } from "./oauth-codes.ts";
export { DEFAULT_RATE_LIMITS } from "./rate-limits.ts";
export type { CallHold, HoldMode, HoldSpec } from "./response-holds.ts";
export type { ResponseUrlPost } from "./response-urls.ts";
export { type AppResponse, sendToApp } from "./send-to-app.ts";
export {
  type SignatureHeader,
  type SignOptions,
  signSlackRequest,
  slackSignature,
} from "./sign-slack-request.ts";
export {
  type SlackWebApiEmulator,
  type SlackWebApiEmulatorOptions,
  startSlackWebApiEmulator,
  type UserMessageOptions,
} from "./slack-web-api-emulator.ts";
export { type SlashCommandOptions, slashCommand } from "./slash-command.ts";
export {
  type AckPayload,
  type ConnectionsOpenCall,
  type ReceivedAck,
  type SendEnvelopeOptions,
  type SentEnvelope,
  type SocketConnection,
  type SocketEnvelopeType,
  SocketModeServer,
  type SocketModeServerOptions,
  socketEnvelopeFor,
} from "./socket-mode-server.ts";
export { deadTriggerErrors, triggerErrors, triggerLifetimeMs } from "./triggers.ts";
export type {
  ApiArgs,
  ApiResult,
  Channel,
  MessageFields,
  RecordedCall,
  SentMessage,
  SlackFile,
  SlackMessage,
  StoredView,
  User,
  Usergroup,
  Workspace,
} from "./types.ts";
export type { ChannelOptions, UsergroupOptions, UserOptions, WorkspaceOptions } from "./workspaces.ts";
