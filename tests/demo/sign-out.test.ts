import { afterEach, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import WebSocket from "ws";
import { Socket } from "@cinder/client";
import { createDemoApp } from "@cinder/demo";

const secretKeyBase = "demo-sign-out-test-secret-0123456789-abcdefghij";
let app: FastifyInstance | undefined;
let socket: Socket | undefined;

afterEach(async () => {
  socket?.disconnect();
  await app?.close();
});

describe("sign out", () => {
  it("closes every open socket of that user with 1001, so other tabs stop receiving messages", async () => {
    app = createDemoApp({ secretKeyBase });
    const address = await app.listen({ port: 0, host: "127.0.0.1" });
    const signIn = await app.inject({
      method: "POST",
      url: "/sign-in",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "name=Alice",
    });
    const sessionCookie = signIn.cookies.find((cookie) => cookie.name === "cinder_demo_session")?.value ?? "";
    const page = await app.inject({ method: "GET", url: "/", cookies: { cinder_demo_session: sessionCookie } });
    const token = JSON.parse(/window\.userToken = (.*);/.exec(page.body)?.[1] ?? "null") as string;

    // A reconnect after the close would be refused anyway if the user were gone; here it is not
    // (the token is still valid), so keep the client from reconnecting to observe the close alone.
    socket = new Socket(`${address.replace("http", "ws")}/socket`, { transport: WebSocket, params: { token }, reconnectAfterMs: () => 60_000 });
    const opened = new Promise<void>((resolve) => socket?.onOpen(resolve));
    const closed = new Promise<number>((resolve) => socket?.onClose((event) => resolve(event.code)));
    socket.connect();
    await opened;

    const signOut = await app.inject({ method: "POST", url: "/sign-out", cookies: { cinder_demo_session: sessionCookie } });
    expect(signOut.statusCode).toBe(303);
    expect(await closed).toBe(1001);
  });
});
