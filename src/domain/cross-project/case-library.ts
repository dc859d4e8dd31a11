/**
 * Case library (问题案例库): a problem met once and how it was solved, kept across projects so the next person
 * who raises the same trouble sees what worked. Cases come from tagged retrospective findings and action items,
 * and from escalations once decided.
 */
export interface CaseRecord {
  id: string;
  projectKey: string;
  problem: string;
  solution: string;
  tags: readonly string[];
  source: 'retrospective' | 'action' | 'escalation';
  /** When the solution was settled (epoch ms): among equally close cases the newest comes first. */
  settledAt: number;
}

export interface CaseQuery {
  tags: readonly string[];
  text: string;
}

/** A shared tag outweighs a shared word: tags are chosen on purpose, words only happen to match. */
const TAG_WEIGHT = 3;
const MAX_SUGGESTED = 3;

/**
 * The words a text is compared by: Latin words and digits of two or more characters, lower-cased, and every two
 * neighbouring Han characters (Chinese has no spaces, so pairs stand in for words: 接口延期 → 接口, 口延, 延期).
 */
export function caseWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const w of text.toLowerCase().match(/[a-z0-9]{2,}/g) ?? []) words.add(w);
  for (const run of text.match(/\p{Script=Han}+/gu) ?? []) {
    if (run.length === 1) words.add(run);
    for (let i = 0; i + 1 < run.length; i++) words.add(run.slice(i, i + 2));
  }
  return words;
}

const normTag = (t: string) => t.trim().toLowerCase();

/** How close a case is to what is being raised: shared tags (×3) plus shared words of problem and solution. */
export function caseScore(query: CaseQuery, c: CaseRecord): number {
  const tags = new Set(query.tags.map(normTag));
  const sharedTags = new Set(c.tags.map(normTag).filter((t) => tags.has(t))).size;
  const asked = caseWords(query.text);
  const known = caseWords(`${c.problem} ${c.solution}`);
  let sharedWords = 0;
  for (const w of asked) if (known.has(w)) sharedWords++;
  return sharedTags * TAG_WEIGHT + sharedWords;
}

/**
 * Up to three cases like the one being raised, closest first (then newest, then id, so the order is stable),
 * only from projects the viewer can browse; a case sharing neither a tag nor a word is not suggested.
 */
export function similarCases(
  query: CaseQuery,
  cases: readonly CaseRecord[],
  browsable: ReadonlySet<string>,
  limit = MAX_SUGGESTED,
): CaseRecord[] {
  return cases
    .filter((c) => browsable.has(c.projectKey))
    .map((c) => ({ c, score: caseScore(query, c) }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || b.c.settledAt - a.c.settledAt || a.c.id.localeCompare(b.c.id))
    .slice(0, limit)
    .map((x) => x.c);
}
