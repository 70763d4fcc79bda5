import { elementState, peekElementState } from "../dom/element-state.js";
import { PhxAttribute, type BindingName } from "../dom/phx-attributes.js";
import { instantiateHook, isHookDefinition, releaseHookListeners, type HookDefinition, type HookHost, type ViewHook } from "./view-hook.js";

/** What the registry needs from its view besides what hooks need. */
export interface HookRegistryHost extends HookHost {
  readonly binding: BindingName;
  ownsElement(element: Element): boolean;
  /** The definition registered under `name` (LiveSocket `hooks` option), if any. */
  hookDefinition(name: string): HookDefinition | undefined;
  /** Runs a hook callback through the runtime's user-code wrapper. */
  callHook(origin: string, run: () => void): void;
  report(code: "hook.unknown" | "hook.missing-id" | "hook.invalid-definition", message: string, metadata: Record<string, unknown>): void;
}

let nextHookId = 1;

/**
 * The hooks of one view (spec §3.14): creates them for `phx-hook` elements and calls their
 * lifecycle — `mounted` when the element appears, `beforeUpdate`/`updated` around a patch that
 * changes it, `destroyed` when it leaves, `disconnected`/`reconnected` with the connection.
 */
export class HookRegistry {
  readonly #host: HookRegistryHost;
  readonly #hooks = new Map<number, ViewHook>();
  readonly #disconnected = new WeakSet<ViewHook>();
  /** Hooks told `beforeUpdate` in the running patch, awaiting `updated`. */
  readonly #updating = new Set<number>();
  /** Elements whose hook attribute changed during the running patch: a new hook mounts after it. */
  readonly #remounting = new WeakSet<Element>();
  /** Elements whose hook could not be created; reported once, not at every patch. */
  readonly #refused = new WeakSet<Element>();

  constructor(host: HookRegistryHost) {
    this.#host = host;
  }

  /** Mounts hooks for every hook element under `root` that has none yet. */
  mountAll(root: ParentNode): void {
    const attribute = this.#host.binding("hook");
    for (const element of Array.from(root.querySelectorAll(`[${attribute}], [${PhxAttribute.hook}]`))) this.elementAdded(element);
  }

  elementAdded(element: Element): void {
    const hook = this.#create(element);
    if (hook !== undefined) this.#host.callHook(`hook ${this.#name(element)} mounted`, () => hook.mounted());
  }

  beforeUpdate(from: Element, to: Element): void {
    const attribute = this.#host.binding("hook");
    const hook = this.hookOf(from);
    if (hook === undefined) {
      const name = to.getAttribute(attribute) || to.getAttribute(PhxAttribute.hook);
      if (name !== this.#name(from)) this.#refused.delete(from);
      if (to.id !== "" && name) this.#remounting.add(from);
      return;
    }
    if (from.isEqualNode(to)) return;
    const ignored = (from.getAttribute(this.#host.binding("update")) ?? from.getAttribute(PhxAttribute.update)) === "ignore";
    if (ignored && sameDataset(from, to)) return;
    const hookId = elementState(from).hookId ?? 0;
    if (from.hasAttribute(attribute) && from.getAttribute(attribute) !== to.getAttribute(attribute)) {
      this.destroy(hook);
      if (to.getAttribute(attribute)) this.#remounting.add(from);
      return;
    }
    this.#host.callHook(`hook ${this.#name(from)} beforeUpdate`, () => hook.beforeUpdate(to as HTMLElement));
    this.#updating.add(hookId);
  }

  elementUpdated(element: Element): void {
    const hookId = peekElementState(element)?.hookId;
    if (hookId !== undefined && this.#updating.delete(hookId)) {
      const hook = this.#hooks.get(hookId);
      if (hook !== undefined) this.#host.callHook(`hook ${this.#name(element)} updated`, () => hook.updated());
    } else if (this.#remounting.has(element)) {
      this.#remounting.delete(element);
      this.elementAdded(element);
    }
  }

  /** Destroys the hooks of removed elements and of everything inside them. */
  elementsDiscarded(elements: readonly Element[]): void {
    const attribute = this.#host.binding("hook");
    for (const element of elements) {
      for (const hookElement of [element, ...Array.from(element.querySelectorAll(`[${attribute}], [${PhxAttribute.hook}]`))]) {
        const hook = this.hookOf(hookElement);
        if (hook !== undefined) this.destroy(hook);
      }
    }
  }

  hookOf(element: Element): ViewHook | undefined {
    const hookId = peekElementState(element)?.hookId;
    return hookId === undefined ? undefined : this.#hooks.get(hookId);
  }

  destroy(hook: ViewHook): void {
    const state = peekElementState(hook.el);
    const hookId = state?.hookId;
    if (hookId === undefined) return;
    this.#host.callHook(`hook ${this.#name(hook.el)} destroyed`, () => hook.destroyed());
    releaseHookListeners(hook);
    if (state !== undefined) delete state.hookId;
    this.#hooks.delete(hookId);
  }

  destroyAll(): void {
    for (const hook of Array.from(this.#hooks.values())) this.destroy(hook);
  }

  /** The connection is gone: each hook hears `disconnected` once. */
  disconnected(): void {
    for (const hook of this.#hooks.values()) {
      if (this.#disconnected.has(hook)) continue;
      this.#disconnected.add(hook);
      this.#host.callHook(`hook ${this.#name(hook.el)} disconnected`, () => hook.disconnected());
    }
  }

  /** The view rejoined: hooks that heard `disconnected` hear `reconnected`. */
  reconnected(): void {
    for (const hook of this.#hooks.values()) {
      if (!this.#disconnected.has(hook)) continue;
      this.#disconnected.delete(hook);
      this.#host.callHook(`hook ${this.#name(hook.el)} reconnected`, () => hook.reconnected());
    }
  }

  #create(element: Element): ViewHook | undefined {
    if (!(element instanceof HTMLElement) || peekElementState(element)?.hookId !== undefined || this.#refused.has(element)) return undefined;
    if (!this.#host.ownsElement(element)) return undefined;
    const name = this.#name(element);
    if (name === "") return undefined;
    const definition = this.#host.hookDefinition(name);
    if (definition === undefined) {
      this.#refused.add(element);
      this.#host.report("hook.unknown", `unknown hook "${name}": add it to the LiveSocket hooks option`, { hookName: name });
      return undefined;
    }
    if (!isHookDefinition(definition)) {
      this.#refused.add(element);
      this.#host.report("hook.invalid-definition", `hook "${name}" must be an object of callbacks or a class extending ViewHook`, { hookName: name });
      return undefined;
    }
    if (element.id === "") {
      this.#refused.add(element);
      this.#host.report("hook.missing-id", `the element of hook "${name}" needs a unique id`, { hookName: name });
      return undefined;
    }
    let hook: ViewHook | undefined;
    this.#host.callHook(`hook ${name} constructor`, () => {
      hook = instantiateHook(definition, this.#host, element);
    });
    if (hook === undefined) return undefined;
    const hookId = nextHookId++;
    elementState(element).hookId = hookId;
    this.#hooks.set(hookId, hook);
    return hook;
  }

  #name(element: Element): string {
    return element.getAttribute(PhxAttribute.hook) || element.getAttribute(this.#host.binding("hook")) || "";
  }
}

function sameDataset(from: Element, to: Element): boolean {
  return JSON.stringify((from as HTMLElement).dataset) === JSON.stringify((to as HTMLElement).dataset);
}
