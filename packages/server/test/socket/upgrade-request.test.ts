import { describe, expect, it } from "vitest";
import { bearerTokenOf, isSupportedVsn, mountPathOf, offeredSubprotocols, splitRequestTarget } from "../../src/socket/upgrade-request.js";

describe("upgrade request parts", () => {
  it("finds the mount path of <path>/websocket", () => {
    expect(splitRequestTarget("/socket/websocket?token=a&vsn=2.0.0")).toEqual({ pathname: "/socket/websocket", search: "token=a&vsn=2.0.0" });
    expect(mountPathOf("/socket/websocket")).toBe("/socket");
    expect(mountPathOf("/a/b/websocket")).toBe("/a/b");
    expect(mountPathOf("/socket/longpoll")).toBeUndefined();
  });

  it("accepts V2 serializer versions only", () => {
    expect(isSupportedVsn("2.0.0")).toBe(true);
    expect(isSupportedVsn("2.3.1")).toBe(true);
    expect(isSupportedVsn("1.0.0")).toBe(false);
    expect(isSupportedVsn("2.0")).toBe(false);
    expect(isSupportedVsn(undefined)).toBe(false);
    expect(isSupportedVsn({ major: "2" })).toBe(false);
  });

  it("decodes the bearer token the official client puts in the subprotocols (btoa, no padding)", () => {
    const offered = offeredSubprotocols("phoenix, base64url.bearer.phx.c2VjcmV0LXRva2Vu");
    expect(offered).toEqual(["phoenix", "base64url.bearer.phx.c2VjcmV0LXRva2Vu"]);
    expect(bearerTokenOf(offered)).toBe("secret-token");
    expect(bearerTokenOf(["phoenix"])).toBeUndefined();
    // "a" → btoa "YQ==" → sent as "YQ"
    expect(bearerTokenOf(["base64url.bearer.phx.YQ"])).toBe("a");
  });
});
