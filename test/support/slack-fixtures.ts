/** A small plain-text CV the document reader accepts and summarises (roles, projects, skills). */
export const CV_TEXT = [
  "Casey Candidate",
  "",
  "Experience",
  "Data Analyst Intern, Acme Retail, Jun 2024 - Sep 2024",
  "- Built a weekly sales dashboard used by 40 store managers",
  "",
  "Projects",
  "- Churn model for a student society (Python, scikit-learn)",
  "",
  "Skills: SQL, Python, Tableau, Excel",
].join("\n");

/** Windows executable bytes ("MZ" header) under a .pdf name: what a hostile upload looks like. */
export const EXECUTABLE_BYTES = Buffer.concat([
  Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00", "latin1"),
  Buffer.alloc(256, 0x41),
]);

/**
 * Answers the offline coach can score: a situation, a task, the candidate's own actions and a
 * quantified result. The opening words of each are quoted back in the report as evidence.
 */
export const STAR_ANSWER_PARTS = [
  "Last spring our team's data migration at Acme was two weeks behind schedule and the launch date was fixed.",
  "I was responsible for moving the customer tables, so I split the work into daily batches, wrote validation queries in SQL and ran a stand-up every morning with the two engineers. As a result we finished four days early and cut reporting errors by 30%.",
];

export const CLOSING_QUESTIONS =
  "What does success look like in the first 90 days, and what is the team's biggest challenge this year?";
