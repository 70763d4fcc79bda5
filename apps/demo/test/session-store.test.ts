import { describe, expect, it } from "vitest";
import { UserStore } from "../src/users.js";
import { SESSION_MAX_AGE_MS, SessionStore, sessionSocketId } from "../src/web/session-store.js";

function storeAt(clock: { now: number }) {
  const users = new UserStore();
  return { users, sessions: new SessionStore(users, { now: () => clock.now }) };
}

describe("SessionStore", () => {
  it("maps a new random session id to its user until the session ends", () => {
    const { users, sessions } = storeAt({ now: 0 });
    const ada = users.signIn("Ada");
    const session = sessions.start(ada);
    expect(session).toMatch(/^[\w-]{43}$/);
    expect(sessions.userOf(session)).toBe(ada);
    expect(sessions.end(session)).toBe(true);
    expect(sessions.userOf(session)).toBeUndefined();
    expect(sessions.end(session)).toBe(false);
  });

  it("gives each sign-in its own session; ending one leaves the user's others alive", () => {
    const { users, sessions } = storeAt({ now: 0 });
    const ada = users.signIn("Ada");
    const laptop = sessions.start(ada);
    const phone = sessions.start(ada);
    expect(laptop).not.toBe(phone);
    sessions.end(laptop);
    expect(sessions.userOf(phone)).toBe(ada);
  });

  it("forgets a session two weeks after it started", () => {
    const clock = { now: 1_000 };
    const { users, sessions } = storeAt(clock);
    const session = sessions.start(users.signIn("Ada"));
    clock.now += SESSION_MAX_AGE_MS - 1;
    expect(sessions.userOf(session)?.name).toBe("Ada");
    clock.now += 1;
    expect(sessions.userOf(session)).toBeUndefined();
    expect(sessions.end(session)).toBe(false);
  });

  it.each([undefined, null, 42, { id: "x" }, "", "not-a-session"])("knows no session %j", (id) => {
    const { sessions } = storeAt({ now: 0 });
    expect(sessions.userOf(id)).toBeUndefined();
  });
});

describe("sessionSocketId", () => {
  it("is stable per session, differs between sessions, and does not reveal the session id", () => {
    const { users, sessions } = storeAt({ now: 0 });
    const ada = users.signIn("Ada");
    const first = sessions.start(ada);
    const second = sessions.start(ada);
    expect(sessionSocketId(first)).toBe(sessionSocketId(first));
    expect(sessionSocketId(first)).not.toBe(sessionSocketId(second));
    expect(sessionSocketId(first)).toMatch(/^session_socket:[\w-]{43}$/);
    expect(sessionSocketId(first)).not.toContain(first);
  });
});
