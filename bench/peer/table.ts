import type { SubjectResult } from "./measure.ts";

type Figures = { readonly [K in keyof SubjectResult]: SubjectResult[K] };

interface Row {
  readonly label: string;
  readonly value: (result: Figures) => number | null;
  readonly format: (value: number) => string;
  /** Checked against the SecondRound figure, or against the ratio when `onRatio` is set. */
  readonly target?: {
    readonly text: string;
    readonly met: (value: number) => boolean;
    readonly onRatio?: true;
  };
}

const ms = (value: number) => `${value.toFixed(2)} ms`;
const us = (value: number) => `${value.toFixed(0)} µs`;
const kb = (value: number) => `${(value / 1024).toFixed(1)} KB`;
const mb = (value: number) => `${(value / 1024 / 1024).toFixed(0)} MB`;
const plain = (digits: number) => (value: number) => value.toFixed(digits);

/** CPU at the last answer over CPU at the first: how cost grows with the length of the thread. */
const cpuGrowth = (result: Figures) => result.cpuLastAnswerUs / result.cpuFirstAnswerUs;

const ROWS: readonly Row[] = [
  {
    label: "Redis round trips / answer (sequential)",
    value: (r) => r.roundTripsPerAnswer,
    format: plain(2),
    target: { text: "<= 2", met: (v) => v <= 2 },
  },
  { label: "Redis commands sent / answer", value: (r) => r.clientCommandsPerAnswer, format: plain(2) },
  {
    label: "Redis commands run / answer (incl. Lua)",
    value: (r) => r.serverCommandsPerAnswer,
    format: plain(2),
  },
  {
    label: "sequential latency p50",
    value: (r) => r.p50Ms,
    format: ms,
    target: { text: "ratio <= 0.5", met: (v) => v <= 0.5, onRatio: true },
  },
  { label: "sequential latency p99", value: (r) => r.p99Ms, format: ms },
  { label: "  p50, coach time removed", value: (r) => r.p50NoCoachMs, format: ms },
  { label: "  p99, coach time removed", value: (r) => r.p99NoCoachMs, format: ms },
  {
    label: "throughput, all threads in flight",
    value: (r) => r.answersPerSecond,
    format: (v) => `${v.toFixed(0)} /s`,
    target: { text: "ratio >= 2", met: (v) => v >= 2, onRatio: true },
  },
  { label: "  answers given / thread", value: (r) => r.answersPerThread, format: plain(2) },
  { label: "  answers until finished / thread", value: (r) => r.answersToFinishPerThread, format: plain(2) },
  { label: "Node CPU / answer (throughput)", value: (r) => r.cpuPerAnswerUs, format: us },
  { label: "Node CPU / answer at answer 1", value: (r) => r.cpuFirstAnswerUs, format: us },
  { label: "Node CPU / answer at last answer", value: (r) => r.cpuLastAnswerUs, format: us },
  {
    label: "  last / first",
    value: cpuGrowth,
    format: plain(2),
    target: { text: "<= 1.2", met: (v) => v <= 1.2 },
  },
  {
    label: "Redis bytes / session after A answers",
    value: (r) => r.redisBytesPerSession,
    format: kb,
    target: { text: "<= 8 KB", met: (v) => v <= 8 * 1024 },
  },
  { label: "Redis bytes / session, finished", value: (r) => r.redisBytesPerFinishedSession, format: kb },
  { label: "RSS / session, threads in flight", value: (r) => r.rssPerSession, format: kb },
  { label: "  arrayBuffers / session", value: (r) => r.arrayBuffersPerSession, format: kb },
  { label: "  heapUsed / session", value: (r) => r.heapPerSession, format: kb },
  { label: "RSS / session, finished", value: (r) => r.rssPerFinishedSession, format: kb },
  { label: "  heapUsed / session, finished", value: (r) => r.heapPerFinishedSession, format: kb },
  { label: "RSS, threads in flight, after GC", value: (r) => r.rssInFlight, format: mb },
  {
    label: "  after a memory-reducing GC",
    value: (r) => r.rssInFlightReduced,
    format: mb,
    target: { text: "<= 300 MB", met: (v) => v <= 300 * 1024 * 1024 },
  },
  { label: "RSS, all finished, after GC", value: (r) => r.rssFinished, format: mb },
  {
    label: "  after a memory-reducing GC",
    value: (r) => r.rssFinishedReduced,
    format: mb,
    target: { text: "<= 150 MB", met: (v) => v <= 150 * 1024 * 1024 },
  },
  { label: "peak RSS", value: (r) => r.peakRss, format: mb },
];

/** metric | vercel/chat | SecondRound | ratio (SecondRound / vercel) | target (on SecondRound) */
export function renderTable(vercel: Figures, secondRound: Figures): string {
  const lines = ROWS.map((row) => {
    const v = row.value(vercel);
    const s = row.value(secondRound);
    const ratio = v !== null && s !== null && v !== 0 ? s / v : null;
    const checked = row.target?.onRatio ? ratio : s;
    const verdict =
      row.target && checked !== null
        ? `${row.target.text} ${row.target.met(checked) ? "met" : "MISSED"}`
        : "";
    return [
      row.label,
      v === null ? "-" : row.format(v),
      s === null ? "-" : row.format(s),
      ratio === null ? "-" : `${ratio.toFixed(2)}x`,
      verdict,
    ];
  });
  const header = ["metric", "vercel/chat", "SecondRound", "ratio SR/vc", "target (SecondRound)"];
  const widths = header.map((_, column) =>
    Math.max(...[header, ...lines].map((cells) => cells[column]?.length ?? 0)),
  );
  const render = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join(" | ");
  return [render(header), widths.map((width) => "-".repeat(width)).join("-|-"), ...lines.map(render)].join(
    "\n",
  );
}
