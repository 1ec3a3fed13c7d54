// Turns an app's resolved upstream auth and extra headers into ready-to-send pieces, once per app.
import type { ResolvedApp } from "../config/secrets.js";
import { encodeStrict } from "./encode.js";

/** What every request to one app carries, precomputed. */
export interface PreparedAuth {
  /** Lower-case header names: the app's extra headers, then the auth header (which wins). */
  headers: Record<string, string>;
  /** An encoded `name=value` for api_key in query; "" when none. */
  query: string;
  /** A `name=value` cookie pair for api_key in cookie; "" when none. */
  cookie: string;
}

const cache = new WeakMap<ResolvedApp, PreparedAuth>();

/** Computes the app's auth pieces: none, bearer, basic, or api_key in header/query/cookie. */
export function computeAuth(app: ResolvedApp): PreparedAuth {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(app.headers)) headers[name.toLowerCase()] = value;
  let query = "";
  let cookie = "";
  const auth = app.auth;
  switch (auth.type) {
    case "none":
      break;
    case "bearer":
      headers.authorization = `Bearer ${auth.token}`;
      break;
    case "basic":
      headers.authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString("base64")}`;
      break;
    case "api_key":
      if (auth.in === "header") headers[auth.name.toLowerCase()] = auth.value;
      else if (auth.in === "query") query = `${encodeStrict(auth.name)}=${encodeStrict(auth.value)}`;
      else cookie = `${encodeStrict(auth.name)}=${encodeStrict(auth.value)}`;
      break;
  }
  return { headers, query, cookie };
}

/** `computeAuth`, cached per resolved app object. */
export function prepareAuth(app: ResolvedApp): PreparedAuth {
  let prepared = cache.get(app);
  if (!prepared) {
    prepared = computeAuth(app);
    cache.set(app, prepared);
  }
  return prepared;
}
