// Audit file rotation under an injected clock: by UTC day, by size, resuming after a restart, flush on close.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { RotatingFile } from "../../../runtime/audit/rotating-file.js";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "gw-audit-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const DAY1 = Date.parse("2026-05-01T23:59:59.000Z");
const DAY2 = Date.parse("2026-05-02T00:00:01.000Z");

function lines(dir: string, name: string): string[] {
  return readFileSync(join(dir, name), "utf8").split("\n").filter(Boolean);
}

describe("RotatingFile", () => {
  test("by day: a new file at UTC midnight, named by the day", async () => {
    const dir = tempDir();
    let now = DAY1;
    const file = new RotatingFile({ dir, rotate: { every: "day" }, now: () => now });
    file.append('{"n":1}');
    file.append('{"n":2}');
    now = DAY2;
    file.append('{"n":3}');
    await file.close();
    expect(readdirSync(dir).sort()).toEqual(["audit-2026-05-01.jsonl", "audit-2026-05-02.jsonl"]);
    expect(lines(dir, "audit-2026-05-01.jsonl")).toEqual(['{"n":1}', '{"n":2}']);
    expect(lines(dir, "audit-2026-05-02.jsonl")).toEqual(['{"n":3}']);
  });

  test("by size: a new file before one would pass max_bytes; no line is split", async () => {
    const dir = tempDir();
    const file = new RotatingFile({ dir, rotate: { every: "size", maxBytes: 100 }, now: () => DAY1 });
    const line = JSON.stringify({ pad: "x".repeat(30) }); // 42 bytes + newline
    for (let i = 0; i < 5; i++) file.append(line);
    await file.close();
    const names = readdirSync(dir).sort();
    expect(names).toEqual(["audit-2026-05-01.1.jsonl", "audit-2026-05-01.2.jsonl", "audit-2026-05-01.jsonl"]);
    for (const name of names) expect(readFileSync(join(dir, name)).length).toBeLessThanOrEqual(100);
    expect(names.flatMap((n) => lines(dir, n))).toHaveLength(5);
  });

  test("by size: a line longer than max_bytes still gets written, alone in its file", async () => {
    const dir = tempDir();
    const file = new RotatingFile({ dir, rotate: { every: "size", maxBytes: 10 }, now: () => DAY1 });
    file.append("x".repeat(50));
    file.append("y".repeat(50));
    await file.close();
    expect(readdirSync(dir)).toHaveLength(2);
  });

  test("after a restart, size rotation continues today's last file and counts its bytes", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "audit-2026-05-01.jsonl"), "a".repeat(60) + "\n");
    writeFileSync(join(dir, "audit-2026-05-01.1.jsonl"), "b".repeat(60) + "\n");
    const file = new RotatingFile({ dir, rotate: { every: "size", maxBytes: 100 }, now: () => DAY1 });
    expect(file.current).toBe("audit-2026-05-01.1.jsonl");
    file.append("c".repeat(20)); // fits: 61 + 21
    file.append("d".repeat(20)); // would pass 100: next file
    await file.close();
    expect(lines(dir, "audit-2026-05-01.1.jsonl")).toEqual(["b".repeat(60), "c".repeat(20)]);
    expect(lines(dir, "audit-2026-05-01.2.jsonl")).toEqual(["d".repeat(20)]);
  });

  test("creates the directory, appends to an existing day file, and flushes everything on close", async () => {
    const dir = join(tempDir(), "nested", "audit");
    const first = new RotatingFile({ dir, rotate: { every: "day" }, now: () => DAY1 });
    for (let i = 0; i < 1000; i++) first.append(`{"i":${i}}`);
    await first.close();
    const second = new RotatingFile({ dir, rotate: { every: "day" }, now: () => DAY1 });
    second.append('{"i":"again"}');
    await second.close();
    const all = lines(dir, "audit-2026-05-01.jsonl");
    expect(all).toHaveLength(1001);
    expect(all.at(-1)).toBe('{"i":"again"}');
  });

  test("a write error is reported once and never thrown", async () => {
    const dir = tempDir();
    const errors: Error[] = [];
    const file = new RotatingFile({ dir, rotate: { every: "day" }, now: () => DAY1, onError: (e) => errors.push(e) });
    rmSync(dir, { recursive: true, force: true });
    writeFileSync(dir, "not a directory");
    expect(() => file.append("{}")).not.toThrow();
    expect(() => file.append("{}")).not.toThrow();
    await file.close();
    expect(errors).toHaveLength(1);
  });
});
