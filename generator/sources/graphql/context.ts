// What every stage of the GraphQL source reads: the app, its built schema, its config, where to report.
import type { GraphQLSchema } from "graphql";
import type { GraphqlAppConfig } from "../../config/types.js";
import type { Report } from "../../diagnostics/diagnostic.js";

export interface GraphqlContext {
  app: string;
  /** The schema file, relative to the gateway.yaml directory. @example "specs/github.graphql" */
  file: string;
  schema: GraphQLSchema;
  config: GraphqlAppConfig;
  report: Report;
}
