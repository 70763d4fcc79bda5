import { TemplateError, templateError } from "./template-errors.js";

/**
 * The one door through which the renderer calls application code while rendering (function
 * components, `keyed` key and render functions). An error is tagged with the callback that threw
 * ("function component Card threw while rendering: …", original error as `cause`) and re-thrown,
 * so the runtime's render wrapper logs where it came from instead of a stack inside the renderer.
 * Errors already tagged deeper down pass through unchanged: the innermost callback is the one to
 * blame.
 *
 * @param kind what the callback is, e.g. "function component"; named after `callback.name`.
 */
// The callback is only read for its name, and only when it threw.
export function callRenderCallback<Result>(kind: string, callback: Function, run: () => Result): Result {
  try {
    return run();
  } catch (error) {
    if (error instanceof TemplateError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    const tagged = templateError("CINDER_TEMPLATE_RENDER_CALLBACK_FAILED", `${kind} ${callback.name || "(anonymous)"}`, reason);
    throw new TemplateError(tagged.code, tagged.message, { cause: error });
  }
}
