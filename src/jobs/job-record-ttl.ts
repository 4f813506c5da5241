/**
 * How long a job's record (its data names the interview and the thread) outlives the job's delay.
 * BullMQ removes finished jobs only when a later job finishes, so a quiet deployment (or an
 * uninstalled workspace) would keep the last records for good; an expiry on the record bounds them
 * whatever happens. Longer than a failed job is kept for inspection (`removeOnFail`).
 */
export const JOB_RECORD_TTL_MS = 25 * 3_600_000;
