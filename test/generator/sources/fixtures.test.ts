// Small real specs (test/fixtures/specs/small, see SOURCES.md): no errors, every schema compiles, key behaviours hold.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { SOURCE_CODES } from "../../../generator/sources/codes.js";
import { argOf, codes, compile, FIXTURES, inputSchema, loadFile, planOf } from "./helpers.js";

const SMALL = join(FIXTURES, "small");
const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

/** Operations counted straight from the raw JSON, independently of the source. */
function countOperations(file: string): number {
  const doc = JSON.parse(readFileSync(join(SMALL, file), "utf8")) as { paths: Record<string, Record<string, unknown>> };
  return Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).filter((k) => METHODS.has(k)).length, 0);
}

describe.each(readdirSync(SMALL).filter((f) => f.endsWith(".json")))("%s", (file) => {
  test("plans every operation, no errors, schemas compile", async () => {
    const loaded = await loadFile(SMALL, file);
    expect(codes(loaded, "error")).toEqual([]);
    for (const d of loaded.diagnostics) expect(SOURCE_CODES[d.code], d.code).toBeDefined();
    expect(loaded.source!.drafts).toHaveLength(countOperations(file));
    expect(loaded.source!.hash).toMatch(/^[0-9a-f]{64}$/);
    for (const plan of loaded.source!.drafts) {
      // Empty only when the spec has neither description nor summary: the describe pass leads with the title then.
      expect(typeof plan.description).toBe("string");
      compile(inputSchema(plan));
      if (plan.outputSchema) compile(plan.outputSchema);
    }
  });
});

describe("specifics", () => {
  test("petstore 2.0: base URL, in: body flattened, formData as form, file upload as multipart", async () => {
    const loaded = await loadFile(SMALL, "petstore-2.0.json");
    expect(loaded.source!.baseUrl).toBe("http://petstore.swagger.io/v2"); // the spec lists only `schemes: [http]`
    const addPet = planOf(loaded, "POST", "/pet");
    expect(addPet.request.body).toEqual({ mediaType: "application/json" });
    expect(argOf(addPet, "name")).toMatchObject({ in: "body", required: true });
    expect(argOf(addPet, "photoUrls").schema).toMatchObject({ type: "array" });
    const update = planOf(loaded, "POST", "/pet/{petId}");
    expect(update.request.body?.mediaType).toBe("application/x-www-form-urlencoded");
    expect(update.args.map((a) => `${a.in}:${a.name}`).sort()).toEqual(["body:name", "body:status", "path:petId"]);
    const upload = planOf(loaded, "POST", "/pet/{petId}/uploadImage");
    expect(upload.request.body?.mediaType).toBe("multipart/form-data");
    expect(upload.args.map((a) => a.name).sort()).toEqual(["additionalMetadata", "petId"]);
    expect(codes(loaded)).toContain("GW210");
    const get = planOf(loaded, "GET", "/pet/{petId}");
    expect(get.outputSchema?.properties).toHaveProperty("photoUrls");
  });

  test("tsapi.net: self-referencing schemas land in $defs and validate recursive data", async () => {
    const loaded = await loadFile(SMALL, "tsapi.net-3.0.json");
    const plan = planOf(loaded, "GET", "/Surveys/{surveyId}/Metadata");
    const defs = plan.outputSchema!.$defs as Record<string, unknown>;
    expect(Object.keys(defs)).toEqual(expect.arrayContaining(["Variable"]));
    expect(JSON.stringify(defs.Variable)).toContain('"#/$defs/Variable"');
  });

  test("Celigo MCP servers (3.1): seven operations, path param `_id`, JSON bodies", async () => {
    const loaded = await loadFile(SMALL, "celigo-mcp-servers-3.1.json");
    expect(loaded.source!.baseUrl).toBe("https://api.integrator.io");
    const put = planOf(loaded, "PUT", "/v1/mcpservers/{_id}");
    expect(argOf(put, "_id")).toMatchObject({ in: "path", required: true });
    expect(put.request.body?.mediaType).toBe("application/json");
  });

  test("file uploads (3.0): binary multipart parts dropped, never silently", async () => {
    const loaded = await loadFile(SMALL, "file-uploads-3.0.json");
    const plan = planOf(loaded, "POST", "/anything/multipart-formdata");
    expect(plan.args.every((a) => !JSON.stringify(a.schema).includes("binary"))).toBe(true);
    expect(codes(loaded)).toContain("GW210");
  });
});
