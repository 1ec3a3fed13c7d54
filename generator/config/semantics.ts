// Checks the schema cannot express: spec files exist, operation globs match files, public binds have auth,
// credential headers use ${ENV}, prompt arguments are unique, GraphQL filters do not name routes.
import { readdirSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, resolve } from "node:path";
import { isLoopbackHost } from "../../runtime/shared/loopback.js";
import { didYouMean, didYouMeanHelp } from "../../runtime/shared/did-you-mean.js";
import type { Report } from "../diagnostics/diagnostic.js";
import { pathLabel } from "./path-label.js";
import type { UserConfig } from "./user-config.js";
import { globProblem, matchFiles, suggestGlob } from "./file-globs.js";
import { CREDENTIAL_HEADER, ENV_REF } from "./secrets.js";
import { locateKey, locateValue, type SourceFile } from "./yaml-position.js";

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** A file next to where `spec` points whose name is close to it, as the user would write it. */
function nearbyFile(root: string, spec: string): string | undefined {
  let names: string[];
  try {
    names = readdirSync(resolve(root, dirname(spec))).filter((n) => isFile(resolve(root, dirname(spec), n)));
  } catch {
    return undefined;
  }
  const best = didYouMean(basename(spec), names.sort());
  return best === undefined ? undefined : join(dirname(spec), best).split("\\").join("/");
}

/** GW106: every `openapi:` / `graphql:` names an existing file, relative to the config's directory. */
function checkSpecFiles(src: SourceFile, config: UserConfig, root: string, report: Report): void {
  for (const [app, def] of Object.entries(config.apps)) {
    for (const kind of ["openapi", "graphql"] as const) {
      const spec = def[kind];
      if (spec === undefined || isFile(resolve(root, spec))) continue;
      const remote = /^[a-z]+:\/\//i.test(spec);
      const near = remote ? undefined : nearbyFile(root, spec);
      const help = remote
        ? "specs are local files: download it into specs/ and commit it, so builds are reproducible"
        : near !== undefined
          ? `did you mean "${near}"?`
          : `paths are relative to the directory of ${src.file}${isAbsolute(spec) ? "; use a relative path" : ""}`;
      report.error({ code: "GW106", message: `spec file "${spec}" of app "${app}" not found`, file: src.file, ...locateValue(src, ["apps", app, kind]), help });
    }
  }
}

/** GW102 / GW111: each `operations:` glob of a graphql app stays inside the config's directory and matches a file. */
function checkOperationGlobs(src: SourceFile, config: UserConfig, root: string, report: Report): void {
  for (const [app, def] of Object.entries(config.apps)) {
    const written = def.operations;
    if (def.graphql === undefined || written === undefined) continue;
    const globs: [glob: string, path: (string | number)[]][] =
      typeof written === "string" ? [[written, ["apps", app, "operations"]]] : written.map((glob, i) => [glob, ["apps", app, "operations", i]]);
    for (const [glob, path] of globs) {
      const at = { file: src.file, ...locateValue(src, path) };
      const problem = globProblem(glob);
      if (problem !== undefined) {
        report.error({ code: "GW102", message: `${pathLabel(path)} "${glob}" ${problem}`, ...at, help: `write a glob relative to the directory of ${src.file}, with "/" between directories and no "..", such as graphql/${app}/*.graphql` });
        continue;
      }
      if (matchFiles(root, glob).length > 0) continue;
      const near = suggestGlob(root, glob);
      const help = near !== undefined ? `did you mean "${near}"?` : `globs are relative to the directory of ${src.file}; * matches within a directory, ** across directories`;
      report.error({ code: "GW111", message: `${pathLabel(path)} "${glob}" matches no file`, ...at, help });
    }
  }
}

/** GW112: `methods:` and `paths:` select by route, and GraphQL tools have none, so in a graphql app they match nothing. */
function checkRouteFilters(src: SourceFile, config: UserConfig, report: Report): void {
  for (const [app, def] of Object.entries(config.apps)) {
    if (def.graphql === undefined) continue;
    for (const side of ["include", "exclude"] as const) {
      for (const list of ["methods", "paths"] as const) {
        if (def[side]?.[list] === undefined) continue;
        const path = ["apps", app, side, list];
        report.warn({
          code: "GW112",
          message: `${pathLabel(path)} matches nothing: GraphQL tools have no routes`,
          file: src.file,
          ...locateKey(src, path),
          help: `select by name with ${side}.operations (operation or root field names; globs such as "create*" work), and remove ${list}:`,
        });
      }
    }
  }
}

/** GW108: without inbound auth the server must only listen on loopback. */
function checkPublicBind(src: SourceFile, config: UserConfig, report: Report): void {
  const host = config.server?.http?.host;
  if (host === undefined || config.server?.auth || isLoopbackHost(host)) return;
  report.error({
    code: "GW108",
    message: `server.http.host "${host}" is reachable from other machines but server.auth is not set`,
    file: src.file,
    ...locateValue(src, ["server", "http", "host"]),
    help: 'add server.auth.bearer.tokens: ["${GATEWAY_TOKEN}"] or server.auth.oauth: { issuer: https://login.example.com/ }, or bind 127.0.0.1',
  });
}

