// Layering rules, checked in CI by `npm run lint:layers` (dependency-cruiser). Type-only imports count: generated/
// and the generator must stay apart from the runtime's internals even in their types.
//
//   generated/  → its own modules and its own contract.ts only (so it reads the same wherever the package sits)
//   runtime/    → never generator/
//   generator/  → of runtime/, only contract.ts and runtime/shared/ (what build time and run time must agree on)
//   runtime/shared/ → runtime/contract.ts and itself only: pure functions, safe for both sides to run
//   generator/passes/ → never generator/sources/ (passes work on the plan IR, whatever the source)
//   no import cycles anywhere, and every import resolves
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "An import cycle: split the shared part into a module both sides import.",
      from: { path: "^(generator|runtime|generated)/" },
      to: { circular: true },
    },
    {
      name: "no-unresolvable",
      severity: "error",
      comment: "An import that resolves to no file (a moved or deleted module).",
      from: { path: "^(generator|runtime|generated)/" },
      to: { couldNotResolve: true },
    },
    {
      name: "runtime-not-generator",
      severity: "error",
      comment: "runtime/ is bundled into every server: it must not pull in the build-time compiler.",
      from: { path: "^runtime/" },
      to: { path: "^generator/" },
    },
    {
      name: "generated-self-contained",
      severity: "error",
      comment: "generated/ imports only its own modules and its own contract.ts (a copy of runtime/contract.ts), never the runtime or a package.",
      from: { path: "^generated/" },
      to: { pathNot: "^generated/" },
    },
    {
      name: "generated-app-folders",
      severity: "error",
      comment: "A module in generated/<app>/ imports its siblings and ../contract.js, not another app's modules.",
      from: { path: "^generated/([^/]+)/" },
      to: { path: "^generated/", pathNot: ["^generated/$1/", "^generated/contract\\.ts$"] },
    },
    {
      name: "passes-not-sources",
      severity: "error",
      comment: "Passes work on the ToolPlan IR, whatever the source: take what they need from generator/plan/.",
      from: { path: "^generator/passes/" },
      to: { path: "^generator/sources/" },
    },
    {
      name: "generator-runtime-shared-only",
      severity: "error",
      comment:
        "The generator may import from runtime/ only the contract and runtime/shared/: the code build time and run time must agree on (param styles, the search tokenizer and index format, loopback, did-you-mean, JSON pointers).",
      from: { path: "^generator/" },
      to: {
        path: "^runtime/",
        pathNot: ["^runtime/shared/", "^runtime/contract\\.ts$"],
      },
    },
    {
      name: "shared-is-pure",
      severity: "error",
      comment:
        "runtime/shared/ holds pure functions the generator and the runtime both run: it imports only runtime/contract.ts and other shared modules (no packages, no node: built-ins).",
      from: { path: "^runtime/shared/" },
      to: { pathNot: ["^runtime/shared/", "^runtime/contract\\.ts$"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|\\.cache|dist)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".js", ".mjs", ".cjs", ".json", ".d.ts"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
