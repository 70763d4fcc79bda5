import { attributePolicy } from "./attribute-policy.js";
import type { CompiledTemplate, SlotPlan } from "./compiled-template.js";
import { serverError } from "../../errors/error-registry.js";

/**
 * Compiles the static strings of one `html` call site: a small HTML tokenizer runs over the
 * statics once and decides, for every interpolation, which context it sits in (text, raw text,
 * comment, attribute value, whole attribute, spread). Contexts that can never be filled safely
 * (tag names, attribute names, declarations) are rejected here, at the call site's first use.
 *
 * The tokenizer follows the HTML tokenizer's states closely enough to agree with a browser on
 * every template a developer writes on purpose; it does not build a DOM. Element nesting is
 * tracked only to tell whether the template is a single root element.
 */

/** Elements whose content is not markup. Interpolations in script/style must be `safe()`. */
const RAW_TEXT_ELEMENTS = new Set(["script", "style", "xmp", "iframe", "noembed", "noframes", "textarea", "title"]);
const SCRIPT_ELEMENTS = new Set(["script", "style"]);
const VOID_ELEMENTS = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr",
]);
const FOREIGN_ROOTS = new Set(["svg", "math"]);

type State =
  | "data"
  | "raw"
  | "tag-open"
  | "end-tag-open"
  | "tag-name"
  | "end-tag-name"
  | "after-end-tag-name"
  | "before-attribute-name"
  | "attribute-name"
  | "after-attribute-name"
  | "before-attribute-value"
  | "attribute-value-double"
  | "attribute-value-single"
  | "attribute-value-unquoted"
  | "after-attribute-value-quoted"
  | "self-closing-start"
  | "comment"
  | "bogus-comment";

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

interface AttributeValueGroup {
  name: string;
  tagName: string;
  start: Position;
  holes: number[];
}

type RootStatus = "none" | "open" | "closed" | "invalid";

const isWhitespace = (character: string | undefined): boolean =>
  character === " " || character === "\n" || character === "\t" || character === "\r" || character === "\f";
const isAsciiLetter = (character: string | undefined): boolean =>
  character !== undefined && ((character >= "a" && character <= "z") || (character >= "A" && character <= "Z"));

/** The length of `text` without its trailing HTML whitespace. */
function withoutTrailingWhitespace(text: string): number {
  let end = text.length;
  while (end > 0 && isWhitespace(text[end - 1])) end--;
  return end;
}

let nextTemplateId = 1;

export function compileTemplate(strings: readonly string[]): CompiledTemplate {
  return new TemplateScanner(strings).compile();
}

class TemplateScanner {
  readonly #strings: readonly string[];
  #state: State = "data";
  #tagName = "";
  #isEndTag = false;
  #selfClosing = false;
  #attributeName = "";
  /** Where the current attribute (with the whitespace before it) starts. */
  #attributeStart: Position = { string: 0, offset: 0 };
  #valueStart: Position = { string: 0, offset: 0 };
  #group: AttributeValueGroup | undefined;
  #rawElement = "";
  readonly #stack: string[] = [];
  #root: RootStatus = "none";
  readonly #cuts: Cut[] = [];
  /** After a spread or whole attribute the next character must end that attribute. */
  #separatorRequired: "spread" | "attribute" | undefined;

  constructor(strings: readonly string[]) {
    this.#strings = strings;
  }

