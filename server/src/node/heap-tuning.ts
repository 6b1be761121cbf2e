/**
 * How the collector should treat this process's heap, set once by each entry
 * point (bin/, the bundled server) before any Apex is parsed.
 *
 * V8 "pretenures" an allocation site whose objects mostly survive young
 * collections: from then on it allocates them straight in the old
 * generation, where only a full collection frees them. ANTLR's parse-tree
 * nodes look like that while a file is being parsed, yet every tree dies
 * once its model is built (core/release-parse.ts). On a generated
 * 5,000-class org the sites flipped and each tree went to the old generation:
 * 3.4 GB promoted, 1.8 GB peak RSS, 27 CPU-s with `--all-files`; without
 * pretenuring 0.85 GB promoted, 1.0 GB and 18 CPU-s. On NPSP it changes little
 * (the sites seldom flip there).
 *
 * TurboFan inlining is off as well. The walkers over parse trees and models
 * are large functions called from many sites with objects of many shapes;
 * inlined, they were optimised and thrown away four to six times each in a
 * cold run as new shapes turned up, and the optimising compiler's own thread
 * cost more than the inlining saved. NPSP, cold CLI, medians of 5 taken
 * alternately: 5.23 -> 4.42 CPU-s, wall 3.25 -> 3.16 s.
 *
 * Both flags only steer V8, so results never depend on them.
 */
import * as v8 from 'node:v8';

export const V8_FLAGS = ['--no-allocation-site-pretenuring', '--no-turbo-inlining'] as const;

let tuned = false;

/** Apply V8_FLAGS to this process (its worker threads share them). Idempotent. */
export function tuneHeap(): void {
  if (tuned) return;
  tuned = true;
  for (const flag of V8_FLAGS) v8.setFlagsFromString(flag);
}
