import { describe, expect, it } from "vitest";
import { html, CinderServerError } from "@cinder/server";
import { thrownCode } from "../../support/thrown-code.js";

/** The wire statics and slot kinds of a call site, the way the tracker sees them. */
function split(template: ReturnType<typeof html>) {
  return { statics: template.compiled.statics, slots: template.compiled.slots.map((slot) => slot.kind) };
}

describe("statics and dynamics", () => {
  it("keeps text interpolations between the statics", () => {
    expect(split(html`<h1>Count: ${1}</h1><p>${"a"} and ${"b"}</p>`)).toEqual({
      statics: ["<h1>Count: ", "</h1><p>", " and ", "</p>"],
      slots: ["text", "text", "text"],
    });
  });

  it("cuts ` name=` out of the statics for an unquoted whole attribute", () => {
    expect(split(html`<button phx-click="inc" disabled=${true}>+</button>`)).toEqual({
      statics: ['<button phx-click="inc"', ">+</button>"],
      slots: ["attribute"],
    });
    expect(split(html`<input   value = ${"x"} />`).statics).toEqual(["<input", " />"]);
  });

  it("makes one slot of a quoted value, however many interpolations it has", () => {
    const template = html`<a class="btn" href="/users/${1}/posts/${2}?tab=a">x</a>`;
    expect(split(template)).toEqual({ statics: ['<a class="btn" href="', '">x</a>'], slots: ["attribute-value"] });
    expect(template.compiled.slots[0]).toMatchObject({ name: "href", policy: "url", parts: ["/users/", 0, "/posts/", 1, "?tab=a"] });
    expect(split(html`<p title='${"t"}'></p>`).statics).toEqual(["<p title='", "'></p>"]);
  });

  it("recognises spreads, comments and raw text", () => {
    expect(split(html`<div ${{}} id="x"><!-- ${"c"} --></div><style>${null}</style>`)).toEqual({
      statics: ["<div", ' id="x"><!-- ', " --></div><style>", "</style>"],
      slots: ["spread", "comment", "raw-text"],
    });
    // textarea and title hold escaped text; the tokenizer does not see tags inside them
    expect(split(html`<textarea><b>${"x"}</b></textarea><title>${"t"}</title>`).slots).toEqual(["text", "text"]);
    expect(split(html`<script>if (a < b) {}</script><p>${1}</p>`).slots).toEqual(["text"]);
  });

  it("uses the call site as the fingerprint: same site same compilation, other site other one", () => {
    const row = (name: string) => html`<li>${name}</li>`;
    expect(row("a").compiled).toBe(row("b").compiled);
    expect(html`<li>${"a"}</li>`.compiled).not.toBe(row("a").compiled);
  });
});

describe("single root detection (r: 1)", () => {
  const singleRoot = (template: ReturnType<typeof html>) => template.compiled.singleRoot;

  it("accepts one element with whitespace around it", () => {
    expect(singleRoot(html`<div class=${"a"}><p>${1}</p><br></div>`)).toBe(true);
    expect(singleRoot(html`
      <li id=${"x"}>${"y"}</li>
    `)).toBe(true);
    expect(singleRoot(html`<input value=${"v"}>`)).toBe(true);
    expect(singleRoot(html`<svg><path d="M0"/></svg>`)).toBe(true);
  });

  it("refuses anything the client's root rewrite would break", () => {
    expect(singleRoot(html`<p>a</p><p>b</p>`)).toBe(false);
    expect(singleRoot(html`text <b>x</b>`)).toBe(false);
    expect(singleRoot(html`<b>x</b> tail`)).toBe(false);
    expect(singleRoot(html`${"x"}<b>x</b>`)).toBe(false);
    expect(singleRoot(html`<b>x</b>${"x"}`)).toBe(false);
    expect(singleRoot(html`<!-- c --><b>x</b>`)).toBe(false);
    expect(singleRoot(html`<div>unclosed`)).toBe(false);
    expect(singleRoot(html`<my-widget/>`)).toBe(false); // HTML ignores "/>" on non-void elements
    expect(singleRoot(html``)).toBe(false);
  });
});

describe("templates that can never render safely are refused at their first call", () => {
  it("refuses interpolated tag and attribute names", () => {
    expect(thrownCode(() => html`<${"div"}>`)).toBe("CINDER_TEMPLATE_DYNAMIC_TAG_NAME");
    expect(thrownCode(() => html`<h${1}>`)).toBe("CINDER_TEMPLATE_DYNAMIC_TAG_NAME");
    expect(thrownCode(() => html`<div data-${"x"}="1">`)).toBe("CINDER_TEMPLATE_DYNAMIC_ATTRIBUTE_NAME");
    expect(thrownCode(() => html`</div ${"x"}>`)).toBe("CINDER_TEMPLATE_DYNAMIC_IN_DECLARATION");
    expect(thrownCode(() => html`<!DOCTYPE ${"html"}>`)).toBe("CINDER_TEMPLATE_DYNAMIC_IN_DECLARATION");
  });

  it("refuses unquoted values mixed with text, and glued spreads", () => {
    expect(thrownCode(() => html`<a href=/x/${"y"}>`)).toBe("CINDER_TEMPLATE_UNQUOTED_ATTRIBUTE_TEXT");
    expect(thrownCode(() => html`<a href=${"y"}/x>`)).not.toBeDefined(); // "/" ends the tag's attributes
    expect(thrownCode(() => html`<a href=${"y"}x>`)).toBe("CINDER_TEMPLATE_UNQUOTED_ATTRIBUTE_TEXT");
    expect(thrownCode(() => html`<a href=${"y"}${"z"}>`)).toBe("CINDER_TEMPLATE_UNQUOTED_ATTRIBUTE_TEXT");
    expect(thrownCode(() => html`<a ${{}}class="x">`)).toBe("CINDER_TEMPLATE_SPREAD_NOT_SEPARATED");
  });

  it("refuses a template that ends inside a tag, and says how to fix it", () => {
    let error: unknown;
    try {
      html`<div class="x`;
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CinderServerError);
    expect((error as CinderServerError).code).toBe("CINDER_TEMPLATE_UNTERMINATED_TAG");
    expect((error as CinderServerError).message).toMatch(/Close the tag/);
  });
});
