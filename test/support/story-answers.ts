import type { Question } from "../../src/core/model/question.ts";

/** Behavioural questions for three competencies, as a bank would word them. */
export const STORY_QUESTIONS: Question[] = [
  {
    id: "lead-1",
    text: "Tell me about a time you led a team through a difficult change.",
    kind: "behavioural",
    competency: "leadership",
    hint: "STAR",
    topicWords: ["lead", "team", "change"],
  },
  {
    id: "conflict-1",
    text: "Tell me about a disagreement with colleagues and how you resolved it.",
    kind: "behavioural",
    competency: "conflict",
    hint: "STAR",
    topicWords: ["disagreement", "conflict", "colleague"],
  },
  {
    id: "initiative-1",
    text: "Tell me about a time you improved something nobody asked you to.",
    kind: "behavioural",
    competency: "initiative",
    hint: "STAR",
    topicWords: ["improve", "initiative"],
  },
];

/** The warehouse move, told as leadership. */
export const WAREHOUSE_AS_LEADERSHIP =
  "When our warehouse moved sites in March 2024, I was the shift lead for the night pickers at Northgate Logistics. " +
  "The new racking layout meant every pick route changed and two senior pickers refused to use the new handheld scanners. " +
  "I sat down with both of them, listened to their worries about the scanner screens, and rebuilt the picking rota so they trained the newer staff on the routes they knew best. " +
  "As a result our pick rate recovered to 140 lines an hour within two weeks and we shipped the Easter peak with no missed orders.";

/** The same warehouse move, retold with other words as a conflict. */
export const WAREHOUSE_AS_CONFLICT =
  "At Northgate Logistics during the warehouse move in March 2024, two senior pickers refused the handheld scanners and the night shift split into camps. " +
  "I met each of them, heard that the scanner screens were hard to read, and arranged larger-font settings with IT. " +
  "I also paired them with newer pickers on the new racking routes. " +
  "The arguments stopped, and we hit 140 lines an hour two weeks later, in time for the Easter peak.";

/** A different episode altogether. */
export const LIBRARY_RETURNS =
  "During my second year I volunteered at the university library, where late returns were logged by hand in a paper ledger. " +
  "Nobody had asked, but I built a small spreadsheet with reminder emails and showed it to the head librarian, Mrs Osei. " +
  "I trained the other four volunteers on it over two lunchtimes. " +
  "Overdue books fell by about a third that term and the library still uses the sheet.";
