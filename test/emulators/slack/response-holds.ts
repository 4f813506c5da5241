// Holding Web API calls (see ../shared/response-holds.ts), e.g. `chat.postMessage` in one thread.
import { ResponseHold, ResponseHolds, type HoldSpec as Spec } from "../shared/response-holds.ts";
import type { RecordedCall } from "./types.ts";

export type { HoldMode } from "../shared/response-holds.ts";
export type HoldSpec = Spec<RecordedCall>;
export class CallHold extends ResponseHold<RecordedCall> {}
export class CallHolds extends ResponseHolds<RecordedCall> {}
