/** What SecondRound understood from a CV, shown back to the candidate before the interview. */
export type DocumentSummary = { roles: string[]; projects: string[]; skills: string[] };

type Section = "experience" | "projects" | "skills" | "other" | null;

const MAX_ITEMS = 30;
const MAX_ITEM_LENGTH = 120;
const YEAR = String.raw`(?:19|20)\d{2}`;
const MONTH = String.raw`(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?`;
const DATE = String.raw`(?:(?:${MONTH}\s+)?${YEAR}|\d{1,2}/${YEAR})`;
const DATE_RANGE = new RegExp(
  String.raw`${DATE}\s*(?:-|–|—|to|until)\s*(?:${DATE}|present|current|now|today)`,
  "i",
);
const BULLET = /^(?:[-*•▪◦‣]|\d+[.)])\s+/;
const HEADING = /^(?:#{1,6}\s*)?([A-Za-z][A-Za-z &/]{1,40}?)\s*:?\s*$/;

function classifyHeading(line: string): Section | undefined {
  const match = HEADING.exec(line);
  if (!match?.[1] || line.replace(/^#+\s*/, "").split(/\s+/).length > 4) return undefined;
  const name = match[1].toLowerCase();
  if (/experience|employment|work history|career/.test(name)) return "experience";
  if (/project/.test(name)) return "projects";
  if (/skill|technolog|tools|competenc/.test(name)) return "skills";
  if (/education|summary|profile|interests|certific|languages|awards|references|contact/.test(name)) {
    return "other";
  }
  return undefined;
}

function clean(item: string): string {
  const text = item
    .replace(BULLET, "")
    .replace(/[*_`]+/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > MAX_ITEM_LENGTH ? `${text.slice(0, MAX_ITEM_LENGTH - 1)}…` : text;
}

function splitSkills(line: string): string[] {
  const withoutLabel = line.replace(BULLET, "").replace(/^[A-Za-z][A-Za-z &/]{0,30}:\s*/, "");
  return withoutLabel
    .split(/[,;|•]/)
    .map(clean)
    .filter((s) => s.length > 0 && s.length <= 40);
}

function push(list: string[], item: string): void {
  if (item.length === 0 || list.length >= MAX_ITEMS) return;
  if (!list.some((existing) => existing.toLowerCase() === item.toLowerCase())) list.push(item);
}

/**
 * A small deterministic reading of a CV: roles are lines carrying a date range, projects are
 * "Project…" lines or bullets under a Projects heading, skills come from a Skills section (or a
 * "Skills: a, b" line) split on commas. Heuristic by design; it never calls a model.
 * @example summariseDocument("Data Analyst, Acme 2021 - Present\nSkills: SQL, Python").skills // ["SQL", "Python"]
 */
export function summariseDocument(text: string): DocumentSummary {
  const summary: DocumentSummary = { roles: [], projects: [], skills: [] };
  let section: Section = null;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line.length === 0) continue;
    const heading = classifyHeading(line);
    if (heading !== undefined) {
      section = heading;
      continue;
    }
    const inlineSkills = /^(?:[-*•]\s*)?(?:technical\s+)?skills\s*:\s*(.+)$/i.exec(line);
    if (inlineSkills?.[1]) {
      for (const skill of splitSkills(inlineSkills[1])) push(summary.skills, skill);
      continue;
    }
    if (DATE_RANGE.test(line) && (section === null || section === "experience")) {
      push(summary.roles, clean(line));
    } else if (/^(?:[-*•]\s*)?projects?\b\s*[:\-–—]?\s*\S/i.test(line)) {
      push(summary.projects, clean(line.replace(BULLET, "").replace(/^projects?\b\s*[:\-–—]?\s*/i, "")));
    } else if (section === "projects" && BULLET.test(line)) {
      push(summary.projects, clean(line));
    } else if (section === "skills") {
      for (const skill of splitSkills(line)) push(summary.skills, skill);
    }
  }
  return summary;
}
