import { TemplateError, templateError } from "./template-errors.js";

/**
 * The one door through which the renderer calls application code while rendering (function
 * components, `keyed` key and render functions). An error is tagged with the callback that threw
 * and re-thrown, so the runtime's render wrapper logs "function component Card threw …" instead
 * of a stack inside the renderer. Errors already tagged deeper down pass through unchanged: the
 * innermost callback is the one to blame.
 */
export function callRenderCallback<Result>(callback: string, run: () => Result): Result {
  try {
    return run();
  } catch (error) {
    if (error instanceof TemplateError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    const tagged = templateError("CINDER_TEMPLATE_RENDER_CALLBACK_FAILED", callback, reason);
    throw new TemplateError(tagged.code, tagged.message, { cause: error });
  }
}

/** "function component Card", "function component (anonymous)". */
export function describeCallback(kind: string, callback: Function): string {
  return `${kind} ${callback.name || "(anonymous)"}`;
}
