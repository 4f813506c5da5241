// Holding REST requests (see ../shared/response-holds.ts): `request.headers.host` tells two bot
// processes apart.
import {
  ResponseHold as Hold,
  ResponseHolds as Holds,
  type HoldSpec as Spec,
} from "../shared/response-holds.ts";
import type { RecordedRequest } from "./types.ts";

export type { HoldMode } from "../shared/response-holds.ts";
export type HoldSpec = Spec<RecordedRequest>;
export class ResponseHold extends Hold<RecordedRequest> {}
export class ResponseHolds extends Holds<RecordedRequest> {}
