/** create-cinder's programmatic API (the `create-cinder` command is bin/create-cinder.js). */
export { createApp, CreateAppError, packageNameOfTarball, VENDOR_DIRECTORY } from "./create-app.js";
export type { CreateAppOptions, CreatedApp } from "./create-app.js";
export type { CinderDependencies } from "./app-manifest.js";
export { problemWithName, displayNameOf } from "./project-name.js";
export { main, USAGE } from "./cli.js";
