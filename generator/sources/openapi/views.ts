// The version-neutral view of one operation that 2.0 and 3.x specs are normalised into before planning.
import type { BodyMediaType, ParamStyle } from "../../../runtime/contract.js";
import type { Located } from "./documents.js";

/** One non-body parameter, its serialisation normalised to OpenAPI 3 terms. @see https://spec.openapis.org/oas/v3.1.0#parameter-object */
export interface ParamView {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  /** The raw schema; undefined means any value. */
  schema?: Located;
  description?: string;
  /** As the spec wrote it (or as 2.0 `collectionFormat` maps); defaults are applied when planning. */
  style?: ParamStyle;
  explode?: boolean;
  allowReserved?: boolean;
  /** The Parameter Object, for diagnostics. */
  at: Located;
}

/** The request body in the one media type chosen. @see https://spec.openapis.org/oas/v3.1.0#request-body-object */
export interface BodyView {
  mediaType: BodyMediaType;
  /** The spec's media type when it differs from `mediaType`. */
  contentType?: string;
  /** The raw schema; undefined means any JSON value. */
  schema?: Located;
  required: boolean;
  description?: string;
  /** Per-property serialisation of form bodies (3.x Encoding Object). */
  encoding: Record<string, { style?: ParamStyle; explode?: boolean }>;
  /** Where the body is declared, for diagnostics. */
  at: Located;
}

export interface OperationView {
  params: ParamView[];
  body?: BodyView;
  /** The raw schema of the first 2xx JSON response. */
  output?: Located;
}

const PARAM_STYLES: readonly ParamStyle[] = ["form", "simple", "label", "matrix", "spaceDelimited", "pipeDelimited", "deepObject"];

/** The style as a ParamStyle, when it is one. */
export function asStyle(value: unknown): ParamStyle | undefined {
  return PARAM_STYLES.includes(value as ParamStyle) ? (value as ParamStyle) : undefined;
}
