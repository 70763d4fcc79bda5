import { createInterface } from "node:readline/promises";

/**
 * Questions are asked only on a terminal; a non-interactive run (CI, a script, a pipe) never
 * waits for input — it takes the defaults or fails with what to pass instead.
 */
export function canPrompt(): boolean {
  return process.stdin.isTTY === true && process.stdout.isTTY === true;
}

export async function ask(question: string, fallback: string): Promise<string> {
  const readline = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = (await readline.question(`${question} (${fallback}) `)).trim();
    return answer === "" ? fallback : answer;
  } finally {
    readline.close();
  }
}

/** Yes or no; Enter (or anything else) takes `fallback`. */
export async function confirm(question: string, fallback: boolean): Promise<boolean> {
  const answer = (await ask(question, fallback ? "Y/n" : "y/N")).toLowerCase();
  if (answer === "y" || answer === "yes") return true;
  if (answer === "n" || answer === "no") return false;
  return fallback;
}
