import { build } from "esbuild";
import { formatMessages, isBuildFailure } from "../build/build-messages.js";
import type { ReportedError } from "../runtime/dev-server-link.js";

/**
 * Compiles the server's module graph (without writing anything) before a restart, so a syntax
 * error shows in the overlay and the terminal while the previous server keeps running — instead
 * of a dead server and a stack trace. Types are not checked (that is `tsc`'s job, as in Vite).
 */
export async function checkServerSources(serverEntry: string, root: string): Promise<ReportedError | undefined> {
  try {
    await build({ entryPoints: [serverEntry], absWorkingDir: root, bundle: true, packages: "external", platform: "node", format: "esm", target: "node20", write: false, logLevel: "silent" });
    return undefined;
  } catch (error) {
    if (!isBuildFailure(error)) throw error;
    const first = error.errors[0];
    const location = first?.location;
    return {
      name: "Syntax error",
      message: first?.text ?? "the server code does not compile",
      stack: formatMessages(error.errors),
      ...(location ? { file: location.file, line: location.line, column: location.column + 1, frame: `> ${location.line} | ${location.lineText}\n  ${" ".repeat(String(location.line).length)} | ${" ".repeat(location.column)}^` } : {}),
      context: "compiling the server",
    };
  }
}
