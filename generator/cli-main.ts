// Entry of the CLI bundle that bin/gateway.mjs builds.
export { runCli } from "./cli.js";
