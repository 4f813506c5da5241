// Entry point for tests: `import { startOpenAIEmulator } from "../emulators/openai/index.ts"`.
export { defaultTranscript, type OpenAIEmulator, startOpenAIEmulator } from "./server.ts";
export { countPromptTokens, countTokens } from "./tokens.ts";
export type {
  ChatReply,
  ChatRequestBody,
  HostileTranscription,
  RecordedFile,
  RecordedMultipart,
  RecordedRequest,
  Scripted,
  ScriptedPause,
  TimedWord,
  TranscriptionReply,
} from "./types.ts";
export { CORRUPTED_MESSAGE, INVALID_FORMAT_MESSAGE, SUPPORTED_FORMATS } from "./uploaded-audio.ts";
