// The package's public API (`import { build } from "mcp-gateway-compiler"`): the compiler, and the contract types
// that generated/ modules and the runtime share. The CLI (`gateway build`) is the usual way in; this is for scripts.
export { build, type BuildOptions, type BuildResult } from "./build.js";
export type * from "../runtime/contract.js";
