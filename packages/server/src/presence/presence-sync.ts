import type { ReplicaEntry } from "./presence-replica.js";

/** One change this node made to its own presences, in the order it made them. */
export type PresenceOperation = { readonly kind: "join"; readonly entry: ReplicaEntry } | { readonly kind: "leave"; readonly entry: ReplicaEntry };

/**
 * How a node's own changes reach the other nodes, and theirs reach its replica. On one node
 * there is nothing to do (`undefined`); over Redis it is `RedisPresenceSync`.
 */
export interface PresenceSync {
  /** Resolves once the node's state (replica included) is known to the cluster, as far as it can be now. */
  start(): Promise<void>;
  /**
   * Hand over changes the replica already holds (and this node's subscribers were told about).
   * Resolves when they are stored and announced — or, while the store is unreachable, at once:
   * they are published with the whole state when it is back. Never rejects.
   */
  publish(operations: readonly PresenceOperation[]): Promise<void>;
  /** Finish what is in flight and leave the cluster (the other nodes drop this node's presences). */
  stop(): Promise<void>;
}
