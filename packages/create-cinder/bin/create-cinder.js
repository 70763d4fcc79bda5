#!/usr/bin/env node
// `npm create cinder@latest my-app` runs this. The code is in ../dist, compiled from ../src.
import { main } from "../dist/cli.js";

process.exitCode = await main(process.argv.slice(2));
