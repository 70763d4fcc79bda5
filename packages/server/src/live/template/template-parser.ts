import { attributePolicy } from "./attribute-policy.js";
import type { CompiledTemplate, SlotPlan } from "./compiled-template.js";
import { ElementNesting } from "./element-nesting.js";
import { HtmlTokenizer, isWhitespace } from "./html-tokenizer.js";
import { serverError } from "../../errors/error-registry.js";

/**
 * Compiles the static strings of one `html` call site: the HTML tokenizer runs over the statics
 * once and, at every interpolation, this parser reads which context it sits in (text, raw text,
 * comment, attribute value, whole attribute, spread) and plans the wire slot that will hold it.
 * Contexts that can never be filled safely (tag names, attribute names, declarations) are
 * rejected here, at the call site's first use.
 *
 * A slot does not always sit exactly where its interpolation does: a whole attribute's slot takes
 * ` name=` with it, a quoted value's slot takes the whole value between the quotes. Each slot
 * is recorded as a cut out of the statics; what is left between the cuts is the wire statics.
 */

/** Raw-text elements whose content is code: interpolations there must be `safe()`. */
const SCRIPT_ELEMENTS = new Set(["script", "style"]);

/** A position in the statics: string `string`, character `offset`. */
interface Position {
  string: number;
  offset: number;
}

/** A stretch of the source replaced by one wire slot. */
interface Cut {
  start: Position;
  end: Position;
  plan: SlotPlan;
}

/** A quoted attribute value with holes in it, recorded until its closing quote. */
interface AttributeValueGroup {
  name: string;
  tagName: string;
  start: Position;
  holes: number[];
}

/** The length of `text` without its trailing HTML whitespace. */
function withoutTrailingWhitespace(text: string): number {
  let end = text.length;
  while (end > 0 && isWhitespace(text[end - 1])) end--;
  return end;
}

let nextTemplateId = 1;

export function compileTemplate(strings: readonly string[]): CompiledTemplate {
  return new TemplateParser(strings).compile();
}

class TemplateParser {
  readonly #strings: readonly string[];
  readonly #tokenizer: HtmlTokenizer;
  readonly #nesting = new ElementNesting();
  /** Where the current attribute (with the whitespace before it) starts. */
  #attributeStart: Position = { string: 0, offset: 0 };
  #valueStart: Position = { string: 0, offset: 0 };
  #group: AttributeValueGroup | undefined;
  readonly #cuts: Cut[] = [];
  /** After a spread or whole attribute the next character must end that attribute. */
  #separatorRequired: "spread" | "attribute" | undefined;

