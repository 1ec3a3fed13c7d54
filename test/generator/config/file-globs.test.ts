// matchFiles / suggestGlob over temporary directory trees: what matches, what is skipped, where symlinks lead.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { globProblem, matchFiles, suggestGlob } from "../../../generator/config/file-globs.js";

/** Directories matchFiles read, to prove it reads only those its glob can reach. */
const reads = vi.hoisted(() => [] as string[]);
vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  return { ...fs, readdirSync: (...args: Parameters<typeof fs.readdirSync>) => (reads.push(String(args[0])), fs.readdirSync(...args)) };
});

let base: string;
let root: string;

/** Creates each file (a path ending in `/` is a directory) under `dir`. */
function tree(dir: string, paths: string[]): void {
  for (const path of paths) {
    if (path.endsWith("/")) mkdirSync(join(dir, path), { recursive: true });
    else {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), "query Q { a }\n");
    }
  }
}

beforeAll(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), "gateway-globs-")));
  root = join(base, "repo");
  tree(root, [
    "top.graphql",
    "B.graphql",
    "notes.md",
    "dir.graphql/",
    ".hidden.graphql",
    "graphql/github/issues.graphql",
    "graphql/github/repo.graphql",
    "graphql/github/v1.graphql",
    "graphql/github/v10.graphql",
    "graphql/github/deep/nested/pulls.graphql",
    "graphql/shop/{a,b}.graphql",
    "graphql/shop/orders.gql",
    "node_modules/pkg/x.graphql",
    ".git/x.graphql",
    ".github/ops/ci.graphql",
    "other/y.graphql",
  ]);
  tree(base, ["outside/secret.graphql", "outside-file.graphql"]);
  symlinkSync(join(root, "graphql/shop"), join(root, "shop-link"), "dir"); // inside the root
  symlinkSync(join(base, "outside"), join(root, "escape"), "dir"); // out of the root
  symlinkSync(join(base, "outside-file.graphql"), join(root, "graphql/escape.graphql"), "file");
  symlinkSync(join(root, "graphql/github/issues.graphql"), join(root, "graphql/issues-link.graphql"), "file");
  symlinkSync(root, join(root, "graphql/loop"), "dir"); // a cycle for `**`
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

beforeEach(() => {
  reads.length = 0;
});

const CASES: [string, { given: string; want: string[] }][] = [
  ["a literal file", { given: "graphql/github/repo.graphql", want: ["graphql/github/repo.graphql"] }],
  ["* stays within one directory; directories never match", { given: "*.graphql", want: ["B.graphql", "top.graphql"] }],
  ["* inside a path", { given: "graphql/*/repo.graphql", want: ["graphql/github/repo.graphql"] }],
  ["? is one character", { given: "graphql/github/v?.graphql", want: ["graphql/github/v1.graphql"] }],
  [
    "** spans any number of directories, none included",
    { given: "graphql/github/**/*.graphql", want: ["graphql/github/deep/nested/pulls.graphql", "graphql/github/issues.graphql", "graphql/github/repo.graphql", "graphql/github/v1.graphql", "graphql/github/v10.graphql"] },
  ],
  ["a final ** is every file below", { given: "graphql/shop/**", want: ["graphql/shop/orders.gql", "graphql/shop/{a,b}.graphql"] }],
  ["braces are literal (no expansion)", { given: "graphql/shop/{a,b}.graphql", want: ["graphql/shop/{a,b}.graphql"] }],
  ["./ and doubled slashes are ignored", { given: "./graphql//shop/*.gql", want: ["graphql/shop/orders.gql"] }],
  ["wildcards skip dot-files, dot-directories and node_modules", { given: "**/x.graphql", want: [] }],
  ["a dot-directory named literally is entered", { given: ".github/ops/*.graphql", want: [".github/ops/ci.graphql"] }],
  ["node_modules named literally is entered", { given: "node_modules/pkg/*.graphql", want: ["node_modules/pkg/x.graphql"] }],
  ["a symlinked directory inside the root is followed by a name", { given: "shop-link/*.gql", want: ["shop-link/orders.gql"] }],
  ["a symlinked directory is followed by *", { given: "*/orders.gql", want: ["shop-link/orders.gql"] }],
  ["a symlinked directory out of the root is never followed", { given: "escape/*.graphql", want: [] }],
  ["a symlinked file counts only when its target is inside the root", { given: "graphql/*.graphql", want: ["graphql/issues-link.graphql"] }],
  ["nothing matches", { given: "graphql/nothing/*.graphql", want: [] }],
];

