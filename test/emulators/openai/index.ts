// Entry point for tests: `import { startOpenAIEmulator } from "../emulators/openai/index.ts"`.
export { defaultTranscript, type OpenAIEmulator, startOpenAIEmulator } from "./server.ts";
export { countPromptTokens, countTokens } from "./tokens.ts";
export type {
  ChatReply,
  ChatRequestBody,
  RecordedFile,
  RecordedMultipart,
  RecordedRequest,
  Scripted,
  TranscriptionReply,
} from "./types.ts";
