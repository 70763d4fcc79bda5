import type { PresenceList } from "@cinder/server";

/** What the chat tracks about each user in a room (the presence key is the user's id). */
export interface OnlineMeta {
  name: string;
}

/** One line of the "online" list: a user, however many tabs or pages they have open in the room. */
export interface OnlineUser {
  readonly id: string;
  readonly name: string;
  /** Channel pages and live chats this user has open in the room. */
  readonly connections: number;
}

/** The room's users by name (a stable order for the list), from a presence list. */
export function onlineUsers(list: PresenceList<OnlineMeta>): OnlineUser[] {
  return Object.entries(list)
    .map(([id, entry]) => ({ id, name: entry.metas[0]?.name ?? "", connections: entry.metas.length }))
    .sort((left, right) => left.name.localeCompare(right.name) || left.id.localeCompare(right.id));
}

/** Whether two lists show the same thing, so a view re-renders only when the list changed. */
export function sameOnlineUsers(left: readonly OnlineUser[], right: readonly OnlineUser[]): boolean {
  return left.length === right.length && left.every((user, index) => {
    const other = right[index];
    return other !== undefined && other.id === user.id && other.name === user.name && other.connections === user.connections;
  });
}
