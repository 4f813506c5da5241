/** ANSI styling only when writing to a terminal; piped output stays plain text. */
export interface TerminalStyle {
  bold(text: string): string;
  dim(text: string): string;
  accent(text: string): string;
}

const ESC = "\u001b[";

export function terminalStyle(color: boolean): TerminalStyle {
  if (!color) return { bold: (text) => text, dim: (text) => text, accent: (text) => text };
  return {
    bold: (text) => `${ESC}1m${text}${ESC}22m`,
    dim: (text) => `${ESC}2m${text}${ESC}22m`,
    accent: (text) => `${ESC}36m${text}${ESC}39m`,
  };
}
