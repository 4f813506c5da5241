import type { KnownBlock } from "@slack/types";

/** The visible text of a block (already escaped), for the per-message budget and the `text` fallback. */
export function blockText(block: KnownBlock): string {
  switch (block.type) {
    case "section":
      return [block.text?.text ?? "", ...(block.fields ?? []).map((field) => field.text)]
        .filter(Boolean)
        .join("\n");
    case "header":
      return block.text.text;
    case "context":
      return block.elements.map((element) => ("text" in element ? element.text : "")).join(" ");
    case "actions":
      return `Buttons: ${block.elements
        .map((element) => (element.type === "button" ? element.text.text : ""))
        .filter(Boolean)
        .join(", ")}`;
    default:
      return "";
  }
}
