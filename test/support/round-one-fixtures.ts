import type { RoundOneLog } from "../../src/core/model/round-one-log.ts";

/** A round-1 log whose second entry is the one that went badly, with a number to contradict. */
export const PLANTED_LOG: RoundOneLog = {
  company: "Monzo",
  role: "Data Analyst",
  date: "2026-11-20",
  entries: [
    {
      question: "Why do you want to work here?",
      notes: "I talked about the graduate scheme and my own budgeting app.",
      howItWent: "well",
    },
    {
      question: "Tell me about a time you improved a process.",
      notes: "We cut the month-end close from 5 days to 2 by automating the reconciliations.",
      howItWent: "badly",
    },
    {
      question: "Tell me about a conflict in a team.",
      notes: "I disagreed with a teammate about the survey design.",
      howItWent: "okay",
    },
  ],
  updatedAt: 1,
};
