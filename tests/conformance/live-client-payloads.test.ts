// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { Socket as PhoenixSocket } from "phoenix";
import { LiveSocket as OfficialLiveSocket } from "phoenix_live_view";
import { LiveSocket as CinderLiveSocket, type Hook } from "@cinder/client";

/*
 * Conformance, LiveView client side: Cinder's LiveSocket and the official phoenix_live_view
 * 1.2.12 LiveSocket run the same script against the same scripted server in the same page, and
 * must send the same frames (refs aside): the join payload, every binding's event payload, hook
 * pushes and the live_patch of a link.
 *
 * Form recovery after a reconnect is not compared here: the official client clones the old forms
 * and happy-dom does not associate a detached clone's inputs with their form, so the official
 * client throws there. Cinder's recovery frame is checked against the frame the spec observed
 * from the official client (§3.12) in packages/client/test/live/reconnect.test.ts.
 */

/** The transport both clients get: records frames and lets the script play the server. */
class ScriptedWebSocket {
  static last: ScriptedWebSocket | null = null;
  readyState = 0;
  binaryType = "arraybuffer";
  bufferedAmount = 0;
  onopen: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string; wasClean: boolean }) => void) | null = null;
  readonly sent: string[] = [];
  constructor(readonly url: string) {
    ScriptedWebSocket.last = this;
  }
  send(data: string): void {
    this.sent.push(data);
  }
  close(code = 1000): void {
    this.readyState = 3;
    this.onclose?.({ code, reason: "", wasClean: true });
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(frame: unknown[]): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
}

type Frame = [string | null, string | null, string, string, Record<string, unknown>];

const DEAD_RENDER =
  '<div id="phx-F1" data-phx-main data-phx-session="SESSION" data-phx-static="STATIC">' +
  '<a id="patch" href="/form?tab=2" data-phx-link="patch" data-phx-link-state="push">tab 2</a></div>';

const RENDERED = {
  s: [
    '<button id="inc" phx-click="inc" phx-value-by="1" phx-value-userId="7">+</button>' +
      '<div id="card" phx-click="open" phx-value-kind="card"><span id="label">Open</span></div>' +
      '<input id="search" phx-keydown="key" phx-key="Enter" value="q">' +
      '<input id="focus-me" phx-focus="focused" phx-blur="blurred" value="f">' +
      '<div id="hooked" phx-hook="Pusher"></div>' +
      '<a id="patch" href="/form?tab=2" data-phx-link="patch" data-phx-link-state="push">tab 2</a>' +
      '<form id="user-form" phx-change="validate" phx-submit="save" phx-value-step="2">' +
      '<input id="name" name="user[name]" value="">' +
      '<input id="email" name="user[email]" value="a@b.c">' +
      '<input type="hidden" name="token" value="t">' +
      '<input id="agree" type="checkbox" name="agree" value="yes">' +
      '<select id="size" name="size"><option value="s">s</option><option value="m" selected>m</option></select>' +
      '<textarea id="bio" name="bio">hi there</textarea>' +
      '<input id="tags" name="tags[]" value="x">' +
      '<button id="go" name="action" value="go">Go</button>' +
      "</form>",
    "",
  ],
  "0": 1,
  c: { "1": { s: ['<section id="comp"><button id="in-comp" phx-click="cclick" phx-target="1">c</button><button id="to-self" phx-click="plain">p</button></section>'], r: 1 } },
};

interface HookHandle {
  pushEvent(event: string, payload: unknown): unknown;
  pushEventTo(target: string | number, event: string, payload: unknown): unknown;
}