  compile(): CompiledTemplate {
    const last = this.#strings.length - 1;
    for (let index = 0; index <= last; index++) {
      this.#scanString(index);
      if (index < last) this.#hole(index);
    }
    if (this.#insideTag()) throw serverError("CINDER_TEMPLATE_UNTERMINATED_TAG", this.#excerptAtEnd());
    return {
      id: nextTemplateId++,
      statics: this.#wireStatics(),
      slots: this.#cuts.map((cut) => cut.plan),
      singleRoot: this.#root === "closed",
    };
  }

  #scanString(index: number): void {
    const text = this.#strings[index] ?? "";
    if (this.#separatorRequired !== undefined && text.length > 0) {
      const first = text[0];
      if (!isWhitespace(first) && first !== ">" && first !== "/") {
        throw this.#separatorRequired === "spread"
          ? serverError("CINDER_TEMPLATE_SPREAD_NOT_SEPARATED", this.#excerpt(index - 1))
          : serverError("CINDER_TEMPLATE_UNQUOTED_ATTRIBUTE_TEXT", this.#attributeName, this.#excerpt(index - 1));
      }
    }
    if (text.length > 0) this.#separatorRequired = undefined;
    let offset = 0;
    while (offset < text.length) offset = this.#step(text, index, offset);
  }

  /** Consumes the character at `offset` (sometimes a few more) and returns the next offset. */
  #step(text: string, index: number, offset: number): number {
    const character = text[offset];
    switch (this.#state) {
      case "data":
        if (character === "<") {
          this.#state = "tag-open";
        } else if (!isWhitespace(character)) {
          this.#topLevelContent();
        }
        return offset + 1;
      case "raw":
        if (character === "<" && this.#closesRawElement(text, offset)) {
          this.#tagName = this.#rawElement;
          this.#isEndTag = true;
          this.#state = "after-end-tag-name";
          return offset + 2 + this.#rawElement.length;
        }
        return offset + 1;
      case "tag-open":
        if (isAsciiLetter(character)) {
          this.#startTag(false);
          this.#tagName = (character as string).toLowerCase();
          this.#state = "tag-name";
          return offset + 1;
        }
        if (character === "/") {
          this.#state = "end-tag-open";
          return offset + 1;
        }
        if (character === "!") {
          this.#topLevelContent();
          if (text.startsWith("--", offset + 1)) {
            this.#state = "comment";
            return this.#afterCommentStart(text, offset + 3);
          }
          this.#state = "bogus-comment";
          return offset + 1;
        }
        if (character === "?") {
          this.#topLevelContent();
          this.#state = "bogus-comment";
          return offset + 1;
        }
        // A lone "<" is text; reconsume the character in the data state.
        this.#topLevelContent();
        this.#state = "data";
        return offset;
      case "end-tag-open":
        if (isAsciiLetter(character)) {
          this.#startTag(true);
          this.#tagName = (character as string).toLowerCase();
          this.#state = "end-tag-name";
          return offset + 1;
        }
        this.#state = character === ">" ? "data" : "bogus-comment";
        return offset + 1;
      case "tag-name":
        if (isWhitespace(character)) this.#state = "before-attribute-name";
        else if (character === "/") this.#state = "self-closing-start";
        else if (character === ">") this.#emitTag();
        else this.#tagName += (character as string).toLowerCase();
        return offset + 1;
      case "end-tag-name":
        if (isWhitespace(character) || character === "/") this.#state = "after-end-tag-name";
        else if (character === ">") this.#emitTag();
        else this.#tagName += (character as string).toLowerCase();
        return offset + 1;
      case "after-end-tag-name":
        if (character === ">") this.#emitTag();
        return offset + 1;
      case "before-attribute-name":
        if (isWhitespace(character)) return offset + 1;
        if (character === "/") {
          this.#state = "self-closing-start";
          return offset + 1;
        }
        if (character === ">") {
          this.#emitTag();
          return offset + 1;
        }
        this.#startAttribute(text, index, offset);
        return offset + 1;
      case "attribute-name":
        if (isWhitespace(character)) this.#state = "after-attribute-name";
        else if (character === "/") this.#state = "self-closing-start";
        else if (character === "=") this.#state = "before-attribute-value";
        else if (character === ">") this.#emitTag();
        else this.#attributeName += character;
        return offset + 1;
      case "after-attribute-name":
        if (isWhitespace(character)) return offset + 1;
        if (character === "/") this.#state = "self-closing-start";
        else if (character === "=") this.#state = "before-attribute-value";
        else if (character === ">") this.#emitTag();
        else this.#startAttribute(text, index, offset);
        return offset + 1;
      case "before-attribute-value":
        if (isWhitespace(character)) return offset + 1;
        if (character === '"' || character === "'") {
          this.#state = character === '"' ? "attribute-value-double" : "attribute-value-single";
          this.#valueStart = { string: index, offset: offset + 1 };
          this.#group = undefined;
          return offset + 1;
        }
        if (character === ">") {
          this.#emitTag();
          return offset + 1;
        }
        this.#state = "attribute-value-unquoted";
        return offset + 1;
      case "attribute-value-double":
      case "attribute-value-single":
        if (character === (this.#state === "attribute-value-double" ? '"' : "'")) {
          this.#endQuotedValue(index, offset);
          this.#state = "after-attribute-value-quoted";
        }
        return offset + 1;
      case "attribute-value-unquoted":
        if (isWhitespace(character)) this.#state = "before-attribute-name";
        else if (character === ">") this.#emitTag();
        return offset + 1;
      case "after-attribute-value-quoted":
        if (isWhitespace(character)) {
          this.#state = "before-attribute-name";
          return offset + 1;
        }
        if (character === "/") {
          this.#state = "self-closing-start";
          return offset + 1;
        }
        if (character === ">") {
          this.#emitTag();
          return offset + 1;
        }
        this.#state = "before-attribute-name";
        return offset;
      case "self-closing-start":
        if (character === ">") {
          this.#selfClosing = true;
          this.#emitTag();
          return offset + 1;
        }
        this.#state = "before-attribute-name";
        return offset;
      case "comment":
        if (text.startsWith("-->", offset)) {
          this.#state = "data";
          return offset + 3;
        }
        if (text.startsWith("--!>", offset)) {
          this.#state = "data";
          return offset + 4;
        }
        return offset + 1;
      case "bogus-comment":
        if (character === ">") this.#state = "data";
        return offset + 1;
    }
  }

  /** `<!-->` and `<!--->` are complete (empty) comments. */
  #afterCommentStart(text: string, offset: number): number {
    if (text.startsWith(">", offset)) {
      this.#state = "data";
      return offset + 1;
    }
    if (text.startsWith("->", offset)) {
      this.#state = "data";
      return offset + 2;
    }
    return offset;
  }

  #closesRawElement(text: string, offset: number): boolean {
    const name = this.#rawElement;
    if (text.slice(offset + 2, offset + 2 + name.length).toLowerCase() !== name || text[offset + 1] !== "/") return false;
    const next = text[offset + 2 + name.length];
    return next === undefined || isWhitespace(next) || next === "/" || next === ">";
  }

