/** The job states counted for the queue depth gauge. */
export const QUEUE_DEPTH_STATES = ["waiting", "active", "delayed", "failed"] as const;

/** One queue's jobs in one state, as BullMQ counts them. */
export interface QueueDepth {
  /** The BullMQ queue's name, e.g. "timers" or "coach-api.openai.com". */
  readonly queue: string;
  readonly state: (typeof QUEUE_DEPTH_STATES)[number];
  readonly jobs: number;
}
