import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/.cache/**", "**/dist/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // 2-core machines: end-to-end files spawn servers and builds of their own.
    maxWorkers: 2,
  },
});
