/** Dependency graph helpers for actions (pure; no Yjs). */

/** True when following `dependsOn` edges from `start` comes back to `start`. */
export function reaches(deps: ReadonlyMap<string, readonly string[]>, from: string, target: string): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (id === target) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const d of deps.get(id) ?? []) stack.push(d);
  }
  return false;
}

/** True when giving `id` the dependencies `next` would close a cycle. */
export function wouldCycle(
  deps: ReadonlyMap<string, readonly string[]>,
  id: string,
  next: readonly string[],
): boolean {
  return next.some((d) => d === id || reaches(deps, d, id));
}

/**
 * Ids of nodes on some cycle (Tarjan's strongly connected components: a node is on a cycle when its
 * component has more than one node, or it depends on itself). Iteration order is sorted, so the
 * result is deterministic.
 */
export function nodesInCycles(deps: ReadonlyMap<string, readonly string[]>): Set<string> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out = new Set<string>();
  let counter = 0;
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of deps.get(v) ?? []) {
      if (!deps.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (deps.get(v) ?? []).includes(v)) for (const c of component) out.add(c);
    }
  };
  for (const v of [...deps.keys()].sort()) if (!index.has(v)) visit(v);
  return out;
}
