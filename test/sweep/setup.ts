// vitest globalSetup of the sweep project, so it runs only when test/sweep/ is part of the run: one directory for
// the whole run, named in GATEWAY_E2E_SWEEP_DIR before any test worker starts (they inherit it), removed at the very
// end unless the sweep failed (it leaves a KEEP file, and names the directory in its failure).
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), "gw-e2e-sweep-"));
  process.env.GATEWAY_E2E_SWEEP_DIR = dir;
  return () => {
    if (!existsSync(join(dir, "KEEP"))) rmSync(dir, { recursive: true, force: true });
  };
}
