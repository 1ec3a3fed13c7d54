// The one tokenizer shared by the search index builder and the runtime query: words → normalised terms.

/** Words too common in tool names and descriptions to say anything about which tool is meant. */
const STOP_WORDS = new Set([
  "a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from", "has", "have", "how",
  "i", "if", "in", "into", "is", "it", "its", "of", "on", "or", "so", "that", "the", "their",
  "them", "then", "there", "these", "this", "those", "to", "via", "was", "we", "were", "what", "when",
  "which", "while", "who", "will", "with", "you", "your",
]);

/**
 * Common API abbreviations, expanded before stemming so both sides meet on the long form.
 * @example "repo" → ["repository"], "pr" → ["pull", "request"]
 */
const SYNONYMS: Record<string, string[]> = {
  repo: ["repository"],
  repos: ["repository"],
  org: ["organization"],
  orgs: ["organization"],
  organisation: ["organization"],
  organisations: ["organization"],
  pr: ["pull", "request"],
  prs: ["pull", "request"],
  env: ["environment"],
  envs: ["environment"],
  config: ["configuration"],
  configs: ["configuration"],
  info: ["information"],
  msg: ["message"],
  msgs: ["message"],
  dir: ["directory"],
  dirs: ["directory"],
  auth: ["authentication"],
  perm: ["permission"],
  perms: ["permission"],
  del: ["delete"],
  rm: ["remove"],
  ws: ["workspace"],
  // "my repos" is how people ask for what APIs call the authenticated user's.
  me: ["authenticated"],
  my: ["authenticated"],
  mine: ["authenticated"],
};

const VOWEL = /[aeiouy]/;

/** Undo a doubled final consonant left by stripping a suffix: "runn" → "run", but "install" stays. */
function undouble(word: string): string {
  const last = word[word.length - 1];
  if (word.length >= 3 && last === word[word.length - 2] && !"aeiouylsz".includes(last!)) return word.slice(0, -1);
  return word;
}

/**
 * Light suffix stripping: plurals (s, es, ies), -ing, -ed and a final e, so that "issues", "issue" and
 * "issued" meet, as do "create", "created" and "creating". Only applied to alphabetic words over 3 letters.
 */
export function stem(word: string): string {
  if (word.length <= 3 || !/^[a-z]+$/.test(word)) return word;
  let w = word;
  if (w.endsWith("ies") && w.length > 4) w = w.slice(0, -3) + "y";
  else if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.endsWith("s") && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith("ing") && w.length >= 6 && VOWEL.test(w.slice(0, -3))) w = undouble(w.slice(0, -3));
  else if (w.endsWith("ed") && w.length >= 5 && VOWEL.test(w.slice(0, -2))) w = undouble(w.slice(0, -2));
  if (w.endsWith("e") && w.length >= 5) w = w.slice(0, -1);
  return w;
}

/** Split into raw lower-case words at non-alphanumerics and camelCase / letter-digit boundaries. */
export function splitWords(text: string): string[] {
  const spaced = text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z](?!s(?![a-z]))[a-z])/g, "$1 $2"); // "HTTPServer" splits, "PRs" and "URLs" do not
  return spaced.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 0);
}

/**
 * Text → search terms: split, drop stop words and single letters, expand abbreviations, stem.
 * Order and duplicates are kept (term frequency counts them).
 * @example tokenize("listIssues for_repo") → ["list", "issu", "repository"]
 */
export function tokenize(text: string): string[] {
  const terms: string[] = [];
  for (const word of splitWords(text)) {
    if (STOP_WORDS.has(word) || (word.length === 1 && !/[0-9]/.test(word))) continue;
    // hasOwn: a word such as "constructor" must not find Object.prototype members.
    for (const expanded of Object.hasOwn(SYNONYMS, word) ? SYNONYMS[word] : [word]) terms.push(stem(expanded));
  }
  return terms;
}
