/**
 * Topic patterns as Phoenix's `channel "room:*", RoomChannel`: a pattern ending in `*` matches
 * every topic with that prefix, any other pattern matches only itself. A `*` anywhere else is
 * a literal character, as in Phoenix.
 */
export function topicMatches(pattern: string, topic: string): boolean {
  if (pattern.endsWith("*")) return topic.startsWith(pattern.slice(0, -1));
  return pattern === topic;
}

/**
 * The part of the topic the wildcard matched (`"room:*"`, `"room:lobby"` → `"lobby"`), or
 * `undefined` when the pattern does not match or has no wildcard.
 */
export function topicSubtopic(pattern: string, topic: string): string | undefined {
  if (!pattern.endsWith("*") || !topicMatches(pattern, topic)) return undefined;
  return topic.slice(pattern.length - 1);
}

/**
 * First route whose pattern matches, in declaration order (as Phoenix checks its `channel`
 * declarations top to bottom).
 */
export function findTopicRoute<T>(routes: ReadonlyArray<readonly [pattern: string, target: T]>, topic: string): T | undefined {
  for (const [pattern, target] of routes) {
    if (topicMatches(pattern, topic)) return target;
  }
  return undefined;
}
