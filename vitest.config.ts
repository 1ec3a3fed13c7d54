import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    exclude: ["**/node_modules/**", "**/.cache/**", "**/dist/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // End-to-end files spawn servers and builds of their own: more files at once and they compete for the CPU
    // their timeouts assume.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: "suite", include: ["test/**/*.test.ts"], exclude: ["**/node_modules/**", "**/.cache/**", "**/dist/**", "test/sweep/**"], setupFiles: ["test/support/sweep-install.ts"] },
      },
      // The secret sweep greps what every other file's gateways wrote, so it runs after all of them (a later
      // groupOrder), and only when it is part of the run: its globalSetup starts the recording.
      {
        extends: true,
        test: { name: "sweep", include: ["test/sweep/**/*.test.ts"], globalSetup: ["test/sweep/setup.ts"], sequence: { groupOrder: 1 } },
      },
    ],
  },
});
