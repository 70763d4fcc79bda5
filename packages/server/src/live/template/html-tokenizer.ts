/**
 * A small HTML tokenizer for the statics of one `html` call site. It follows the HTML
 * tokenizer's states closely enough to agree with a browser on every template a developer writes
 * on purpose, and it keeps its state across the holes between the statics, so the template
 * parser can ask, at each hole, which context the interpolation sits in. It builds no tokens and
 * no DOM: it reports what the parser needs to its {@link TokenizerDelegate}.
 */

/** Elements whose content is not markup: their text runs to the matching end tag. */
const RAW_TEXT_ELEMENTS = new Set(["script", "style", "xmp", "iframe", "noembed", "noframes", "textarea", "title"]);

export type TokenizerState =
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

/** A complete start or end tag (its `>` was read). */
export interface TagToken {
  /** Lower-cased. */
  readonly name: string;
  readonly isEndTag: boolean;
  /** Written `<name … />`. */
  readonly selfClosing: boolean;
}

/** What the tokenizer reports while it reads. Positions are (string index, character offset). */
export interface TokenizerDelegate {
  /** Text, a comment, a declaration or a stray `<` begins outside any tag. */
  content(): void;
  /** A tag is complete. Return whether it opened an element (content follows until its end tag). */
  tag(tag: TagToken): boolean;
  /** An attribute name begins with the character at `offset` of `text`, string `index`. */
  attributeStarted(text: string, index: number, offset: number): void;
  /** A quoted attribute value begins at `offset` (right after the quote). */
  quotedValueStarted(index: number, offset: number): void;
  /** A quoted attribute value ends at `offset` (its closing quote). */
  quotedValueEnded(index: number, offset: number): void;
}

export const isWhitespace = (character: string | undefined): boolean =>
  character === " " || character === "\n" || character === "\t" || character === "\r" || character === "\f";
const isAsciiLetter = (character: string | undefined): boolean =>
  character !== undefined && ((character >= "a" && character <= "z") || (character >= "A" && character <= "Z"));

export class HtmlTokenizer {
  readonly #delegate: TokenizerDelegate;
  #state: TokenizerState = "data";
  #tagName = "";
  #isEndTag = false;
  #selfClosing = false;
  #attributeName = "";
  /** The element whose raw text is being read (state `raw`). */
  #rawElement = "";

  constructor(delegate: TokenizerDelegate) {
    this.#delegate = delegate;
  }

  get state(): TokenizerState {
    return this.#state;
  }

  /** The tag being read, or the last one read. */
  get tagName(): string {
    return this.#tagName;
  }

  /** The attribute being read, or the last one read. */
  get attributeName(): string {
    return this.#attributeName;
  }

  get rawElement(): string {
    return this.#rawElement;
  }

  /** Inside a start or end tag, where the statics may not end. */
  get insideTag(): boolean {
    const state = this.#state;
    return state !== "data" && state !== "raw" && state !== "comment" && state !== "bogus-comment" && state !== "tag-open";
  }

  /** A hole filled a whole attribute or a spread: the tag continues as after an attribute. */
  continueAfterDynamicAttribute(): void {
    this.#state = "before-attribute-name";
  }

  /** Read string `index` of the statics. */
  read(text: string, index: number): void {
    let offset = 0;
    while (offset < text.length) offset = this.#step(text, index, offset);
  }

