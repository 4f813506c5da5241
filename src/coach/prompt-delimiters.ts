/**
 * Candidate text sits inside the prompt's own tags (<candidate_answer>, <candidate_cv>, …). A
 * literal "</candidate_answer>" in an answer, a CV or a company name would end the data block
 * early and let the rest read as instructions. Any tag that names one of the prompt's delimiters
 * is rewritten with square brackets ("[/candidate_answer]"): still readable to the model as what
 * the candidate wrote, no longer a tag. Matching ignores case, spaces, invisible characters and
 * look-alike brackets, slashes and letters (full-width "＜", Cyrillic "а").
 */

const OPEN = "<＜﹤〈〈‹⟨❮⟪《";
const CLOSE = ">＞﹥〉〉›⟩❯⟫》";
const SLASHES = "/／∕⁄⧸";
const TAG = new RegExp(
  `[${OPEN}]\\s*([${SLASHES}]?)\\s*([\\p{L}\\p{N}_\\-][\\p{L}\\p{N}_\\-\\s]{0,60}?)\\s*([${SLASHES}]?)\\s*[${CLOSE}]`,
  "gu",
);

/** Letters from other scripts that look like the Latin ones tag names are made of. */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  а: "a",
  в: "b",
  с: "c",
  ԁ: "d",
  е: "e",
  һ: "h",
  і: "i",
  ј: "j",
  к: "k",
  м: "m",
  н: "h",
  о: "o",
  р: "p",
  ԛ: "q",
  ѕ: "s",
  т: "t",
  у: "y",
  х: "x",
  ԝ: "w",
  α: "a",
  ε: "e",
  ι: "i",
  κ: "k",
  ν: "v",
  ο: "o",
  ρ: "p",
  τ: "t",
  υ: "u",
  χ: "x",
};

/** A tag name as a person would read it: "Candidate Answer", "ＣＶ" and "сv" all read as a delimiter. */
export function canonicalTagName(name: string): string {
  return Array.from(name.normalize("NFKC").toLowerCase())
    .map((char) => LOOK_ALIKES[char] ?? char)
    .join("")
    .replace(/[\s-]+/gu, "_");
}

/**
 * Tag names used in a prompt template, e.g. "candidate_cv" from "<candidate_cv>", with the short
 * form a reader would take for the same tag ("cv", "answer", "evaluations").
 */
export function delimiterNamesIn(template: string): Set<string> {
  const names = [...template.matchAll(/<\/?([a-z][a-z0-9_]*)>/g)].map((match) => match[1] ?? "");
  return new Set(names.flatMap((name) => [name, name.replace(/^(?:candidate|interview)_/u, "")]));
}

/** The value with every opening or closing tag of the given delimiters turned into plain text. */
export function neutraliseDelimiters(value: string, delimiters: ReadonlySet<string>): string {
  return value.replace(/\p{Cf}/gu, "").replace(TAG, (tag, before: string, name: string, after: string) => {
    if (!delimiters.has(canonicalTagName(name))) return tag;
    return `[${before ? "/" : ""}${name.trim()}${after ? "/" : ""}]`;
  });
}