  #startTag(isEndTag: boolean): void {
    this.#isEndTag = isEndTag;
    this.#selfClosing = false;
    this.#tagName = "";
  }

  #startAttribute(text: string, index: number, offset: number): void {
    this.#attributeStart = { string: index, offset: withoutTrailingWhitespace(text.slice(0, offset)) };
    this.#attributeName = text[offset] ?? "";
    this.#state = "attribute-name";
  }

  #endQuotedValue(index: number, offset: number): void {
    const group = this.#group;
    if (group === undefined) return;
    this.#group = undefined;
    const parts: (string | number)[] = [];
    // Static text of the value lies between the opening quote, the holes and the closing quote.
    let from = group.start;
    for (const hole of group.holes) {
      parts.push(this.#text(from, { string: hole, offset: (this.#strings[hole] ?? "").length }), hole);
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

  #emitTag(): void {
    this.#state = "data";
    const name = this.#tagName;
    if (this.#isEndTag) {
      const open = this.#stack.lastIndexOf(name);
      if (open === -1) {
        if (this.#stack.length === 0) this.#root = "invalid";
        return;
      }
      this.#stack.length = open;
      if (this.#stack.length === 0 && this.#root === "open") this.#root = "closed";
      return;
    }
    if (this.#stack.length === 0) this.#root = this.#root === "none" ? "open" : "invalid";
    const inForeignContent = this.#stack.some((element) => FOREIGN_ROOTS.has(element));
    const closesItself = VOID_ELEMENTS.has(name) || (this.#selfClosing && (inForeignContent || FOREIGN_ROOTS.has(name)));
    if (closesItself) {
      if (this.#stack.length === 0 && this.#root === "open") this.#root = "closed";
      return;
    }
    this.#stack.push(name);
    if (RAW_TEXT_ELEMENTS.has(name)) {
      this.#rawElement = name;
      this.#state = "raw";
    }
  }

  /** Text, a comment or a hole outside every element: the template is not a single element. */
  #topLevelContent(): void {
    if (this.#stack.length === 0) this.#root = "invalid";
  }

  #hole(index: number): void {
    if (this.#separatorRequired === "attribute") {
      // `name=${a}${b}`: the second value would be glued to the first.
      throw serverError("CINDER_TEMPLATE_UNQUOTED_ATTRIBUTE_TEXT", this.#attributeName, this.#excerpt(index));
    }
    const holeOnly: Pick<Cut, "start" | "end"> = {
      start: { string: index, offset: (this.#strings[index] ?? "").length },
      end: { string: index + 1, offset: 0 },
    };
    switch (this.#state) {
      case "data":
        this.#topLevelContent();
        this.#cuts.push({ ...holeOnly, plan: { kind: "text", valueIndex: index } });
        return;
      case "raw":
        this.#cuts.push({
          ...holeOnly,
          plan: SCRIPT_ELEMENTS.has(this.#rawElement)
            ? { kind: "raw-text", valueIndex: index, element: this.#rawElement }
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
        this.#state = "before-attribute-name";
        this.#separatorRequired = "spread";
        // A spread renders its own leading space, like a whole attribute.
        this.#cuts.push({
          start: { string: index, offset: withoutTrailingWhitespace(this.#strings[index] ?? "") },
          end: holeOnly.end,
          plan: { kind: "spread", valueIndex: index, tagName: this.#tagName },
        });
        return;
      case "before-attribute-value":
        this.#state = "before-attribute-name";
        this.#separatorRequired = "attribute";
        this.#cuts.push({
          start: this.#attributeStart,
          end: holeOnly.end,
          plan: {
            kind: "attribute",
            valueIndex: index,
            name: this.#attributeName,
            policy: attributePolicy(this.#attributeName),
            tagName: this.#tagName,
          },
        });
        return;
      case "attribute-value-double":
      case "attribute-value-single":
        this.#group ??= { name: this.#attributeName, tagName: this.#tagName, start: this.#valueStart, holes: [] };
        this.#group.holes.push(index);
        return;
      case "attribute-value-unquoted":
        throw serverError("CINDER_TEMPLATE_UNQUOTED_ATTRIBUTE_TEXT", this.#attributeName, this.#excerpt(index));
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

  #insideTag(): boolean {
    return this.#state !== "data" && this.#state !== "raw" && this.#state !== "comment" && this.#state !== "bogus-comment" && this.#state !== "tag-open";
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
    const last = this.#strings.length - 1;
    statics.push(this.#text(from, { string: last, offset: (this.#strings[last] ?? "").length }));
    return statics;
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
