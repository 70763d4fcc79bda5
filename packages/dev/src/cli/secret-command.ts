import { generateSecret } from "../project/secret-check.js";

/** `cinder secret`: a fresh SECRET_KEY_BASE, like `mix phx.gen.secret`. */
export async function secretCommand(): Promise<void> {
  console.log(generateSecret());
}
