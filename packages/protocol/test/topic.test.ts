import { describe, expect, it } from "vitest";
import { findTopicRoute, topicMatches, topicSubtopic } from "@cinder/protocol";

describe("topic patterns", () => {
  it("matches a wildcard pattern by prefix", () => {
    expect(topicMatches("room:*", "room:lobby")).toBe(true);
    expect(topicMatches("room:*", "room:")).toBe(true);
    expect(topicMatches("room:*", "rooms:lobby")).toBe(false);
    expect(topicMatches("room:*", "room")).toBe(false);
  });

  it("matches a pattern without wildcard exactly", () => {
    expect(topicMatches("room:lobby", "room:lobby")).toBe(true);
    expect(topicMatches("room:lobby", "room:lobby2")).toBe(false);
  });

  it("treats a star in the middle as a literal character, as Phoenix does", () => {
    expect(topicMatches("room:*:x", "room:1:x")).toBe(false);
    expect(topicMatches("room:*:x", "room:*:x")).toBe(true);
  });

  it("extracts the subtopic matched by the wildcard", () => {
    expect(topicSubtopic("room:*", "room:101")).toBe("101");
    expect(topicSubtopic("room:*", "user:1")).toBeUndefined();
    expect(topicSubtopic("room:lobby", "room:lobby")).toBeUndefined();
  });

  it("routes to the first declared pattern that matches", () => {
    const routes = [
      ["room:lobby", "Lobby"],
      ["room:*", "Room"],
      ["*", "Anything"],
    ] as const;
    expect(findTopicRoute(routes, "room:lobby")).toBe("Lobby");
    expect(findTopicRoute(routes, "room:42")).toBe("Room");
    expect(findTopicRoute(routes, "user:1")).toBe("Anything");
    expect(findTopicRoute(routes.slice(0, 2), "user:1")).toBeUndefined();
  });
});
