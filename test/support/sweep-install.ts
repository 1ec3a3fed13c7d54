// vitest setupFiles entry: every test file of the suite records what test/sweep/ checks (see sweep.ts).
import { installSweep } from "./sweep.js";

installSweep();
