import { describe, expect, expectTypeOf, it } from "vitest";
import { defineLiveView, html, LiveView, type LiveParams, type LiveSession, type LiveViewSocket } from "@cinder/server";

/*
 * The typing of views is API: these assertions are checked by `npm run typecheck`
 * (tsc -p tsconfig.tests.json), where an unused @ts-expect-error fails the build.
 */

declare module "@cinder/server" {
  interface LiveSessionData {
    userId?: string;
  }
}

interface Assigns {
  count: number;
  name: string;
}
interface Events {
  inc: { by?: string };
  rename: { name: string };
}

describe("view typing", () => {
  it("checks the handler map against the declared events", () => {
    const view = defineLiveView<Assigns, Events>({
      mount(params, session, socket) {
        expectTypeOf(params).toEqualTypeOf<LiveParams>();
        expectTypeOf(session).toEqualTypeOf<LiveSession>();
        expectTypeOf(session.userId).toEqualTypeOf<string | undefined>();
        expectTypeOf(socket).toEqualTypeOf<LiveViewSocket<Assigns>>();
        socket.assign({ count: 0, name: "" });
        // @ts-expect-error an assign that is not declared
        socket.assign({ cuont: 1 });
        // @ts-expect-error a wrongly typed assign
        socket.assign({ count: "1" });
      },
      handleEvent: {
        inc(value, socket) {
          expectTypeOf(value).toEqualTypeOf<{ by?: string }>();
          socket.update("count", (count) => count + Number(value.by ?? 1));
        },
        rename(value, socket) {
          socket.assign({ name: value.name });
          return { reply: { renamed: true } };
        },
      },
      render: (assigns) => {
        expectTypeOf(assigns.count).toEqualTypeOf<number>();
        expectTypeOf(assigns.flash).toEqualTypeOf<Readonly<Record<string, string>>>();
        return html`<p>${assigns.name}: ${assigns.count}</p>`;
      },
    });
    expect(view).toBeInstanceOf(LiveView);

    defineLiveView<Assigns, Events>({
      handleEvent: {
        inc() {},
        rename() {},
        // @ts-expect-error an event that is not declared
        renmae() {},
      },
      render: () => html`<p></p>`,
    });

    defineLiveView<Assigns, Events>({
      // @ts-expect-error a declared event without a handler
      handleEvent: { inc() {} },
      render: () => html`<p></p>`,
    });

    defineLiveView<Assigns>({
      // @ts-expect-error a view that declares no events has none to handle
      handleEvent: { inc() {} },
      render: () => html`<p></p>`,
    });
  });

  it("types info messages and refuses a render that is not a template", () => {
    defineLiveView<Assigns, {}, { type: "tick" } | { type: "message"; body: string }>({
      handleInfo(message) {
        if (message.type === "message") expectTypeOf(message.body).toEqualTypeOf<string>();
      },
      render: () => html`<p></p>`,
    });
    // @ts-expect-error render must return an html`` template
    expect(() => defineLiveView<Assigns>({ render: () => "<p>plain string</p>" })).not.toThrow();
  });

  it("checks definitions at runtime too (plain JavaScript callers)", () => {
    expect(() => defineLiveView({} as never)).toThrow(expect.objectContaining({ name: "CinderServerError", code: "CINDER_LIVE_INVALID_DEFINITION" }));
    expect(() => defineLiveView({ render: () => html`<p></p>`, handleEvent: { inc: "nope" } } as never)).toThrow(/handleEvent.inc must be a function/);
    expect(() => defineLiveView({ render: () => html`<p></p>`, mount: 1 } as never)).toThrow(/mount must be a function/);
  });
});
