import type { DocumentProblem, DocumentReading } from "../../../src/core/ports/document-reader.ts";
import { seededRandom } from "../../support/seeded-random.ts";

/** What reading a hostile file may end in: a problem the user is told about, or usable text. */
export type Outcome = DocumentProblem | "ok";

/** Things a payload could reach if the parser ever executed it; the test checks they stay untouched. */
export type HostileContext = {
  /** An HTTP server on 127.0.0.1 that counts every request (phone-home canary). */
  readonly canaryUrl: string;
  /** A file that an executed payload would create. */
  readonly markerPath: string;
};

export type HostileCase = {
  readonly family: string;
  readonly name: string;
  /** Every acceptable outcome; anything else fails the test. */
  readonly expect: readonly Outcome[];
  readonly build: (context: HostileContext) => Uint8Array | Promise<Uint8Array>;
  /** Extra assertions on the reading (leaks, truncation, visible text). */
  readonly verify?: (reading: DocumentReading) => void;
};

/** Outcomes for decompression bombs: the child is killed or refuses; finishing is fine too. */
export const BOMB: readonly Outcome[] = ["out-of-memory", "timeout", "corrupt", "expands-too-much", "empty"];
/** Outcomes for damaged files: read what survives, or say it is damaged. */
export const DAMAGED: readonly Outcome[] = ["ok", "corrupt", "empty"];

export { seededRandom };

export function seededBytes(seed: number, length: number): Uint8Array {
  const random = seededRandom(seed);
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(random() * 256);
  return bytes;
}