/** GW109: a prompt argument name used twice would shadow itself in the templates. */
function checkPromptArguments(src: SourceFile, config: UserConfig, report: Report): void {
  for (const [prompt, def] of Object.entries(config.prompts ?? {})) {
    const seen = new Set<string>();
    (def.arguments ?? []).forEach((arg, index) => {
      if (!seen.has(arg.name)) return void seen.add(arg.name);
      const path = ["prompts", prompt, "arguments", index, "name"];
      report.error({ code: "GW109", message: `${pathLabel(path)} repeats argument "${arg.name}"`, file: src.file, ...locateValue(src, path), help: "give each argument of a prompt a different name" });
    });
  }
}

/** GW105 for headers: a credential header (Authorization, X-Api-Key…) must hold an ${ENV} reference too. */
function checkHeaderSecrets(src: SourceFile, config: UserConfig, report: Report): void {
  for (const [app, def] of Object.entries(config.apps)) {
    for (const [name, value] of Object.entries(def.headers ?? {})) {
      if (!CREDENTIAL_HEADER.test(name) || ENV_REF.test(value)) continue;
      const path = ["apps", app, "headers", name];
      const envVar = `${app.toUpperCase()}_${name.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}`;
      report.error({
        code: "GW105",
        message: `${pathLabel(path)} holds a literal credential; secrets in gateway.yaml must be \${ENV} references`,
        file: src.file,
        ...locateValue(src, path),
        help: `replace it with "\${${envVar}}" (or a string containing it) and set ${envVar} where the server runs; for bearer tokens prefer auth: { type: bearer }`,
      });
    }
  }
}

/** GW102: the metrics path must not be one the HTTP listener answers otherwise, which would hide the metrics. */
function checkMetricsPath(src: SourceFile, config: UserConfig, report: Report): void {
  const path = config.server?.metrics?.path;
  if (path === undefined) return;
  const mcp = config.server?.http?.path ?? "/mcp";
  const taken = [mcp, `${mcp.replace(/\/$/, "")}/sessions`, "/healthz", "/readyz"];
  if (!taken.includes(path) && !path.startsWith("/.well-known/")) return;
  report.error({
    code: "GW102",
    message: `server.metrics.path "${path}" is already served by the gateway (${taken.join(", ")} and /.well-known/ are)`,
    file: src.file,
    ...locateValue(src, ["server", "metrics", "path"]),
    help: "pick a path of its own, such as /metrics",
  });
}

/**
 * GW113: a caller allowlist naming no app grants nothing, which a typo makes silently; GW103: `apps_map` maps the
 * values of `apps_claim`, so it cannot stand alone.
 */
function checkCallerApps(src: SourceFile, config: UserConfig, report: Report): void {
  const apps = Object.keys(config.apps).sort();
  const check = (name: string, path: (string | number)[]) => {
    if (Object.hasOwn(config.apps, name)) return;
    const help = didYouMeanHelp(name, apps) ?? `the apps are: ${apps.join(", ")}`;
    report.error({ code: "GW113", message: `${pathLabel(path)} names "${name}", which is not an app of this gateway`, file: src.file, ...locateValue(src, path), help });
  };
  const auth = config.server?.auth;
  auth?.bearer?.tokens.forEach((entry, i) => {
    if (typeof entry !== "string") entry.apps?.forEach((name, j) => check(name, ["server", "auth", "bearer", "tokens", i, "apps", j]));
  });
  const oauth = auth?.oauth;
  if (!oauth?.apps_map) return;
  if (oauth.apps_claim === undefined) {
    const path = ["server", "auth", "oauth", "apps_map"];
    report.error({ code: "GW103", message: `${pathLabel(path)} needs server.auth.oauth.apps_claim: the claim whose values it maps`, file: src.file, ...locateKey(src, path), help: "add apps_claim: with the claim's name (such as groups or roles) beside apps_map" });
  }
  for (const [value, names] of Object.entries(oauth.apps_map)) names.forEach((name, j) => check(name, ["server", "auth", "oauth", "apps_map", value, j]));
}

/** Runs every semantic check on a schema-valid config. */
export function checkSemantics(src: SourceFile, config: UserConfig, root: string, report: Report): void {
  checkSpecFiles(src, config, root, report);
  checkOperationGlobs(src, config, root, report);
  checkRouteFilters(src, config, report);
  checkPublicBind(src, config, report);
  checkHeaderSecrets(src, config, report);
  checkPromptArguments(src, config, report);
  checkMetricsPath(src, config, report);
  checkCallerApps(src, config, report);
}
