/**
 * Samples the peak resident set (VmHWM) of this process's child processes from /proc, so the
 * hostile-document test can report what each parser child really used. Linux only: elsewhere
 * `supported` is false and no figures are recorded. Sampling can miss the last few ms of a child.
 */
import { readdirSync, readFileSync } from "node:fs";

export type ChildRssSampler = {
  readonly supported: boolean;
  /** Highest VmHWM seen (bytes) among children first seen between `from` and `to` (ms epoch). */
  peakBetween(from: number, to?: number): number;
  stop(): void;
};

function readChildren(): number[] {
  const pids: number[] = [];
  for (const task of readdirSync("/proc/self/task")) {
    let list = "";
    try {
      list = readFileSync(`/proc/self/task/${task}/children`, "utf8");
    } catch {
      continue;
    }
    for (const pid of list.trim().split(/\s+/)) if (pid) pids.push(Number(pid));
  }
  return pids;
}

function vmHwmBytes(pid: number): number | null {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export function startChildRssSampler(intervalMs = 20): ChildRssSampler {
  let supported = false;
  try {
    readChildren();
    supported = true;
  } catch {
    supported = false;
  }
  const children = new Map<number, { firstSeen: number; peak: number }>();
  const sample = (): void => {
    const now = Date.now();
    for (const pid of readChildren()) {
      const hwm = vmHwmBytes(pid);
      if (hwm === null) continue;
      const known = children.get(pid);
      if (known) known.peak = Math.max(known.peak, hwm);
      else children.set(pid, { firstSeen: now, peak: hwm });
    }
  };
  const timer = supported ? setInterval(sample, intervalMs) : undefined;
  timer?.unref();
  return {
    supported,
    peakBetween(from, to = Number.POSITIVE_INFINITY) {
      let peak = 0;
      for (const child of children.values()) {
        if (child.firstSeen >= from && child.firstSeen <= to) peak = Math.max(peak, child.peak);
      }
      return peak;
    },
    stop() {
      if (timer) clearInterval(timer);
    },
  };
}