async function tick(): Promise<void> {
  for (let round = 0; round < 5; round++) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** Runs the script with one client and returns what it sent, refs removed. */
async function runScript(start: (hooks: Record<string, object>) => { disconnect(): void }): Promise<unknown[]> {
  window.history.replaceState(null, "", "/form");
  document.body.innerHTML = DEAD_RENDER;
  let hook: HookHandle | undefined;
  const client = start({
    Pusher: {
      mounted(this: HookHandle) {
        hook = this;
      },
    },
  });
  await tick();
  const socket = ScriptedWebSocket.last!;
  socket.open();
  await tick();
  const frames = (): Frame[] => socket.sent.map((text) => JSON.parse(text) as Frame).filter((frame) => frame[2] !== "phoenix");
  const replyTo = (frame: Frame, response: unknown = {}): void => socket.receive([frame[0], frame[1], frame[2], "phx_reply", { status: "ok", response }]);
  const answerEvents = async (): Promise<void> => {
    await tick();
    for (const frame of frames()) if (frame[3] === "event" && !answered.has(frame[1])) {
      answered.add(frame[1]);
      replyTo(frame);
    }
    await tick();
  };
  const answered = new Set<string | null>();
  const join = frames().find((frame) => frame[3] === "phx_join")!;
  replyTo(join, { rendered: RENDERED, liveview_version: "1.2.12" });
  await tick();

  const byId = (id: string) => document.getElementById(id)!;
  const click = (id: string) => {
    byId(id).dispatchEvent(new MouseEvent("mousedown", { bubbles: true }));
    byId(id).dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, detail: 1 }));
  };
  const input = (id: string, value: string) => {
    const element = byId(id) as HTMLInputElement;
    element.value = value;
    element.dispatchEvent(new Event("input", { bubbles: true }));
  };

  click("inc");
  await answerEvents();
  click("label");
  await answerEvents();
  click("in-comp");
  await answerEvents();
  click("to-self");
  await answerEvents();
  byId("search").dispatchEvent(new KeyboardEvent("keydown", { key: "a", bubbles: true }));
  byId("search").dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
  await answerEvents();
  byId("focus-me").dispatchEvent(new FocusEvent("focusin", { bubbles: true }));
  await answerEvents();
  byId("focus-me").dispatchEvent(new FocusEvent("focusout", { bubbles: true }));
  await answerEvents();
  input("name", "ada lovelace");
  await answerEvents();
  const agree = byId("agree") as HTMLInputElement;
  agree.checked = true;
  agree.dispatchEvent(new Event("input", { bubbles: true }));
  await answerEvents();
  (byId("size") as HTMLSelectElement).value = "s";
  byId("size").dispatchEvent(new Event("change", { bubbles: true }));
  await answerEvents();
  void hook?.pushEvent("ping", { n: 1 });
  await answerEvents();
  void hook?.pushEventTo("#comp", "to-comp", { m: 2 });
  await answerEvents();
  byId("user-form").dispatchEvent(new SubmitEvent("submit", { bubbles: true, cancelable: true, submitter: byId("go") }));
  await answerEvents();
  click("patch");
  await tick();
  const patch = frames().find((frame) => frame[3] === "live_patch");
  if (patch) replyTo(patch);
  await tick();

  const all = frames();
  client.disconnect();
  return all.map(([, , topic, event, payload]) => [topic, event, payload]);
}

describe("Cinder's LiveSocket sends what the official client sends", () => {
  afterEach(() => {
    document.body.innerHTML = "";
  });

  it("for the join, bindings, hook pushes and a patch link", async () => {
    const official = await runScript((hooks) => {
      const liveSocket = new OfficialLiveSocket("/live", PhoenixSocket, {
        transport: ScriptedWebSocket,
        params: { _csrf_token: "CSRF" },
        hooks,
        reconnectAfterMs: () => 10,
      } as never);
      liveSocket.disableDebug();
      liveSocket.connect();
      return { disconnect: () => liveSocket.disconnect() };
    });
    const ours = await runScript((hooks) => {
      const liveSocket = new CinderLiveSocket("/live", {
        transport: ScriptedWebSocket as never,
        params: { _csrf_token: "CSRF" },
        hooks: hooks as Record<string, Hook>,
        reconnectAfterMs: () => 10,
      });
      liveSocket.connect();
      return { disconnect: () => liveSocket.destroy() };
    });
    expect(official.map((frame) => (frame as unknown[])[1])).toEqual(["phx_join", ...Array(13).fill("event"), "live_patch"]);
    expect(ours).toEqual(official);
  });
});
