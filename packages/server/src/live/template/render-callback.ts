import { CinderServerError, errorMessage } from "../../errors/error-registry.js";
import { templateMessages } from "../../errors/template-messages.js";
import { callUserCallbackSync, failureReason } from "../../process/user-callback.js";

/**
 * How the renderer calls application code while rendering (function components, `keyed` key and
 * render functions): through `callUserCallbackSync`, tagged `CINDER_TEMPLATE_RENDER_CALLBACK_FAILED`
 * ("function component Card threw while rendering: …", original error as `cause`), so the
 * runtime's render wrapper logs where it came from instead of a stack inside the renderer.
 * Template errors (`CINDER_TEMPLATE_*`, this tag included) pass through unchanged: they already
 * say what is wrong, and a tag from deeper down names the innermost callback, the one to blame.
 *
 * @param kind what the callback is, e.g. "function component"; named after `callback.name`.
 */
// The callback is only read for its name, and only when it threw.
export function callRenderCallback<Result>(kind: string, callback: Function, run: () => Result): Result {
  return callUserCallbackSync(run, (error) => {
    if (error instanceof CinderServerError && Object.hasOwn(templateMessages, error.code)) return error;
    const message = errorMessage("CINDER_TEMPLATE_RENDER_CALLBACK_FAILED", `${kind} ${callback.name || "(anonymous)"}`, failureReason(error));
    return new CinderServerError("CINDER_TEMPLATE_RENDER_CALLBACK_FAILED", message, { cause: error });
  });
}
