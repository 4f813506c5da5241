/** The round-1 log as plain text, as a candidate would paste it into any platform's form. */
export const ROUND_ONE_TEXT = [
  "Tell me about a time you improved a process.",
  "We cut the month-end close from 5 days to 2 by automating the reconciliations.",
  "How it went: badly",
  "",
  "Why do you want to work here?",
  "Talked about the graduate scheme. (went well)",
].join("\n");

export const ROUND_ONE_QUOTE =
  "We cut the month-end close from 5 days to 2 by automating the reconciliations.";

/** The round-2 answer to the revisit: the same story, with a number that contradicts the notes. */
export const CONTRADICTING_ANSWER =
  "I was the analyst on the finance operations team, and the close took too long every month. " +
  "I was asked to speed it up before the audit. I wrote Python scripts myself to match the bank lines, " +
  "I tested them against three months of data and I trained two colleagues to run them. " +
  "In the end we took the close from 5 days to 3, and the finance team still uses the scripts.";

export const CONTRADICTING_SENTENCE =
  "In the end we took the close from 5 days to 3, and the finance team still uses the scripts.";

export const CONSISTENT_ANSWER =
  "At my placement the sales reports were built by hand. I was asked to automate them. " +
  "I built a dashboard in Power BI myself and showed the managers how to use it. " +
  "As a result report preparation fell from 6 hours to 1 hour a week.";