describe("matchFiles", () => {
  test.each(CASES)("%s", (_, { given, want }) => {
    expect(matchFiles(root, given)).toEqual(want);
  });

  test("** never follows a symlink, so a cycle ends; results are sorted by code units, each once", () => {
    const all = matchFiles(root, "**/*.graphql");
    expect(all).toEqual([
      "B.graphql",
      "graphql/github/deep/nested/pulls.graphql",
      "graphql/github/issues.graphql",
      "graphql/github/repo.graphql",
      "graphql/github/v1.graphql",
      "graphql/github/v10.graphql",
      "graphql/issues-link.graphql",
      "graphql/shop/{a,b}.graphql",
      "other/y.graphql",
      "top.graphql",
    ]);
    expect(matchFiles(root, "**/**/*.graphql")).toEqual(all);
  });

  test("reads only the directories the glob's names lead to", () => {
    matchFiles(root, "graphql/github/*.graphql");
    expect(reads).toEqual([join(root, "graphql/github")]);
    reads.length = 0;
    matchFiles(root, "graphql/github/repo.graphql");
    expect(reads).toEqual([]);
    reads.length = 0;
    matchFiles(root, "graphql/*/repo.graphql");
    expect(reads).toEqual([join(root, "graphql")]);
  });

  test("a root that does not exist matches nothing", () => {
    expect(matchFiles(join(base, "missing"), "*.graphql")).toEqual([]);
  });

  test.each([
    ["", "is empty"],
    ["/etc/*.graphql", "is absolute"],
    ["C:/specs/*.graphql", "is absolute"],
    ["\\\\server\\share\\*.graphql", "is absolute"],
    ["graphql\\github\\*.graphql", 'separates directories with "\\" instead of "/"'],
    ["../specs/*.graphql", 'climbs out of its directory with ".."'],
    ["graphql/../../x.graphql", 'climbs out of its directory with ".."'],
  ])("refuses %j: %s", (glob, problem) => {
    expect(globProblem(glob)).toBe(problem);
    expect(() => matchFiles(root, glob)).toThrow(`glob "${glob}" ${problem}`);
  });

  test.each(["graphql/*.graphql", "a..b/*.graphql", "**"])("accepts %j", (glob) => {
    expect(globProblem(glob)).toBeUndefined();
  });
});

describe("suggestGlob", () => {
  test.each([
    ["graphql/gihub/*.graphql", "graphql/github/*.graphql"],
    ["graphql/github/repos.graphql", "graphql/github/repo.graphql"],
    ["grapql/github/**", "graphql/github/**"],
    ["graphql/*/repos.graphql", undefined],
    ["graphql/github/*.gql", undefined],
    ["graphql/zzzzzz/*.graphql", undefined],
    ["../graphql/*.graphql", undefined],
  ])("%j → %j", (glob, want) => {
    expect(suggestGlob(root, glob)).toBe(want);
  });

  test("suggests a directory for a directory and a file for the last name", () => {
    expect(suggestGlob(root, "graphql/github/dep/nested/*.graphql")).toBe("graphql/github/deep/nested/*.graphql");
    expect(suggestGlob(root, "graphql/github/deep")).toBeUndefined(); // every name exists: nothing to suggest
  });
});
