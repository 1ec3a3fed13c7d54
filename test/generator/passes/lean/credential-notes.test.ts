// Lean rule credential-notes: sentences on the token scopes or permissions an endpoint needs go.
import { describe, expect, test } from "vitest";
import { withoutCredentialNotes } from "../../../../generator/passes/lean/credential-notes.js";

const CASES: [string, { given: string; want: string }][] = [
  ["GitHub classic scopes", { given: "Lists repositories.\n\nOAuth app tokens and personal access tokens (classic) need the `repo` scope to use this endpoint.", want: "Lists repositories." }],
  ["in the middle", { given: "Deletes a hook. OAuth tokens need the `admin:org_hook` scope. It cannot be undone.", want: "Deletes a hook. It cannot be undone." }],
  ["fine-grained permissions", { given: "Gets a space. Fine-grained tokens must have the \"Spaces\" repository permissions (read).", want: "Gets a space." }],
  ["not fired: permission without tokens", { given: "Authenticated users must have admin access to the repository to use this endpoint.", want: "Authenticated users must have admin access to the repository to use this endpoint." }],
  ["not fired: tokens as the subject of the API", { given: "Creates an installation access token. The token expires after one hour.", want: "Creates an installation access token. The token expires after one hour." }],
  ["not fired: a sentence without a full stop", { given: "Token needs the repo scope", want: "Token needs the repo scope" }],
];

describe("credential-notes", () => {
  test.each(CASES)("%s", (_, { given, want }) => expect(withoutCredentialNotes(given)).toBe(want));
});
