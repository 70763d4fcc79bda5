import { randomBytes } from "node:crypto";

export interface User {
  /** Random, so that a signed token carrying it reveals nothing about the user. */
  readonly id: string;
  readonly name: string;
}

export const MAX_NAME_LENGTH = 40;

/** The demo's users, in memory: a restart forgets them (and signs everyone out). */
export class UserStore {
  readonly #byId = new Map<string, User>();
  readonly #byName = new Map<string, User>();

  /** Signing in with a name that is already known returns that user: a name is the whole account. */
  signIn(name: string): User {
    const known = this.#byName.get(name);
    if (known) return known;
    const user: User = { id: randomBytes(12).toString("base64url"), name };
    this.#byId.set(user.id, user);
    this.#byName.set(name, user);
    return user;
  }

  find(id: unknown): User | undefined {
    return typeof id === "string" ? this.#byId.get(id) : undefined;
  }
}

/** A trimmed display name, or why it cannot be one. */
export function validateName(input: unknown): { ok: true; name: string } | { ok: false; message: string } {
  const name = typeof input === "string" ? input.trim() : "";
  if (name === "") return { ok: false, message: "Please enter a name." };
  if (name.length > MAX_NAME_LENGTH) return { ok: false, message: `Names are at most ${MAX_NAME_LENGTH} characters.` };
  return { ok: true, name };
}
