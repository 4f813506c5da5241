/**
 * The document's time limit counts parsing, not the parser child's start-up. A busy machine is
 * played by freezing the child with SIGSTOP (a process that gets no CPU) and thawing it later:
 * no test here measures how long CPU work takes, and none depends on how fast this machine is.
 */
import type { ChildProcess } from "node:child_process";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DocumentError, type DocumentErrorReason } from "../../src/documents/document-error.ts";
import { extractDocument } from "../../src/documents/extract.ts";
import { buildDocx, buildPdf } from "./fixtures.ts";

/** What the test does to each parser child the moment it is forked. */
const onFork = vi.hoisted(() => ({ current: null as ((child: ChildProcess) => void) | null }));

vi.mock("node:child_process", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:child_process")>();
  return {
    ...real,
    fork: (...args: Parameters<typeof real.fork>) => {
      const child = real.fork(...args);
      onFork.current?.(child);
      return child;
    },
  };
});

afterEach(() => {
  onFork.current = null;
  vi.useRealTimers();
});

/** The real setTimeout, for polling while the clocks under test are fake. */
const realSetTimeout = globalThis.setTimeout;

async function reasonOf(promise: Promise<unknown>): Promise<DocumentErrorReason> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DocumentError);
  return (error as DocumentError).reason;
}

/** Freezes each child as soon as it exists and thaws it `ms` later: a start-up starved of CPU. */
function slowStart(ms: number): void {
  onFork.current = (child) => {
    child.kill("SIGSTOP");
    setTimeout(() => child.kill("SIGCONT"), ms).unref();
  };
}

/** Freezes each child for good once it says it is ready: a document that never finishes parsing. */
function hangAfterReady(): { readonly readySeen: () => boolean } {
  let seen = false;
  onFork.current = (child) => {
    child.on("message", (message: { ready?: boolean }) => {
      if (message.ready) {
        seen = true;
        child.kill("SIGSTOP");
      }
    });
  };
  return { readySeen: () => seen };
}

/** A real two-paragraph DOCX of about 900 bytes, the size that was refused under load. */
const smallDocx = (): Uint8Array =>
  buildDocx(["Jane Doe, Data Analyst at Acme since 2019", "Skills: Python, SQL, Tableau"]);

describe("the parser child's clocks", () => {
  it("does not count a start-up slower than the document limit against the document", async () => {
    const docx = smallDocx();
    expect(docx.length).toBeGreaterThan(800);
    expect(docx.length).toBeLessThan(1100);
    slowStart(3_000);

    const doc = await extractDocument(docx, { timeoutMs: 2_000 });

    expect(doc).toMatchObject({ type: "docx", text: expect.stringContaining("Jane Doe, Data Analyst") });
  });

  it("still reads a PDF after a slow start", async () => {
    slowStart(3_000);
    const doc = await extractDocument(buildPdf(["Jane Doe Data Analyst"]), { timeoutMs: 2_000 });
    expect(doc.text).toBe("Jane Doe Data Analyst");
  });

  it("gives up on a child that never gets ready at the hard cap, without blaming the file", async () => {
    onFork.current = (child) => child.kill("SIGSTOP");
    const reason = await reasonOf(extractDocument(smallDocx(), { hardTimeoutMs: 1_000 }));
    expect(reason).toBe("unavailable");
  });

  it("times out a parse that runs past the document limit once the child is ready", async () => {
    const hang = hangAfterReady();
    const reason = await reasonOf(extractDocument(buildPdf(["slow"]), { timeoutMs: 500 }));
    expect(hang.readySeen()).toBe(true);
    expect(reason).toBe("timeout");
  });

  it("stops a ready parse at the hard cap too, as too slow", async () => {
    // The hard cap counts from fork, start-up included, and a busy machine can take longer than the cap to
    // start the child. On a fake clock the cap passes only once the child is ready (and frozen there).
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const hang = hangAfterReady();
    const outcome = reasonOf(
      extractDocument(buildPdf(["slow"]), { timeoutMs: 60_000, hardTimeoutMs: 1_500 }),
    );
    while (!hang.readySeen()) await new Promise((resolve) => realSetTimeout(resolve, 10));
    vi.advanceTimersByTime(1_500);
    expect(await outcome).toBe("timeout");
  });
});