  constructor(strings: readonly string[]) {
    this.#strings = strings;
    this.#tokenizer = new HtmlTokenizer({
      content: () => this.#nesting.content(),
      tag: (tag) => this.#nesting.tag(tag),
      attributeStarted: (text, index, offset) => {
        this.#attributeStart = { string: index, offset: withoutTrailingWhitespace(text.slice(0, offset)) };
      },
      quotedValueStarted: (index, offset) => {
        this.#valueStart = { string: index, offset };
        this.#group = undefined;
      },
      quotedValueEnded: (index, offset) => this.#endQuotedValue(index, offset),
    });
  }

  compile(): CompiledTemplate {
    const last = this.#strings.length - 1;
    for (let index = 0; index <= last; index++) {
      this.#readString(index);
      if (index < last) this.#hole(index);
    }
    if (this.#tokenizer.insideTag) throw serverError("CINDER_TEMPLATE_UNTERMINATED_TAG", this.#excerptAtEnd());
    return {
      id: nextTemplateId++,
      statics: this.#wireStatics(),
      slots: this.#cuts.map((cut) => cut.plan),
      singleRoot: this.#nesting.singleRoot,
    };
  }

  #readString(index: number): void {
    const text = this.#strings[index] ?? "";
    if (this.#separatorRequired !== undefined && text.length > 0) {
      const first = text[0];
      if (!isWhitespace(first) && first !== ">" && first !== "/") {
        throw this.#separatorRequired === "spread"
          ? serverError("CINDER_TEMPLATE_SPREAD_NOT_SEPARATED", this.#excerpt(index - 1))
          : serverError("CINDER_TEMPLATE_UNQUOTED_ATTRIBUTE_TEXT", this.#tokenizer.attributeName, this.#excerpt(index - 1));
      }
    }
    if (text.length > 0) this.#separatorRequired = undefined;
    this.#tokenizer.read(text, index);
  }

  #endQuotedValue(index: number, offset: number): void {
    const group = this.#group;
    if (group === undefined) return;
    this.#group = undefined;
    const parts: (string | number)[] = [];
    // Static text of the value lies between the opening quote, the holes and the closing quote.
    let from = group.start;
    for (const hole of group.holes) {
      parts.push(this.#text(from, this.#endOf(hole)), hole);
      from = { string: hole + 1, offset: 0 };
    }
    parts.push(this.#text(from, { string: index, offset }));
    const plan: SlotPlan = {
      kind: "attribute-value",
      name: group.name,
      policy: attributePolicy(group.name),
      tagName: group.tagName,
      parts: parts.filter((part) => part !== ""),
      valueIndexes: group.holes,
    };
    this.#cuts.push({ start: group.start, end: { string: index, offset }, plan });
  }


  #hole(index: number): void {
    if (this.#separatorRequired === "attribute") {
      // `name=${a}${b}`: the second value would be glued to the first.
      throw serverError("CINDER_TEMPLATE_UNQUOTED_ATTRIBUTE_TEXT", this.#tokenizer.attributeName, this.#excerpt(index));
    }
    const holeOnly: Pick<Cut, "start" | "end"> = {
      start: this.#endOf(index),
      end: { string: index + 1, offset: 0 },
    };
    switch (this.#tokenizer.state) {
      case "data":
        this.#nesting.content();
        this.#cuts.push({ ...holeOnly, plan: { kind: "text", valueIndex: index } });
        return;
      case "raw":
        this.#cuts.push({
          ...holeOnly,
          plan: SCRIPT_ELEMENTS.has(this.#tokenizer.rawElement)
            ? { kind: "raw-text", valueIndex: index, element: this.#tokenizer.rawElement }
            : { kind: "text", valueIndex: index },
        });
        return;
      case "comment":
        this.#cuts.push({ ...holeOnly, plan: { kind: "comment", valueIndex: index } });
        return;
      case "before-attribute-name":
      case "after-attribute-name":
      case "after-attribute-value-quoted":
      case "self-closing-start":
        this.#tokenizer.continueAfterDynamicAttribute();
        this.#separatorRequired = "spread";
        // A spread renders its own leading space, like a whole attribute.
        this.#cuts.push({
          start: { string: index, offset: withoutTrailingWhitespace(this.#strings[index] ?? "") },
          end: holeOnly.end,
          plan: { kind: "spread", valueIndex: index, tagName: this.#tokenizer.tagName },
        });
        return;
      case "before-attribute-value":
        this.#tokenizer.continueAfterDynamicAttribute();
        this.#separatorRequired = "attribute";
        this.#cuts.push({
          start: this.#attributeStart,
          end: holeOnly.end,
          plan: {
            kind: "attribute",
            valueIndex: index,
            name: this.#tokenizer.attributeName,
            policy: attributePolicy(this.#tokenizer.attributeName),
            tagName: this.#tokenizer.tagName,
          },
        });
        return;
      case "attribute-value-double":
      case "attribute-value-single":
        this.#group ??= { name: this.#tokenizer.attributeName, tagName: this.#tokenizer.tagName, start: this.#valueStart, holes: [] };
        this.#group.holes.push(index);
        return;
      case "attribute-value-unquoted":
        throw serverError("CINDER_TEMPLATE_UNQUOTED_ATTRIBUTE_TEXT", this.#tokenizer.attributeName, this.#excerpt(index));
      case "attribute-name":
        throw serverError("CINDER_TEMPLATE_DYNAMIC_ATTRIBUTE_NAME", this.#excerpt(index));
      case "tag-open":
      case "tag-name":
        throw serverError("CINDER_TEMPLATE_DYNAMIC_TAG_NAME", this.#excerpt(index));
      case "end-tag-open":
      case "end-tag-name":
      case "after-end-tag-name":
      case "bogus-comment":
        throw serverError("CINDER_TEMPLATE_DYNAMIC_IN_DECLARATION", this.#excerpt(index));
    }
  }

  #text(from: Position, to: Position): string {
    if (from.string === to.string) return (this.#strings[from.string] ?? "").slice(from.offset, to.offset);
    // Only ever called for stretches without holes in between.
    return (this.#strings[from.string] ?? "").slice(from.offset);
  }

  /** The statics with every cut removed: one more string than there are slots. */
  #wireStatics(): string[] {
    // Attribute-value cuts are recorded when the value closes, after the holes before them.
    const cuts = [...this.#cuts].sort((a, b) => a.start.string - b.start.string || a.start.offset - b.start.offset);
    this.#cuts.length = 0;
    this.#cuts.push(...cuts);
    const statics: string[] = [];
    let from: Position = { string: 0, offset: 0 };
    for (const cut of cuts) {
      statics.push(this.#text(from, cut.start));
      from = cut.end;
    }
    statics.push(this.#text(from, this.#endOf(this.#strings.length - 1)));
    return statics;
  }

  /** The position just past the end of string `index`. */
  #endOf(index: number): Position {
    return { string: index, offset: (this.#strings[index] ?? "").length };
  }

  #excerpt(holeIndex: number): string {
    const before = (this.#strings[holeIndex] ?? "").slice(-30);
    const after = (this.#strings[holeIndex + 1] ?? "").slice(0, 20);
    return `near ${JSON.stringify(`${before}\${…}${after}`)}`;
  }

  #excerptAtEnd(): string {
    return `near ${JSON.stringify((this.#strings[this.#strings.length - 1] ?? "").slice(-40))}`;
  }
}
