import { html, type Template } from "@cinder/server";
import { MAX_NAME_LENGTH } from "../users.js";

export function signInPage(options: { error?: string; name?: string } = {}): Template {
  return html`<main>
      <section class="card">
        <h2>Sign in</h2>
        <p>A name is all it takes. Everyone may chat in <strong>#lobby</strong>; only <em>Winston Smith</em> may enter <strong>#101</strong>.</p>
        <form class="sign-in" method="post" action="/sign-in">
          <input name="name" aria-label="Your name" placeholder="Your name" required maxlength="${MAX_NAME_LENGTH}" value="${options.name ?? ""}" autofocus>
          <button type="submit">Sign in</button>
        </form>
        ${options.error ? html`<p class="error-text" role="alert">${options.error}</p>` : ""}
      </section>
    </main>`;
}
