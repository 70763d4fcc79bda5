import type { TagToken } from "./html-tokenizer.js";

const VOID_ELEMENTS = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]);
/** Inside these, `<name />` closes itself, as in XML. */
const FOREIGN_ROOTS = new Set(["svg", "math"]);

type RootStatus = "none" | "open" | "closed" | "invalid";

/**
 * Which elements of a template are open, tracked only to tell whether the template is a single
 * root element with nothing but whitespace around it (what a live component needs). It forgives
 * what browsers forgive: an end tag closes everything opened after its element.
 */
export class ElementNesting {
  readonly #open: string[] = [];
  #root: RootStatus = "none";

  /** The template is exactly one element (so far, and it is complete). */
  get singleRoot(): boolean {
    return this.#root === "closed";
  }

  /** Text, a comment or a hole: outside every element it means the template is not one element. */
  content(): void {
    if (this.#open.length === 0) this.#root = "invalid";
  }

  /** A complete tag; returns whether it opened an element. */
  tag({ name, isEndTag, selfClosing }: TagToken): boolean {
    if (isEndTag) {
      this.#close(name);
      return false;
    }
    if (this.#open.length === 0) this.#root = this.#root === "none" ? "open" : "invalid";
    const inForeignContent = this.#open.some((element) => FOREIGN_ROOTS.has(element));
    const closesItself = VOID_ELEMENTS.has(name) || (selfClosing && (inForeignContent || FOREIGN_ROOTS.has(name)));
    if (closesItself) {
      this.#rootClosedIfOutermost();
      return false;
    }
    this.#open.push(name);
    return true;
  }

  #close(name: string): void {
    const open = this.#open.lastIndexOf(name);
    if (open === -1) {
      if (this.#open.length === 0) this.#root = "invalid";
      return;
    }
    this.#open.length = open;
    this.#rootClosedIfOutermost();
  }

  #rootClosedIfOutermost(): void {
    if (this.#open.length === 0 && this.#root === "open") this.#root = "closed";
  }
}
