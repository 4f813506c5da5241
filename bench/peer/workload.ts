import type { RoundTripCounter } from "../redis-round-trips.ts";

/**
 * The shared workload: every thread is one candidate giving answers of exactly 400 characters.
 * A realistic STAR answer (situation, task, action, result with numbers), so SecondRound's offline
 * coach does its normal work on it and neither side gets a trivially short payload.
 */
export const ANSWER_400 =
  "At a retail client our monthly churn report was always late; I owned fixing it before the board " +
  "review. I rebuilt the SQL pipeline in dbt, added tests on the three source tables and set up a " +
  "daily Airflow run. I showed the finance team how to read the new dashboard. As a result the " +
  "report lands on day 2 instead of day 9, data errors fell from 15 a month to 2, and the board used " +
  "it to cut churn 6%.";

let answersGiven = 0;

/**
 * ANSWER_400 with its numbers changed for every answer (still 400 characters), so that no cache
 * in either subject sees the same answer twice, as it would not with real candidates.
 */
export function nextAnswer(): string {
  answersGiven += 1;
  const errors = 10 + (answersGiven % 90);
  const day = 1 + (Math.floor(answersGiven / 90) % 9);
  return ANSWER_400.replace("15 a month", `${errors} a month`).replace("day 2 instead", `day ${day} instead`);
}

export type SubjectName = "vercel" | "secondround";

/**
 * One system under test, driven identically by the phases in measure.ts. A thread is a chat thread
 * (vercel/chat) or an interview conversation (SecondRound), named by a string the phases choose.
 */
export interface Subject {
  readonly name: SubjectName;
  /** Counts every Redis command this subject's own client(s) send. */
  readonly roundTrips: RoundTripCounter;
  /** Untimed setup: the mention that opens a thread, or the interview's "start". */
  start(thread: string): Promise<void>;
  /** Whether the thread still takes answers (an interview finishes; a chat thread never does). */
  accepts(thread: string): Promise<boolean>;
  /** One 400-character answer, awaited until the subject has fully processed it. */
  answer(thread: string): Promise<void>;
  /** Coach time since the last call, in ms (always 0 for vercel/chat, which has no coach). */
  takeCoachMs(): number;
  close(): Promise<void>;
}
