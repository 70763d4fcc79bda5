import { describe, expect, it, vi } from "vitest";
import { CinderClientError, ClientErrorCode, Socket } from "@cinder/client";
import { FakeWebSocket } from "../support/fake-websocket.js";
import { lastTransport, newSocket, setupChannelTests } from "../support/channel-harness.js";

setupChannelTests({ fakeTimers: false });

describe("the URL a socket connects to", () => {
  it("appends /websocket and vsn=2.0.0 to an absolute endpoint", () => {
    expect(newSocket().endPointURL()).toBe("ws://example.test/socket/websocket?vsn=2.0.0");
  });

  it("serialises params before vsn, nested objects as parent[child], exactly as the official client", () => {
    const socket = newSocket({ params: { token: "a b&c", nested: { a: 1, deep: { b: true } }, list: ["x", "y"] } });
    expect(socket.endPointURL()).toBe(
      "ws://example.test/socket/websocket?token=a%20b%26c&nested%5Ba%5D=1&nested%5Bdeep%5D%5Bb%5D=true&list%5B0%5D=x&list%5B1%5D=y&vsn=2.0.0",
    );
  });

  it("keeps the official quirks: undefined becomes the text, null leaves a stray separator", () => {
    const socket = newSocket({ params: { gone: undefined, nothing: null, after: 1 } });
    expect(socket.endPointURL()).toBe("ws://example.test/socket/websocket?gone=undefined&&after=1&vsn=2.0.0");
  });

  it("evaluates a params function at every connect", () => {
    let attempt = 0;
    const socket = newSocket({ params: () => ({ attempt: ++attempt }), reconnectAfterMs: () => 10 });
    vi.useFakeTimers();
    try {
      socket.connect();
      expect(lastTransport().url).toContain("attempt=1&");
      lastTransport().serverClose(1006);
      vi.advanceTimersByTime(10);
      expect(lastTransport().url).toContain("attempt=2&");
    } finally {
      vi.useRealTimers();
    }
  });

  it("resolves a relative endpoint against the page: ws on http", () => {
    vi.stubGlobal("location", { protocol: "http:", host: "app.test:8080" });
    expect(newSocket().endPointURL()).toBe("ws://example.test/socket/websocket?vsn=2.0.0");
    expect(new Socket("/live", { transport: FakeWebSocket }).endPointURL()).toBe("ws://app.test:8080/live/websocket?vsn=2.0.0");
  });

  it("uses wss on https pages and keeps the host of a protocol-relative endpoint", () => {
    vi.stubGlobal("location", { protocol: "https:", host: "app.test" });
    expect(new Socket("/live", { transport: FakeWebSocket }).endPointURL()).toBe("wss://app.test/live/websocket?vsn=2.0.0");
    expect(new Socket("//other.test/socket", { transport: FakeWebSocket }).endPointURL()).toBe(
      "wss://other.test/socket/websocket?vsn=2.0.0",
    );
  });

  it("refuses a relative endpoint outside a page, saying to pass an absolute URL", () => {
    vi.stubGlobal("location", undefined);
    const socket = new Socket("/socket", { transport: FakeWebSocket });
    expect(() => socket.connect()).toThrowError(/absolute URL such as "ws:\/\/127\.0\.0\.1:4000\/socket"/);
    expect(() => socket.endPointURL()).toThrowError(CinderClientError);
    expect(socket.connectionState()).toBe("closed");
  });

  it("asks for a transport when the runtime has no WebSocket (Node before 22)", () => {
    vi.stubGlobal("WebSocket", undefined);
    let caught: unknown;
    try {
      new Socket("ws://example.test/socket");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CinderClientError);
    expect((caught as CinderClientError).code).toBe(ClientErrorCode.noWebSocketTransport);
    expect((caught as Error).message).toMatch(/transport: WebSocket/);
  });
});

describe("authToken", () => {
  it("is offered as the phoenix + base64url.bearer.phx subprotocols, base64 without padding", () => {
    newSocket({ authToken: "secret-token" }).connect();
    // The header the official client produced for the same token (spec §1.2).
    expect(lastTransport().protocols).toEqual(["phoenix", "base64url.bearer.phx.c2VjcmV0LXRva2Vu"]);
  });

  it("is read again from a function at every connect", () => {
    let token = "first";
    const socket = newSocket({ authToken: () => token });
    socket.connect();
    expect(lastTransport().protocols).toEqual(["phoenix", `base64url.bearer.phx.${btoa("first").replace(/=/g, "")}`]);
    socket.disconnect();
    token = "second";
    socket.connect();
    expect(lastTransport().protocols).toEqual(["phoenix", `base64url.bearer.phx.${btoa("second").replace(/=/g, "")}`]);
  });

  it("encodes non-ASCII tokens as UTF-8 instead of failing", () => {
    newSocket({ authToken: "jeton-été" }).connect();
    const offered = (lastTransport().protocols as string[])[1] as string;
    const decoded = Uint8Array.from(atob(offered.replace("base64url.bearer.phx.", "")), (char) => char.charCodeAt(0));
    expect(new TextDecoder().decode(decoded)).toBe("jeton-été");
  });

  it("offers no subprotocol without a token", () => {
    newSocket().connect();
    expect(lastTransport().protocols).toBeUndefined();
  });
});
