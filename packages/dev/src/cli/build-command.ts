import { buildProject } from "../build/build-project.js";
import { loadProjectConfig } from "../project/project-config.js";

/** `cinder build`: everything `cinder start` serves, into dist/. */
export async function buildCommand(): Promise<void> {
  const config = loadProjectConfig();
  process.env["NODE_ENV"] ??= "production";
  const report = await buildProject(config);
  const width = Math.max(...report.files.map((file) => file.path.length));
  for (const file of report.files) console.log(`  ${file.path.padEnd(width)}  ${formatBytes(file.bytes).padStart(9)}`);
  console.log(`Built in ${Math.round(report.milliseconds)} ms. Run it with \`npx cinder start\` (npm start).`);
}

function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}
