import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/.cache/**", "**/dist/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // End-to-end files spawn servers and builds of their own: more files at once and they compete for the CPU
    // their timeouts assume.
    maxWorkers: 2,
  },
});
