import { defineLiveView, html, type LiveParams } from "@cinder/server";
import { button, header, input, simpleForm } from "../components/core-components.js";
import { readForm, toForm, type FormUsed, type FormValues } from "../forms/form.js";
import { appLayout } from "../layouts/app-layout.js";
import { EMPTY_SIGN_UP, PLANS, SIGN_UP_FIELDS, validateSignUp, type SignUpField } from "./home-form.js";

interface HomeAssigns {
  count: number;
  values: FormValues<SignUpField>;
  used: FormUsed<SignUpField>;
  submitted: boolean;
}

interface HomeEvents {
  inc: { by?: string };
  validate: LiveParams;
  save: LiveParams;
}

/**
 * The home page: a counter and a form validated on the server as you type. Edit this file
 * while `npm run dev` runs — the page changes in place and keeps the count and what you typed.
 */
export const HomeLive = defineLiveView<HomeAssigns, HomeEvents>({
  name: "HomeLive",
  mount(_params, _session, socket) {
    socket.assign({ count: 0, values: EMPTY_SIGN_UP, used: {}, submitted: false });
    socket.pageTitle("Welcome");
  },
  handleEvent: {
    inc(value, socket) {
      const by = Number(value.by ?? 1);
      const count = socket.assigns.count + (Number.isFinite(by) ? by : 1);
      socket.assign({ count });
      socket.pageTitle(`Count ${count}`);
    },
    validate(params, socket) {
      socket.assign(readForm(params, { as: "user", fields: SIGN_UP_FIELDS }));
    },
    save(params, socket) {
      const { values } = readForm(params, { as: "user", fields: SIGN_UP_FIELDS });
      if (Object.keys(validateSignUp(values)).length > 0) {
        socket.assign({ values, submitted: true });
        return;
      }
      socket.putFlash("info", `Thanks, ${values.name.trim()}! You are signed up for the ${values.plan} plan.`);
      socket.assign({ values: EMPTY_SIGN_UP, used: {}, submitted: false });
    },
  },
  render(assigns) {
    const form = toForm({ as: "user", values: assigns.values, errors: validateSignUp(assigns.values), used: assigns.used, submitted: assigns.submitted });
    return appLayout(
      html`${header({ title: "Welcome to Cinder", subtitle: "This page is rendered on the server and live over one WebSocket. Try it, then change it." })}
      <div class="grid">
        <section class="card" aria-labelledby="counter-title">
          <h2 id="counter-title">Counter</h2>
          <p class="count" id="count">${assigns.count}</p>
          <div class="row">
            ${button({ label: "−1", variant: "secondary", attributes: { id: "dec", "phx-click": "inc", "phx-value-by": "-1", "aria-label": "Decrease" } })}
            ${button({ label: "+1", attributes: { id: "inc", "phx-click": "inc", "phx-value-by": "1", "aria-label": "Increase" } })}
          </div>
        </section>
        <section class="card" aria-labelledby="form-title">
          <h2 id="form-title">A validated form</h2>
          ${simpleForm({
            form,
            change: "validate",
            submit: "save",
            fields: html`${input({ field: form.field("name"), label: "Name", debounce: 300, autocomplete: "name" })}
              ${input({ field: form.field("email"), label: "Email", type: "email", debounce: 300, autocomplete: "email" })}
              ${input({ field: form.field("plan"), label: "Plan", type: "select", options: PLANS })}
              ${input({ field: form.field("terms"), label: "I accept the terms", type: "checkbox" })}`,
            actions: button({ label: "Sign up", type: "submit", attributes: { id: "sign-up", "phx-disable-with": "Signing up…" } }),
          })}
        </section>
        <section class="card next-steps" aria-labelledby="next-title">
          <h2 id="next-title">Next steps</h2>
          <ul>
            <li>Edit <code>src/live/home-live.ts</code> and save: this page updates in place.</li>
            <li>Add a page: <code>npx cinder gen live Profile</code>.</li>
            <li>Components are in <code>src/components/</code>, styles in <code>assets/app.css</code>.</li>
            <li>Run the tests with <code>npm test</code>; <code>README.md</code> says where everything is.</li>
          </ul>
        </section>
      </div>`,
      { flash: assigns.flash },
    );
  },
});
