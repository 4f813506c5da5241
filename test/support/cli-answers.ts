/**
 * What the terminal tests type as a candidate: a complete STAR answer with a quantified result, and
 * questions for the panel at the closing question.
 */
export const STAR_ANSWER =
  "At my summer internship at a retail bank, the complaints team was missing its five-day response target. " +
  "I was asked to find out why. I analysed 400 complaint records in Excel, found that 60% waited for a signature " +
  "from one manager, and I proposed a delegated sign-off rule that I drafted with the team lead. " +
  "As a result the average response time fell from 7 days to 3 within a month.";

export const CLOSING_QUESTIONS =
  "What would success look like in the first 90 days, and what is the team's biggest challenge?";
