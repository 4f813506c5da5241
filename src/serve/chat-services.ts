import type { ChatBotServices } from "../core/engine/chat-bot-services.ts";
import { CommunityAdmin } from "../core/engine/community-admin.ts";
import { CommunityCoaching } from "../core/engine/community-coaching.ts";
import { InterviewDesk } from "../core/engine/interview-desk.ts";
import { DEFAULT_DELIVERY_GRACE_MS } from "../core/engine/interview-engine.ts";
import { meteredDocumentReader } from "../core/engine/metered-document-reader.ts";
import { communityRetentionFigures } from "../core/engine/privacy-copy.ts";
import { StoryBank } from "../core/engine/story-bank.ts";
import { VoiceSources } from "../core/engine/voice-sources.ts";
import type { CoachTaskName } from "../core/model/session-events.ts";
import { SUGGESTION_RETENTION_MS } from "../core/model/story-bank.ts";
import type { CandidateDirectory } from "../core/ports/candidate-directory.ts";
import type { Coach } from "../core/ports/coach-port.ts";
import type { CommunitySettingsStore } from "../core/ports/community-settings-store.ts";
import type { DocumentReader } from "../core/ports/document-reader.ts";
import type { JobQueue } from "../core/ports/engine-jobs.ts";
import type { ErasureNotices } from "../core/ports/erasure-notices.ts";
import { type Metrics, NO_METRICS } from "../core/ports/metrics.ts";
import type { Clock, Logger, SessionStore } from "../core/ports/ports.ts";
import { PROGRESS_RETENTION_MS, type ProgressStore } from "../core/ports/progress-store.ts";
import type { RateLimitPolicy } from "../core/ports/rate-limiter.ts";
import type { RoundOneLogStore } from "../core/ports/round-one-log-store.ts";
import { STORY_BANK_RETENTION_MS, type StoryStore } from "../core/ports/story-store.ts";
import type { Transcriber } from "../core/ports/transcriber.ts";
import { createInterviewEngine, type EngineParts } from "../engine-factory.ts";
import { JOB_RECORD_TTL_MS } from "../jobs/job-record-ttl.ts";
import { yamlSettingsCodec } from "../settings/yaml-settings-codec.ts";
import { DEFAULT_ROUND_ONE_LOG_TTL_MS } from "../store/round-one-log-keys.ts";
import { DEFAULT_SESSION_TTL_MS } from "../store/store-ttls.ts";
import { MessageRouter } from "./message-router.ts";

/** How long a chat bot's delivery records may wait for the next commit or a batch (see DeliveryMarks). */
const CHAT_DELIVERY_MARK_DELAY_MS = 1_000;

export interface ChatServicesDependencies {
  readonly store: SessionStore;
  readonly directory: CandidateDirectory;
  readonly coach: Coach;
  /** Stands in, labelled, for coach output that fails the checks; the offline coach by default. */
  readonly standInCoach?: Coach;
  readonly jobs: JobQueue;
  readonly documents: DocumentReader;
  readonly logger: Logger;
  readonly clock?: Clock;
  readonly backgroundTasks?: ReadonlySet<CoachTaskName>;
  readonly deliveryGraceMs?: number;
  readonly rateLimit?: RateLimitPolicy;
  /** Interviews, turns, documents and platform API errors are reported here; nowhere by default. */
  readonly metrics?: Metrics;
  /** When job results are handed to another process to commit (see InterviewEngineOptions). */
  readonly handOffJobResult?: EngineParts["handOffJobResult"];
  /** Each member's progress history (`/interview progress`); none: the command says it is unavailable. */
  readonly progress?: ProgressStore;
  /** How long interviews are kept after their last change (SECONDROUND_SESSION_TTL_DAYS). */
  readonly sessionTtlMs?: number;
  /** Members' round-1 logs (`/interview log`); a later round for a logged company is built on its log. */
  readonly roundOneLogs?: RoundOneLogStore;
  /** Members' story banks (`/interview stories`), added to as interviews finish. */
  readonly stories?: StoryStore;
  /** Communities' settings and token meters (`/interview admin`); none: no settings, no limits. */
  readonly communitySettings?: CommunitySettingsStore;
  /** Voice answers' transcription provider; none: a voice clip gets "voice needs a provider". */
  readonly transcriber?: Transcriber;
  /** Erasures announced to (and heard from) the deployment's other processes; none: this one alone. */
  readonly erasureNotices?: ErasureNotices;
}

/**
 * The engine, desk and message router that every chat bot of a process shares. Built the same
 * way by `serve` and by the platform tests, so the tests run the production wiring.
 */
export function createChatServices(dependencies: ChatServicesDependencies) {
  const clock = dependencies.clock ?? { now: () => Date.now() };
  const router = new MessageRouter();
  const grace = dependencies.deliveryGraceMs ?? DEFAULT_DELIVERY_GRACE_MS;
  const metrics = dependencies.metrics ?? NO_METRICS;
  const stories = dependencies.stories ? new StoryBank(dependencies.stories, clock) : undefined;
  const {
    stories: _storyStore,
    communitySettings,
    transcriber,
    erasureNotices,
    ...engineParts
  } = dependencies;
  const community = communitySettings ? new CommunityCoaching(communitySettings, clock) : undefined;
  // The bots register how their platform's clips are fetched as they are created.
  const voiceSources = transcriber ? new VoiceSources() : undefined;
  const engine = createInterviewEngine({
    ...engineParts,
    ...(transcriber && voiceSources ? { voice: { transcriber, source: voiceSources } } : {}),
    ...(stories ? { stories } : {}),
    ...(community ? { community } : {}),
    sender: router,
    clock,
    metrics,
    // Busy bots record deliveries with the next commit or in batches; a third of the grace
    // period at most, so the sweep never takes over messages that were delivered.
    deliveryMarkDelayMs: Math.min(CHAT_DELIVERY_MARK_DELAY_MS, Math.floor(grace / 3)),
  });
  const desk = new InterviewDesk({
    engine,
    store: dependencies.store,
    directory: dependencies.directory,
    jobs: dependencies.jobs,
    logger: dependencies.logger,
    clock,
    ...(dependencies.progress ? { progress: dependencies.progress } : {}),
    ...(dependencies.roundOneLogs ? { roundOneLogs: dependencies.roundOneLogs } : {}),
    ...(stories ? { stories } : {}),
    ...(communitySettings ? { settings: communitySettings } : {}),
    ...(erasureNotices ? { notices: erasureNotices } : {}),
  });
  const admin = communitySettings
    ? new CommunityAdmin({
        store: communitySettings,
        codec: yamlSettingsCodec,
        clock,
        logger: dependencies.logger,
      })
    : undefined;
  const retention = {
    interviewsMs: dependencies.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS,
    roundOneLogsMs: DEFAULT_ROUND_ONE_LOG_TTL_MS,
    progressMs: PROGRESS_RETENTION_MS,
    storiesMs: STORY_BANK_RETENTION_MS,
    storySuggestionsMs: SUGGESTION_RETENTION_MS,
    jobRecordsMs: JOB_RECORD_TTL_MS,
  };
  const services: ChatBotServices = {
    desk,
    engine,
    documents: meteredDocumentReader(dependencies.documents, metrics),
    logger: dependencies.logger,
    clock,
    metrics,
    retention,
    ...(communitySettings
      ? {
          retentionIn: async (scope: string) =>
            communityRetentionFigures(retention, (await communitySettings.get(scope)).retentionDays),
        }
      : {}),
    ...(admin ? { admin } : {}),
    ...(voiceSources ? { voiceSources } : {}),
  };
  return { engine, desk, router, services };
}
