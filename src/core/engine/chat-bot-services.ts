import type { DocumentReader } from "../ports/document-reader.ts";
import type { Metrics } from "../ports/metrics.ts";
import type { Clock, Logger } from "../ports/ports.ts";
import type { CommunityAdmin } from "./community-admin.ts";
import type { InterviewDesk } from "./interview-desk.ts";
import type { InterviewEngine } from "./interview-engine.ts";
import type { RetentionFigures } from "./privacy-copy.ts";
import type { VoiceSources } from "./voice-sources.ts";

/** What a chat platform adapter (Discord, Slack) is given: the engine and what surrounds it. */
export interface ChatBotServices {
  /** Starting interviews in new threads, current and past interviews per candidate. */
  readonly desk: InterviewDesk;
  /** Inbound events of running interviews, and their current state. */
  readonly engine: Pick<InterviewEngine, "handle" | "current">;
  /** CV and job-description files, read safely. */
  readonly documents: DocumentReader;
  readonly logger: Logger;
  readonly clock: Clock;
  /** Where the adapter reports platform API errors and rate limits. */
  readonly metrics: Metrics;
  /** How long members' data is kept by this deployment. */
  readonly retention: RetentionFigures;
  /**
   * How long members' data is kept in one community (`/interview privacy`): the deployment's
   * figures, shortened by the community's retention period where it has one.
   */
  readonly retentionIn?: (scope: string) => Promise<RetentionFigures>;
  /** Communities' settings (`/interview admin`); absent where this deployment keeps none. */
  readonly admin?: CommunityAdmin;
  /** Where each bot registers how its platform's voice clips are fetched; absent without a transcription provider. */
  readonly voiceSources?: VoiceSources;
}