  /** Consumes the character at `offset` (sometimes a few more) and returns the next offset. */
  #step(text: string, index: number, offset: number): number {
    const character = text[offset];
    switch (this.#state) {
      case "data":
        if (character === "<") this.#state = "tag-open";
        else if (!isWhitespace(character)) this.#delegate.content();
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
        if (isAsciiLetter(character)) return this.#startTagName(character as string, false, offset);
        if (character === "/") {
          this.#state = "end-tag-open";
          return offset + 1;
        }
        this.#delegate.content();
        if (character === "!" && text.startsWith("--", offset + 1)) {
          this.#state = "comment";
          return this.#afterCommentStart(text, offset + 3);
        }
        if (character === "!" || character === "?") {
          this.#state = "bogus-comment";
          return offset + 1;
        }
        // A lone "<" is text; reconsume the character in the data state.
        this.#state = "data";
        return offset;
      case "end-tag-open":
        if (isAsciiLetter(character)) return this.#startTagName(character as string, true, offset);
        this.#state = character === ">" ? "data" : "bogus-comment";
        return offset + 1;
      case "tag-name":
        if (isWhitespace(character)) this.#state = "before-attribute-name";
        else if (!this.#endsTag(character)) this.#tagName += (character as string).toLowerCase();
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
        if (!isWhitespace(character) && !this.#endsTag(character)) this.#startAttribute(text, index, offset);
        return offset + 1;
      case "attribute-name":
        if (isWhitespace(character)) this.#state = "after-attribute-name";
        else if (character === "=") this.#state = "before-attribute-value";
        else if (!this.#endsTag(character)) this.#attributeName += character;
        return offset + 1;
      case "after-attribute-name":
        if (isWhitespace(character)) return offset + 1;
        if (character === "=") this.#state = "before-attribute-value";
        else if (!this.#endsTag(character)) this.#startAttribute(text, index, offset);
        return offset + 1;
      case "before-attribute-value":
        if (isWhitespace(character)) return offset + 1;
        if (character === '"' || character === "'") {
          this.#state = character === '"' ? "attribute-value-double" : "attribute-value-single";
          this.#delegate.quotedValueStarted(index, offset + 1);
        } else if (character === ">") {
          this.#emitTag();
        } else {
          this.#state = "attribute-value-unquoted";
        }
        return offset + 1;
      case "attribute-value-double":
      case "attribute-value-single":
        if (character === (this.#state === "attribute-value-double" ? '"' : "'")) {
          this.#delegate.quotedValueEnded(index, offset);
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
        if (this.#endsTag(character)) return offset + 1;
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

  /** The first letter of a tag name (after `<` or `</`). */
  #startTagName(firstLetter: string, isEndTag: boolean, offset: number): number {
    this.#isEndTag = isEndTag;
    this.#selfClosing = false;
    this.#tagName = firstLetter.toLowerCase();
    this.#state = isEndTag ? "end-tag-name" : "tag-name";
    return offset + 1;
  }

  /** Inside a start tag, `/` begins a self-closing end and `>` ends the tag; true if it was one of them. */
  #endsTag(character: string | undefined): boolean {
    if (character === "/") this.#state = "self-closing-start";
    else if (character === ">") this.#emitTag();
    else return false;
    return true;
  }

  /** `<!-->` and `<!--->` are complete (empty) comments. */
  #afterCommentStart(text: string, offset: number): number {
    for (const ending of [">", "->"]) {
      if (text.startsWith(ending, offset)) {
        this.#state = "data";
        return offset + ending.length;
      }
    }
    return offset;
  }

  #closesRawElement(text: string, offset: number): boolean {
    const name = this.#rawElement;
    if (text.slice(offset + 2, offset + 2 + name.length).toLowerCase() !== name || text[offset + 1] !== "/") return false;
    const next = text[offset + 2 + name.length];
    return next === undefined || isWhitespace(next) || next === "/" || next === ">";
  }

  #startAttribute(text: string, index: number, offset: number): void {
    this.#delegate.attributeStarted(text, index, offset);
    this.#attributeName = text[offset] ?? "";
    this.#state = "attribute-name";
  }

  #emitTag(): void {
    this.#state = "data";
    const tag: TagToken = { name: this.#tagName, isEndTag: this.#isEndTag, selfClosing: this.#selfClosing };
    const opened = this.#delegate.tag(tag);
    if (opened && RAW_TEXT_ELEMENTS.has(tag.name)) {
      this.#rawElement = tag.name;
      this.#state = "raw";
    }
  }
}
