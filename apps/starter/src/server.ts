import { serve } from "@cinder/dev";
import { createApp } from "./app.js";

// `npm run dev` runs this file from source, `npm start` runs its build. PORT and HOST choose
// where it listens (default 127.0.0.1:4000, or 0.0.0.0 in production).
await serve(await createApp());
