// Issue 14's suite-wide check: every log line, answer and audit entry of every gateway the end-to-end suite started,
// grepped for every credential the suite put in play, in every form it could take on the way out (as written,
// base64, base64url, percent-encoded): zero hits. test/support/sweep.ts records both sides while the other files
// run; this file runs after all of them (vitest.config.ts, project "sweep", groupOrder 1) and only reads.
//
// It cannot pass on too little: every file of test/e2e/ must have started its gateways in this very run (so run it
// with the whole suite, `npx vitest run test/e2e test/sweep`, or plain `npx vitest run`), each gateway must have
// written something, and every file whose gateways keep an audit log must have audit lines on disk.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { SWEEP_LAYOUT } from "../support/sweep.js";

const dir = process.env.GATEWAY_E2E_SWEEP_DIR;
const E2E = join(import.meta.dirname, "..", "e2e");
/** End-to-end files that start no gateway, and why. */
const NO_GATEWAY: Record<string, string> = { "graphql-upstream.test.ts": "a self-test of the loopback GraphQL fixture, called with fetch" };

interface Needle {
  file: string;
  origin: string;
  value: string;
}
interface Gateway {
  file: string;
  tag: string;
  server: string;
  auditDir?: string;
}

const jsonLines = <T>(text: string): T[] => text.split("\n").filter(Boolean).map((line) => JSON.parse(line) as T);
const filesOf = (sub: string): string[] => (dir && existsSync(join(dir, sub)) ? readdirSync(join(dir, sub)).sort() : []);
const read = (sub: string, name: string): string => readFileSync(join(dir!, sub, name), "utf8");

let failed = false;
afterAll(() => {
  if (failed && dir) writeFileSync(join(dir, "KEEP"), "");
});

function check(run: () => void): void {
  try {
    run();
  } catch (error) {
    failed = true;
    throw error;
  }
}

const gateways = (): Gateway[] => (dir && existsSync(join(dir, SWEEP_LAYOUT.gateways)) ? jsonLines<Gateway>(readFileSync(join(dir, SWEEP_LAYOUT.gateways), "utf8")) : []);

test("every end-to-end file started its gateways in this run, and each wrote something", () => {
  check(() => {
    expect(dir, "GATEWAY_E2E_SWEEP_DIR is set by test/sweep/setup.ts (the sweep project's globalSetup)").toBeTruthy();
    const expected = readdirSync(E2E).filter((name) => name.endsWith(".test.ts") && !(name in NO_GATEWAY)).sort();
    const started = gateways();
    const seen = new Set(started.map((g) => g.file));
    expect(expected.filter((file) => !seen.has(file)), `files of test/e2e/ that started no gateway in this run: run the sweep with the whole suite (npx vitest run test/e2e test/sweep); a file that starts none belongs in NO_GATEWAY; sweep dir ${dir}`).toEqual([]);
    const out = new Set(filesOf(SWEEP_LAYOUT.out));
    const silent = started.filter((g) => !out.has(`${g.tag}.stderr`) && !out.has(`${g.tag}.stdout`)).map((g) => g.tag);
    expect(silent, "gateways whose output was not recorded").toEqual([]);
    // Answers are recorded for the origins sweep.ts reads from a gateway's "listening on" line: if that line
    // changed, none would be, and nothing else here would notice.
    expect([...out].some((name) => name.endsWith(".http")), "no gateway's HTTP answer was recorded (sweep.ts finds a gateway's origin in its \"listening on\" line)").toBe(true);
  });
});

test("zero hits: no credential in any gateway's log lines, answers or audit entries", () => {
  check(() => {
    const needles = filesOf(SWEEP_LAYOUT.needles).flatMap((name) => jsonLines<Needle>(read(SWEEP_LAYOUT.needles, name)));
    const forms = new Map<string, Needle>();
    for (const needle of needles) {
      for (const form of [needle.value, Buffer.from(needle.value).toString("base64"), Buffer.from(needle.value).toString("base64url"), encodeURIComponent(needle.value)]) {
        if (!forms.has(form)) forms.set(form, needle);
      }
    }
    // Every form is at least 8 characters: index them by their first 8, and slide over each text once.
    const byPrefix = new Map<string, string[]>();
    for (const form of forms.keys()) byPrefix.set(form.slice(0, 8), [...(byPrefix.get(form.slice(0, 8)) ?? []), form]);

    const texts = [...filesOf(SWEEP_LAYOUT.out).map((name) => ({ where: `${SWEEP_LAYOUT.out}/${name}`, text: read(SWEEP_LAYOUT.out, name) })), ...filesOf(SWEEP_LAYOUT.audit).map((name) => ({ where: `${SWEEP_LAYOUT.audit}/${name}`, text: read(SWEEP_LAYOUT.audit, name) }))];
    const hits: string[] = [];
    let bytes = 0;
    for (const { where, text } of texts) {
      bytes += text.length;
      for (let i = 0; i + 8 <= text.length; i++) {
        const candidates = byPrefix.get(text.slice(i, i + 8));
        if (!candidates) continue;
        for (const form of candidates) {
          if (!text.startsWith(form, i)) continue;
          const needle = forms.get(form)!;
          hits.push(`${needle.origin} (from ${needle.file}) in ${where}: …${text.slice(Math.max(0, i - 80), i + form.length + 20)}…`);
        }
      }
    }
    const auditLines = texts.filter((t) => t.where.startsWith(`${SWEEP_LAYOUT.audit}/`)).reduce((n, t) => n + t.text.split("\n").filter(Boolean).length, 0);
    const started = gateways();
    console.log(
      `secret sweep: ${started.length} gateways from ${new Set(started.map((g) => g.file)).size} files; ${new Set(needles.map((n) => n.value)).size} credentials (${forms.size} forms); ` +
        `${texts.length} texts, ${(bytes / 1e6).toFixed(1)} MB, ${auditLines} audit lines; ${hits.length} hits`,
    );
    expect(hits.slice(0, 50), `${hits.length} hits; sweep dir ${dir}`).toEqual([]);
    expect(needles.length).toBeGreaterThan(0);
    expect(bytes).toBeGreaterThan(0);
    // Every file whose gateways keep an audit log has audit lines here.
    const auditFiles = new Set(started.filter((g) => g.auditDir).map((g) => g.file));
    const audited = new Set(filesOf(SWEEP_LAYOUT.audit).map((name) => started.find((g) => name.startsWith(`${g.tag}-`))?.file));
    expect([...auditFiles].filter((file) => !audited.has(file)), "files whose gateways keep an audit log but left no audit file").toEqual([]);
  });
});
