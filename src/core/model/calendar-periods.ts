/** Budgets run per calendar month and limits per calendar day, both in UTC, the same for every member. */
const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC month an instant falls in, as the token meter names it: "2026-12". */
export function monthOf(at: number): string {
  return new Date(at).toISOString().slice(0, 7);
}

/** When the UTC month after the instant's begins. */
export function startOfNextMonth(at: number): number {
  const date = new Date(at);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}

/** When the instant's UTC day began. */
export function startOfDay(at: number): number {
  return Math.floor(at / DAY_MS) * DAY_MS;
}

/** When the UTC day after the instant's begins. */
export function startOfNextDay(at: number): number {
  return startOfDay(at) + DAY_MS;
}

/** A date as people read it, in UTC: "1 January 2027". */
export function readableDate(at: number): string {
  return new Date(at).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}

/** An instant as people read it, in UTC: "00:00 UTC on 6 December 2026". */
export function readableUtcTime(at: number): string {
  const time = new Date(at).toISOString().slice(11, 16);
  return `${time} UTC on ${readableDate(at)}`;
}
