import type { BuildFailure, Message } from "esbuild";

export function isBuildFailure(error: unknown): error is BuildFailure {
  return error instanceof Error && Array.isArray((error as Partial<BuildFailure>).errors);
}

/** esbuild's messages as people read compiler errors: `file:line:column: text`, the line, a caret. */
export function formatMessages(messages: readonly Message[]): string {
  return messages
    .map((message) => {
      const location = message.location;
      if (location === null) return `  ${message.text}`;
      const caret = `${" ".repeat(location.column)}^`;
      return `  ${location.file}:${location.line}:${location.column + 1}: ${message.text}\n    ${location.lineText}\n    ${caret}`;
    })
    .join("\n");
}
