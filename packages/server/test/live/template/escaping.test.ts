import { describe, expect, it } from "vitest";
import { Window } from "happy-dom";
import { html, safe, CinderServerError, renderToString } from "@cinder/server";
import { RenderTracker } from "../../../src/live/template/render-tracker.js";
import { renderBothWays } from "./support/client-mirror.js";
import { thrownCode } from "../../support/thrown-code.js";

const XSS = `"'><script>alert(1)</script><img src=x onerror=alert(1)>&amp;`;
const UNSAFE_URL = "about:invalid#cinder-unsafe-url";

/**
 * Parses `markup` like a browser and fails if anything in it could run: a script element, an
 * event handler attribute, or a URL attribute with a script-capable scheme.
 */
function expectInert(markup: string): void {
  const window = new Window();
  const container = window.document.createElement("div");
  container.innerHTML = markup;
  expect(container.querySelectorAll("script").length, markup).toBe(0);
  for (const element of container.querySelectorAll("*")) {
    for (const attribute of Array.from(element.attributes)) {
      expect(attribute.name.startsWith("on"), `${attribute.name} in ${markup}`).toBe(false);
      if (["href", "src", "action", "formaction", "xlink:href", "poster", "data"].includes(attribute.name)) {
        const url = (attribute.value ?? "").replace(/[\u0000-\u0020]/g, "").toLowerCase();
        expect(/^(javascript|vbscript|data):/.test(url), `${attribute.name}="${attribute.value}"`).toBe(false);
      }
    }
  }
  void window.happyDOM.close();
}

describe("text", () => {
  it("escapes & < > \" ' in text content", () => {
    const output = renderBothWays(html`<p>${XSS}</p>`);
    expect(output).toBe(
      "<p>&quot;&#39;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&amp;amp;</p>",
    );
    expectInert(output);
  });

  it("renders numbers and bigints, and nothing for null, undefined and booleans", () => {
    expect(renderBothWays(html`<p>${0}|${-1.5}|${10n}|${null}|${undefined}|${true}|${false}</p>`)).toBe("<p>0|-1.5|10||||</p>");
  });

  it("renders safe() markup verbatim, and escapes look-alike data", () => {
    expect(renderBothWays(html`<p>${safe("<b>bold</b>")}</p>`)).toBe("<p><b>bold</b></p>");
    // JSON can never produce a SafeHtml: an object shaped like one is just data
    expect(renderBothWays(html`<p>${{ html: "<b>x</b>" }}</p>`)).toBe("<p>[object Object]</p>");
  });

  it("renders objects that cannot be stringified as nothing instead of crashing the view", () => {
    const hostile = JSON.parse('{"toString": 1, "valueOf": 2}') as unknown;
    expect(renderBothWays(html`<p>${hostile}|${Object.create(null)}</p>`)).toBe("<p>|</p>");
  });

  it("escapes textarea and title content as text", () => {
    const output = renderBothWays(html`<textarea>${"</textarea><script>alert(1)</script>"}</textarea><title>${"</title><b>"}</title>`);
    expect(output).toBe(
      "<textarea>&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;</textarea><title>&lt;/title&gt;&lt;b&gt;</title>",
    );
    expectInert(output);
  });

  it("escapes comment content so it cannot close the comment", () => {
    const output = renderBothWays(html`<div><!-- ${"--><script>alert(1)</script><!--"} --></div>`);
    expect(output).toBe("<div><!-- --&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!-- --></div>");
    expectInert(output);
  });
});

describe("attribute values", () => {
  it("escapes double-quoted values", () => {
    const output = renderBothWays(html`<p title="${XSS}">x</p>`);
    expect(output).toBe(
      '<p title="&quot;&#39;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&amp;amp;">x</p>',
    );
    expectInert(output);
  });

  it("escapes single-quoted values", () => {
    const output = renderBothWays(html`<p title='${"' onmouseover='alert(1)"}'>x</p>`);
    expect(output).toBe("<p title='&#39; onmouseover=&#39;alert(1)'>x</p>");
    expectInert(output);
  });

  it("quotes and escapes an unquoted whole attribute, with HEEx boolean semantics", () => {
    const button = (value: unknown) => html`<button title=${value}>b</button>`;
    const output = renderBothWays(button("x onmouseover=alert(1) \"><script>alert(1)</script>"));
    expect(output).toBe('<button title="x onmouseover=alert(1) &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">b</button>');
    expectInert(output);
    expect(renderBothWays(button(true))).toBe("<button title>b</button>");
    expect(renderBothWays(button(false))).toBe("<button>b</button>");
    expect(renderBothWays(button(null))).toBe("<button>b</button>");
    expect(renderBothWays(button(undefined))).toBe("<button>b</button>");
    expect(renderBothWays(button(0))).toBe('<button title="0">b</button>');
  });

  it("joins class lists, dropping falsy entries, and escapes each class", () => {
    const output = renderBothWays(html`<li class=${["row", false, null, undefined, 0, "", ["nested", "x\"><script>alert(1)</script>"]]}>r</li>`);
    expect(output).toBe('<li class="row nested x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">r</li>');
    expectInert(output);
    expect(renderBothWays(html`<li class="base ${["a", false && "b"]}">r</li>`)).toBe('<li class="base a">r</li>');
  });

  it("keeps booleans and null out of quoted values", () => {
    expect(renderBothWays(html`<p class="a ${false} ${null}" data-x="${String(true)}"></p>`)).toBe('<p class="a  " data-x="true"></p>');
  });
});

