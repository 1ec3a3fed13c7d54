// The replica deployment files agree with the server and with each other: Docker cannot run here, so what can be
// checked is — haproxy accepts deploy/haproxy.cfg, the image's command line parses, deploy/gateway.yaml builds, and
// compose, haproxy and Kubernetes name the same replicas, port, probes and Redis URL.

import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import type { GatewayRuntime } from "../../../runtime/contract.js";
import { parseArgs } from "../../../runtime/main-args.js";
import { buildProject } from "../../support/project.js";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");
const yaml = (path: string) => parse(read(path)) as Record<string, any>;

/** The Dockerfile's last CMD, as the exec-form array it is written in. */
function dockerCmd(): string[] {
  const lines = read("Dockerfile").split("\n").filter((line) => line.startsWith("CMD "));
  return JSON.parse(lines.at(-1)!.slice("CMD ".length)) as string[];
}

describe("deploy files", () => {
  test("haproxy accepts deploy/haproxy.cfg", () => {
    const bin = ["haproxy", "/usr/sbin/haproxy"].find((b) => spawnSync(b, ["-v"], { stdio: "ignore" }).status === 0);
    expect(bin, "haproxy is not installed: apt-get install -y --no-install-recommends haproxy (CI does, in .ci/run)").toBeDefined();
    const check = spawnSync(bin!, ["-c", "-f", join(ROOT, "deploy", "haproxy.cfg")], { encoding: "utf8" });
    expect(check.status, check.stdout + check.stderr).toBe(0);
  });

  test("the image runs dist/server.mjs over HTTP on 0.0.0.0:3000, as a non-root user, with flags the server accepts", () => {
    const cmd = dockerCmd();
    expect(cmd.slice(0, 2)).toEqual(["node", "dist/server.mjs"]);
    const gateway = { server: { http: { host: "127.0.0.1", port: 3000, path: "/mcp" } }, mode: "static" } as unknown as GatewayRuntime;
    const options = parseArgs(cmd.slice(2), gateway, []);
    expect(options).toMatchObject({ stdio: false, host: "0.0.0.0", port: 3000 });
    expect(read("Dockerfile")).toMatch(/^USER node$/m);
  });

  test("deploy/gateway.yaml builds from the repository root and has inbound auth (required off loopback)", async () => {
    const config = read("deploy/gateway.yaml");
    expect(parse(config).server.auth).toBeDefined();
    const project = await buildProject(
      { "gateway.yaml": config, "specs/celigo.yaml": read("specs/celigo.yaml"), "specs/ably.json": read("specs/ably.json") },
      { bundle: false },
    );
    rmSync(project.root, { recursive: true, force: true });
  });

  test("compose: three replicas of one image on one Redis, behind the haproxy of deploy/haproxy.cfg", () => {
    const compose = parse(read("deploy/compose.yaml"), { merge: true }) as Record<string, any>;
    const replicas = Object.keys(compose.services).filter((name) => /^gateway\d+$/.test(name));
    expect(replicas).toEqual(["gateway1", "gateway2", "gateway3"]);
    for (const name of replicas) {
      expect(compose.services[name].environment.REDIS_URL).toBe("redis://redis:6379/0");
      expect(compose.services[name].build.args.CONFIG).toBe("deploy/gateway.yaml");
    }
    const haproxy = read("deploy/haproxy.cfg");
    const servers = [...haproxy.matchAll(/^\s*server (\S+) (\S+)$/gm)].map((m) => [m[1], m[2]]);
    expect(servers).toEqual(replicas.map((name) => [name, `${name}:3000`]));
    expect(haproxy).toMatch(/^\s*balance roundrobin$/m);
    expect(haproxy).not.toMatch(/\b(cookie|stick|prefer-last-server)\b/);
    expect(compose.services.haproxy.volumes[0]).toMatch(/^\.\/haproxy\.cfg:/);
  });

  test("kubernetes: three replicas, probes on /healthz and /readyz, REDIS_URL from the Secret, a Service with no affinity", () => {
    const deployment = yaml("deploy/k8s/deployment.yaml");
    const service = yaml("deploy/k8s/service.yaml");
    const secret = yaml("deploy/k8s/secret.yaml");
    for (const path of ["deploy/k8s/deployment.yaml", "deploy/k8s/service.yaml", "deploy/k8s/secret.yaml"]) {
      expect(parseAllDocuments(read(path)).flatMap((d) => d.errors), path).toEqual([]);
    }
    expect(deployment.spec.replicas).toBe(3);
    const container = deployment.spec.template.spec.containers[0];
    expect(container.args).toBeUndefined();
    expect(container.ports[0].containerPort).toBe(3000);
    expect(container.livenessProbe.httpGet.path).toBe("/healthz");
    expect(container.readinessProbe.httpGet.path).toBe("/readyz");
    const redisUrl = container.env.find((e: { name: string }) => e.name === "REDIS_URL");
    expect(redisUrl.valueFrom.secretKeyRef).toEqual({ name: secret.metadata.name, key: "REDIS_URL" });
    for (const e of container.env) if (e.valueFrom) expect(Object.keys(secret.stringData)).toContain(e.valueFrom.secretKeyRef.key);
    expect(deployment.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
    expect(service.spec.selector).toEqual(deployment.spec.template.metadata.labels);
    expect(service.spec.sessionAffinity).toBe("None");
  });
});
