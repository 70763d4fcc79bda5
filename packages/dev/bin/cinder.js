#!/usr/bin/env node
// The `cinder` command (see `cinder help`). The code is in ../dist/cli, compiled from src/cli.
import { main } from "../dist/cli/main.js";

await main(process.argv.slice(2));
