// Shared plumbing for the benchmark suite: load-client processes, CPU pinning, medians, output.
// Benchmarks compare ratios measured in one run against a baseline measured in the same run,
// interleaved, median of several repetitions: single numbers on this machine swing ±20–40%.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const hasTaskset = spawnSync("taskset", ["--version"]).status === 0;

/** Keep the measured server on core 0; load clients go to core 1. */
export function pinThisProcess() {
  if (hasTaskset) spawnSync("taskset", ["-cp", "0", String(process.pid)], { stdio: "ignore" });
}

export function startLoadClients() {
  const script = join(here, "load-clients.mjs");
  const command = hasTaskset ? "taskset" : process.execPath;
  const args = hasTaskset ? ["-c", "1", process.execPath, script] : [script];
  const child = spawn(command, args, { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const waiters = [];
  child.on("message", (message) => {
    const index = waiters.findIndex((waiter) => waiter.type === message.type);
    if (index >= 0) waiters.splice(index, 1)[0].resolve(message);
  });
  const request = (message, answerType) =>
    new Promise((resolve) => {
      waiters.push({ type: answerType, resolve });
      child.send(message);
    });
  return {
    connect: (url, count, topic) => request({ type: "connect", url, count, topic }, "ready"),
    expect: (total) => request({ type: "expect", total }, "done"),
    roundtrips: (count) => request({ type: "roundtrips", count }, "roundtrips-done").then((answer) => answer.latencies),
    close: () => request({ type: "close" }, "closed"),
    exit: () => child.kill(),
  };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export function percentile(values, fraction) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

export function collectGarbage() {
  if (typeof globalThis.gc === "function") {
    globalThis.gc();
    globalThis.gc();
  }
}

export function memoryInUse() {
  collectGarbage();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external + usage.arrayBuffers;
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Prints a table and appends the run to tests/bench/results/ (git-ignored). */
export function report(suite, rows) {
  console.log(`\n${suite}`);
  console.table(rows);
  const directory = join(here, "..", "results");
  mkdirSync(directory, { recursive: true });
  const file = join(directory, `${suite.replace(/\W+/g, "-").toLowerCase()}-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, JSON.stringify({ suite, node: process.version, at: new Date().toISOString(), rows }, null, 2));
}
