// The part of oidc-provider (no bundled types) the OAuth end-to-end test uses: a provider and its request handler.
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  export default class Provider {
    constructor(issuer: string, configuration?: Record<string, unknown>);
    callback(): (req: IncomingMessage, res: ServerResponse) => unknown;
  }
}