describe("URL attributes", () => {
  const link = (url: string) => renderBothWays(html`<a href="${url}">l</a>`);
  const unquotedLink = (url: string) => renderBothWays(html`<a href=${url}>l</a>`);

  it.each([
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " \t\n javascript:alert(1)",
    "\u0001\u001fjavascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\u0000script:alert(1)",
    "\u200bjavascript:alert(1)",
    "javascript\t:alert(1)",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=",
    " DATA:text/html,<script>alert(1)</script>",
  ])("neutralises %j", (url) => {
    expect(link(url)).toBe(`<a href="${UNSAFE_URL}">l</a>`);
    expect(unquotedLink(url)).toBe(`<a href="${UNSAFE_URL}">l</a>`);
  });

  it("leaves character references in data inert (they are escaped, never decoded)", () => {
    const output = link("javascript&colon;alert(1)");
    expect(output).toBe('<a href="javascript&amp;colon;alert(1)">l</a>');
    expectInert(output);
    expectInert(link("&#106;avascript:alert(1)"));
    expectInert(link("&#x6A;avascript:alert(1)"));
  });

  it("checks the whole value when statics and data build the URL together", () => {
    expect(renderBothWays(html`<a href="java${"script:alert(1)"}">l</a>`)).toBe(`<a href="${UNSAFE_URL}">l</a>`);
    expect(renderBothWays(html`<a href="${"javascript"}:alert(1)">l</a>`)).toBe(`<a href="${UNSAFE_URL}">l</a>`);
    expect(renderBothWays(html`<a href="${"java"}${"script:"}x">l</a>`)).toBe(`<a href="${UNSAFE_URL}">l</a>`);
    expect(renderBothWays(html`<a href="&#106;ava${"script:alert(1)"}">l</a>`)).toBe(`<a href="${UNSAFE_URL}">l</a>`);
  });

  it("covers every URL attribute, including in spreads", () => {
    const bad = "javascript:alert(1)";
    const output = renderBothWays(html`
      <form action=${bad}><button formaction="${bad}">b</button></form>
      <iframe src=${bad}></iframe><video poster=${bad}></video><blockquote cite=${bad}></blockquote>
      <svg><a xlink:href=${bad}></a></svg><object data=${bad}></object>
      <a ${{ href: bad, title: "t" }}>l</a>
    `);
    expect(output.match(/about:invalid#cinder-unsafe-url/g)).toHaveLength(8);
    expect(output).not.toContain("javascript");
    expectInert(output);
  });

  it("keeps ordinary URLs, and base64 raster images in img src only", () => {
    expect(link("https://example.com/?q=javascript:alert(1)&a=b")).toBe('<a href="https://example.com/?q=javascript:alert(1)&amp;a=b">l</a>');
    expect(link("/users/1?tab=javascript")).toBe('<a href="/users/1?tab=javascript">l</a>');
    expect(link("mailto:a@b.c")).toBe('<a href="mailto:a@b.c">l</a>');
    expect(renderBothWays(html`<img src=${"data:image/png;base64,iVBORw0KGgo="}>`)).toBe('<img src="data:image/png;base64,iVBORw0KGgo=">');
    expect(link("data:image/png;base64,iVBORw0KGgo=")).toBe(`<a href="${UNSAFE_URL}">l</a>`);
    expect(renderBothWays(html`<iframe src=${"data:image/png;base64,iVBORw0KGgo="}></iframe>`)).toBe(`<iframe src="${UNSAFE_URL}"></iframe>`);
  });

  it("trusts safe() URLs", () => {
    expect(renderBothWays(html`<a href=${safe("javascript:void(0)")}>l</a>`)).toBe('<a href="javascript:void(0)">l</a>');
  });
});

describe("attribute spreads", () => {
  it("renders each valid key as a whole attribute and drops keys that could break out", () => {
    const attributes = JSON.parse(
      '{"title":"\\"><img src=x onerror=alert(1)>","disabled":true,"hidden":false,"class":["a","b"],"onclick":"alert(1)","onmouseover x":"1","a b":"1","x>":"1","\\"q":"1","":"1","srcdoc":"<script>alert(1)</script>","data-id":7}',
    ) as Record<string, unknown>;
    const output = renderBothWays(html`<div ${attributes}>x</div>`);
    expect(output).toBe('<div title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" disabled class="a b" data-id="7">x</div>');
    expectInert(output);
  });

  it("renders nothing for null or false, safe() attribute strings as they are, and refuses other values", () => {
    expect(renderBothWays(html`<div ${null} ${false}>x</div>`)).toBe("<div>x</div>");
    expect(renderBothWays(html`<div ${safe('onclick="go()"')}>x</div>`)).toBe('<div onclick="go()">x</div>');
    expect(thrownCode(() => renderToString(html`<div ${"disabled"}>x</div>`))).toBe("CINDER_TEMPLATE_INVALID_SPREAD");
    expect(thrownCode(() => renderToString(html`<div ${html`x`}>x</div>`))).toBe("CINDER_TEMPLATE_INVALID_SPREAD");
  });
});

describe("developer errors, thrown with a code whatever the data", () => {
  it("refuses data inside <script> and <style>, and accepts safe()", () => {
    expect(thrownCode(() => renderToString(html`<script>const x = ${"1"};</script>`))).toBe("CINDER_TEMPLATE_UNSAFE_SCRIPT_CONTEXT");
    expect(thrownCode(() => new RenderTracker().render(html`<style>p { color: ${"red"} }</style>`))).toBe("CINDER_TEMPLATE_UNSAFE_SCRIPT_CONTEXT");
    expect(thrownCode(() => renderToString(html`<script>${html`<b>x</b>`}</script>`))).toBe("CINDER_TEMPLATE_UNSAFE_SCRIPT_CONTEXT");
    expect(renderBothWays(html`<script>const x = ${safe("1")};</script>`)).toBe("<script>const x = 1;</script>");
  });

  it("refuses data in event handler and srcdoc attributes", () => {
    expect(thrownCode(() => renderToString(html`<b onclick=${"alert(1)"}>x</b>`))).toBe("CINDER_TEMPLATE_UNSAFE_SCRIPT_CONTEXT");
    expect(thrownCode(() => renderToString(html`<b onclick="go('${"x"}')">x</b>`))).toBe("CINDER_TEMPLATE_UNSAFE_SCRIPT_CONTEXT");
    expect(thrownCode(() => renderToString(html`<iframe srcdoc=${"<script>alert(1)</script>"}></iframe>`))).toBe("CINDER_TEMPLATE_UNSAFE_SCRIPT_CONTEXT");
    expect(renderBothWays(html`<b onclick=${safe("go()")}>x</b>`)).toBe('<b onclick="go()">x</b>');
  });

  it("refuses a template in an attribute, with a message that says what to pass", () => {
    let error: unknown;
    try {
      renderToString(html`<p title=${html`<b>x</b>`}></p>`);
    } catch (caught) {
      error = caught;
    }
    expect((error as CinderServerError).code).toBe("CINDER_TEMPLATE_TEMPLATE_IN_ATTRIBUTE");
    expect((error as CinderServerError).message).toMatch(/"title".*pass a string/);
    expect(thrownCode(() => renderToString(html`<p class="a ${[html`x`]}"></p>`))).toBe("CINDER_TEMPLATE_TEMPLATE_IN_ATTRIBUTE");
  });

  it("refuses functions and non-text comment values", () => {
    expect(thrownCode(() => renderToString(html`<p>${() => "x"}</p>`))).toBe("CINDER_TEMPLATE_FUNCTION_VALUE");
    expect(thrownCode(() => renderToString(html`<p title=${() => "x"}></p>`))).toBe("CINDER_TEMPLATE_FUNCTION_VALUE");
    expect(thrownCode(() => renderToString(html`<!-- ${html`<b>`} -->`))).toBe("CINDER_TEMPLATE_INVALID_COMMENT_VALUE");
  });
});
