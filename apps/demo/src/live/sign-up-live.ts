import { defineLiveView, html, type Template } from "@cinder/server";
import { flashMessages } from "./flash-messages.js";
import {
  EMPTY_SIGN_UP,
  MAX_BIO_LENGTH,
  PLANS,
  hasErrors,
  readSignUp,
  validateSignUp,
  type SignUpErrors,
  type SignUpField,
  type SignUpParams,
  type SignUpValues,
  type SignUpUsed,
} from "./sign-up-form.js";

interface SignUpAssigns {
  values: SignUpValues;
  errors: SignUpErrors;
  used: SignUpUsed;
  /** After a refused submit every error shows, touched or not. */
  submitted: boolean;
  signUpCount: number;
}

interface SignUpEvents {
  validate: SignUpParams;
  save: SignUpParams;
}

/** How long "saving" takes, so that `phx-disable-with` can be seen doing its job. */
const SAVE_LATENCY_MS = 300;

/**
 * `/form` — a sign-up form validated as you type. `phx-change` sends the whole form (debounced
 * on the text fields); errors show only for fields the person has used, all of them after a
 * refused submit. The form has an `id`, so after a reconnect the client replays its values
 * (form recovery) and nothing typed is lost.
 */
export function createSignUpLive(signUps: { has(email: string): boolean; add(email: string): void; readonly count: number }) {
  const isEmailTaken = (email: string) => signUps.has(email);

  return defineLiveView<SignUpAssigns, SignUpEvents>({
    name: "SignUpLive",
    mount(_params, _session, socket) {
      socket.assign({ values: EMPTY_SIGN_UP, errors: validateSignUp(EMPTY_SIGN_UP, isEmailTaken), used: {}, submitted: false, signUpCount: signUps.count });
      socket.pageTitle("Sign up");
    },
    handleEvent: {
      validate(params, socket) {
        const { values, used } = readSignUp(params);
        socket.assign({ values, used, errors: validateSignUp(values, isEmailTaken) });
      },
      async save(params, socket) {
        const { values } = readSignUp(params);
        const errors = validateSignUp(values, isEmailTaken);
        if (hasErrors(errors)) {
          socket.assign({ values, errors, submitted: true });
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, SAVE_LATENCY_MS));
        signUps.add(values.email);
        socket.putFlash("info", `Welcome aboard, ${values.name.trim()}! You are on the ${values.plan} plan.`);
        socket.assign({ values: EMPTY_SIGN_UP, errors: validateSignUp(EMPTY_SIGN_UP, isEmailTaken), used: {}, submitted: false, signUpCount: signUps.count });
      },
    },
    render(assigns) {
      const { values } = assigns;
      const shown = (field: SignUpField): string | undefined => (assigns.submitted || assigns.used[field] ? assigns.errors[field] : undefined);
      return html`<main>
    ${flashMessages(assigns.flash)}
    <section class="card">
      <h1>Sign up</h1>
      <p class="hint">Validated on the server as you type: text fields wait for a 400 ms pause (<code>phx-debounce</code>),
        and errors show only for fields you have used.</p>
      <form id="signup-form" phx-change="validate" phx-submit="save" autocomplete="off" novalidate>
        ${field("name", "Name", shown("name"), html`<input id="signup-name" name="user[name]" value=${values.name} phx-debounce="400"
          aria-invalid=${shown("name") ? "true" : false}>`)}
        ${field("email", "Email", shown("email"), html`<input id="signup-email" type="email" name="user[email]" value=${values.email} phx-debounce="400"
          aria-invalid=${shown("email") ? "true" : false}>`)}
        ${field("plan", "Plan", shown("plan"), html`<select id="signup-plan" name="user[plan]">
          ${PLANS.map((plan) => html`<option value=${plan.value} selected=${plan.value === values.plan}>${plan.label}</option>`)}
        </select>`)}
        ${field("bio", "About you", shown("bio"), html`<textarea id="signup-bio" name="user[bio]" rows="3">${values.bio}</textarea>
          <span class="hint" id="signup-bio-count">${[...values.bio].length}/${MAX_BIO_LENGTH}</span>`)}
        ${field("terms", "Terms", shown("terms"), html`<label class="check"><input type="hidden" name="user[terms]" value="false">
          <input id="signup-terms" type="checkbox" name="user[terms]" value="true" checked=${values.terms}> I accept the terms</label>`)}
        <button id="signup-submit" type="submit" phx-disable-with="Signing up…">Sign up</button>
      </form>
      <p class="hint" id="signup-count">${assigns.signUpCount} ${assigns.signUpCount === 1 ? "person has" : "people have"} signed up since the server started.</p>
    </section>
  </main>`;
    },
  });
}

/** One labelled field with its error (a function component: plain function, html out). */
function field(name: SignUpField, label: string, error: string | undefined, control: Template): Template {
  return html`<div class=${["field", error !== undefined && "has-error"]}>
          <label for=${`signup-${name}`}>${label}</label>
          ${control}
          ${error !== undefined ? html`<p class="field-error" id=${`signup-${name}-error`} role="alert">${error}</p>` : ""}
        </div>`;
}
