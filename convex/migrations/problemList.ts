/**
 * A migration's problems, summed over its batches: every distinct one
 * counted, the first PROBLEM_LIST_CAP listed in full, so a report on any
 * number of users stays small. Pure functions.
 */

/** Problems listed in full (the counts stay complete). */
export const PROBLEM_LIST_CAP = 500;

export type ProblemList<Kind extends string, Problem> = {
  count: number;
  byKind: Record<Kind, number>;
  list: Problem[];
  truncated: boolean;
};

export function emptyProblemList<Kind extends string, Problem>(
  kinds: readonly Kind[],
): ProblemList<Kind, Problem> {
  return {
    count: 0,
    byKind: Object.fromEntries(kinds.map((kind) => [kind, 0])) as Record<
      Kind,
      number
    >,
    list: [],
    truncated: false,
  };
}

/** One key per distinct problem: a pair seen from both rows is one problem. */
export function problemKey(problem: {
  kind: string;
  userIds: string[];
  authId?: string | null;
}): string {
  return `${problem.kind}:${[...problem.userIds].sort().join(",")}:${problem.authId ?? ""}`;
}

/** Adds problems, each distinct one once. */
export function addProblems<
  Kind extends string,
  Problem extends { kind: Kind; userIds: string[]; authId?: string | null },
>(target: ProblemList<Kind, Problem>, seen: Set<string>, problems: Problem[]) {
  for (const problem of problems) {
    const key = problemKey(problem);
    if (seen.has(key)) continue;
    seen.add(key);
    target.count += 1;
    target.byKind[problem.kind] += 1;
    if (target.list.length < PROBLEM_LIST_CAP) target.list.push(problem);
    else target.truncated = true;
  }
}
