import { type Canvas, createCanvas } from "@napi-rs/canvas";
import { Chart, type ChartConfiguration, type ChartItem, type Plugin, registerables } from "chart.js";
import { COMPETENCY_LABELS } from "../core/model/interview-vocabulary.ts";
import type { ProgressEntry } from "../core/model/progress-entry.ts";
import { progressFigures, shortDate } from "./progress-figures.ts";

/** The picture's size in pixels: wide enough for a year of dates, readable in a chat preview. */
export const CHART_WIDTH = 1000;
export const CHART_HEIGHT = 600;
const LINE_PANEL_WIDTH = 580;

Chart.register(...registerables);

/** Chart.js leaves the canvas transparent; chat clients in dark mode would show black on black. */
const whiteBackground: Plugin = {
  id: "white-background",
  beforeDraw(chart) {
    const { ctx } = chart;
    ctx.save();
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

/**
 * The member's progress as a PNG: overall score over time (left) and each core competency's
 * average score across their interviews (right). Drawn by Chart.js on a Skia canvas in this
 * process, no browser; no animation, fixed size and pixel ratio, so the same history always gives
 * the same picture. Call it with at least one entry (an empty history gets NO_PROGRESS_YET instead).
 */
export async function renderProgressChart(entries: readonly ProgressEntry[]): Promise<Buffer> {
  const figures = progressFigures(entries);
  const line = drawChart(LINE_PANEL_WIDTH, {
    type: "line",
    data: {
      labels: figures.scored.map((entry) => shortDate(entry.finishedAt)),
      datasets: [
        {
          label: "Overall score",
          data: figures.scored.map((entry) => entry.overallScore),
          borderColor: "#2563eb",
          backgroundColor: "#2563eb",
          pointRadius: 5,
          borderWidth: 3,
        },
      ],
    },
    options: {
      ...fixed(),
      plugins: {
        title: { display: true, text: "Overall score over time", font: { size: 18 } },
        legend: { display: false },
      },
      scales: { y: { min: 0, max: 100, title: { display: true, text: "Score (0-100)" } } },
    },
  });
  const bars = drawChart(CHART_WIDTH - LINE_PANEL_WIDTH, {
    type: "bar",
    data: {
      // Two lines where needed, so long names are not cut off at the panel's edge.
      labels: figures.competencies.map((item) => [
        COMPETENCY_LABELS[item.competency],
        item.asked === 0 ? "never asked" : item.average === null ? "not scored" : `${item.average}`,
      ]),
      datasets: [
        {
          label: "Average score",
          data: figures.competencies.map((item) => item.average ?? 0),
          backgroundColor: figures.competencies.map((item) => bandColour(item.average)),
        },
      ],
    },
    options: {
      ...fixed(),
      indexAxis: "y",
      plugins: {
        title: { display: true, text: "Competency coverage", font: { size: 18 } },
        legend: { display: false },
      },
      scales: { x: { min: 0, max: 100, title: { display: true, text: "Average score" } } },
    },
  });
  const canvas = createCanvas(CHART_WIDTH, CHART_HEIGHT);
  const context = canvas.getContext("2d");
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, CHART_WIDTH, CHART_HEIGHT);
  context.drawImage(line.canvas, 0, 0);
  context.drawImage(bars.canvas, LINE_PANEL_WIDTH, 0);
  // Destroying a chart clears its canvas: only once both are copied.
  line.chart.destroy();
  bars.chart.destroy();
  return canvas.encode("png");
}

/** Rendered once, at the size given: no animation, no resizing, one pixel per CSS pixel. */
function fixed() {
  return { animation: false, responsive: false, devicePixelRatio: 1, layout: { padding: 16 } } as const;
}

function drawChart(width: number, configuration: ChartConfiguration): { canvas: Canvas; chart: Chart } {
  const canvas = createCanvas(width, CHART_HEIGHT);
  // Chart.js takes any 2D context that behaves like the browser's; Skia's does.
  const chart = new Chart(canvas.getContext("2d") as unknown as ChartItem, {
    ...configuration,
    plugins: [whiteBackground],
  });
  return { canvas, chart };
}

/** The rubric's bands: not yet, almost, ready; grey when never scored. */
function bandColour(average: number | null): string {
  if (average === null) return "#9ca3af";
  if (average < 55) return "#dc2626";
  if (average < 75) return "#d97706";
  return "#16a34a";
}
