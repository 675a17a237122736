// A stand-in for the Desk client SDK (the real script cannot be downloaded here), shared by the
// binding's tests (desk-runtime/tests/browser.rs) and the packaged widgets' browser test
// (`cargo xtask browser-test`). It behaves like the SDK where a widget can tell:
// - `App.instance.on(name, fn)` keeps every callback of an event, and Desk calls each one;
// - Desk delivers each event as a task of its own, in order (`play`), with one plain object
//   as the argument, or with no argument at all for an event without data (`modal.closed`);
// - `get` answers `{"<property>": value, status: "success"}`, `set`, `invoke` and `notify`
//   answer `{status: "success"}`, `showpopup` the agent's `{result: true}`; a test scripts other
//   answers (`answer`): a failure status, a rejection, an answer without its property, a
//   synchronous throw;
// - `request` answers as the platform's proxy does: a JSON string whose `response` is itself a
//   JSON string.
// - between widgets: `App.instance.getWidgets()` answers the configured widgets
//   (`{widgetID, location, name, url}`), `getWidgetInstance(id)` an instance with `on` and
//   `emit`, and `App.instance.modal({url, title})` resolves to `{widgetID}`;
// - a scripted modal: the stand-in plays the modal's page. Once the opener listens for
//   `desk-runtime:modal.ready` on the modal's instance, the page is ready (a task later); it
//   keeps the input the opener emits (`desk-runtime:modal.input`) and answers, a task later,
//   with the configured result (`desk-runtime:modal.result`) or a dismissal (`modal.closed`);
// - a hook's callback answers with a Promise (`attempt` gives what it did).
// It records what the widget did: subscriptions, calls, emits, modals, console errors.

const state = {
  registered: [],
  callbacks: {},
  calls: [],
  consoleErrors: [],
  answers: {},
  data: {},
  requests: {},
  loaded: null,
  widgets: [],
  modal: {},
  emits: [],
  modals: [],
  modalInputs: [],
  instances: {},
};

const MODAL_READY = "desk-runtime:modal.ready";
const MODAL_INPUT = "desk-runtime:modal.input";
const MODAL_RESULT = "desk-runtime:modal.result";

function later(callback) {
  setTimeout(callback, 0);
}

// Calls every callback of `event` in `callbacks` with `payload` (none when `undefined`).
function call(callbacks, event, payload) {
  for (const callback of callbacks[event] || []) {
    if (payload === undefined) callback(); else callback(payload);
  }
}

// The instance of the widget `id` (`App.instance.getWidgetInstance(id)`): its `on` listens to
// what that widget emits, its `emit` sends to it (recorded with its id). The scripted modal's
// instance plays the modal's page.
function widgetInstance(id) {
  if (state.instances[id]) return state.instances[id];
  const callbacks = {};
  const isModal = () => state.modal.widgetID === id;
  const instance = {
    on(event, callback) {
      (callbacks[event] = callbacks[event] || []).push(callback);
      // The modal's page loads, subscribes and emits ready, after the opener listens.
      if (event === MODAL_READY && isModal()) later(() => call(callbacks, MODAL_READY, null));
    },
    emit(event, data) {
      state.emits.push({ to: id, name: event, data: data === undefined ? null : data });
      if (event === MODAL_INPUT && isModal()) {
        state.modalInputs.push(data === undefined ? null : data);
        later(() => {
          if ("result" in state.modal) {
            call(callbacks, MODAL_RESULT, state.modal.result);
          } else if (state.modal.dismiss === "app") {
            // As the seed's `modal.closed` event: on the opener's own `App.instance`.
            call(state.callbacks, "modal.closed", undefined);
          } else if (state.modal.dismiss) {
            call(callbacks, "modal.closed", undefined);
          }
        });
      }
      return Promise.resolve();
    },
    callbacks,
  };
  state.instances[id] = instance;
  return instance;
}

const consoleError = console.error;
console.error = function (...args) {
  state.consoleErrors.push(args.map(String).join(" "));
  consoleError.apply(console, args);
};

// What a call answers: a scripted outcome, else the SDK's usual answer.
function settle(key, usual) {
  const scripted = state.answers[key];
  if (scripted === undefined) return Promise.resolve(usual());
  if ("throw" in scripted) throw new Error(scripted.throw);
  if ("reject" in scripted) return Promise.reject(new Error(scripted.reject));
  return Promise.resolve(scripted.resolve);
}

/// Installs `window.ZOHODESK`, forgetting what an earlier install recorded. `config.data` holds
/// the values `get` answers, by property; `config.requests` what services answer `request`, by
/// URL: `{status, body}`. `config.widgets` what `getWidgets()` answers; `config.modal` the
/// scripted modal: `{widgetID, result}` (it closes with `result`), `{widgetID, dismiss: true}`
/// (the agent dismisses it: `modal.closed` on the modal's instance; `dismiss: "app"` on the
/// opener's `App.instance`, as the seed's event), `{widgetID}` alone never answers; without
/// `config.modal`, the modal is dismissed.
export function install(config) {
  state.registered = [];
  state.callbacks = {};
  state.calls = [];
  state.consoleErrors = [];
  state.answers = {};
  state.data = (config && config.data) || {};
  state.requests = (config && config.requests) || {};
  state.loaded = null;
  state.widgets = (config && config.widgets) || [];
  // Unscripted, the agent dismisses the modal, as a widget alone on the simulated Desk has
  // its modals answered (`SimulatedDesk::new`).
  state.modal = (config && config.modal) || { widgetID: "modal-1", dismiss: true };
  state.emits = [];
  state.modals = [];
  state.modalInputs = [];
  state.instances = {};
  const instance = {
    on(event, callback) {
      state.registered.push(event);
      (state.callbacks[event] = state.callbacks[event] || []).push(callback);
    },
    emit(event, data) {
      state.emits.push({ to: null, name: event, data: data === undefined ? null : data });
      return Promise.resolve();
    },
    getWidgets() {
      return Promise.resolve(JSON.parse(JSON.stringify(state.widgets)));
    },
    getWidgetInstance(id) {
      return widgetInstance(id);
    },
    modal(options) {
      state.modals.push(options);
      return settle("modal", () => ({ widgetID: state.modal.widgetID }));
    },
  };
  const app = {
    instance,
    uniqueID: "test-widget",
    extensionID: "test-extension",
    location: (config && config.location) || "desk.ticket.detail.rightpanel",
    locale: "en",
    meta: { userPreferences: { appearance: "light", theme: "blue", fontFamily: "Lato" } },
  };
  window.ZOHODESK = {
    extension: {
      onload() {
        const app_ = Promise.resolve(app);
        // The host subscribes as soon as `onload` resolves; a task later, it is done.
        state.loaded = app_.then(() => new Promise((done) => setTimeout(done, 0)));
        return app_;
      },
    },
    get(property, ...options) {
      state.calls.push(["get", property, ...options]);
      return settle("get " + property, () =>
        property in state.data
          ? { [property]: state.data[property], status: "success" }
          : { status: "failure", message: property + " is not available here" });
    },
    set(property, value) {
      state.calls.push(["set", property, value]);
      return settle("set " + property, () => ({ status: "success" }));
    },
    invoke(action, ...args) {
      state.calls.push(["invoke", action, ...args]);
      return settle("invoke " + action, () => ({ status: "success" }));
    },
    notify(options) {
      state.calls.push(["notify", options]);
      return settle("notify", () => ({ status: "success" }));
    },
    showpopup(options) {
      state.calls.push(["showpopup", options]);
      // A confirmation resolves to the agent's answer; the test scripts it (`answer`), and
      // the stand-in's agent confirms otherwise.
      return settle("showpopup", () => ({ result: true }));
    },
    request(options) {
      state.calls.push(["request", options]);
      // The proxy's answer: a JSON string whose `response` is a JSON string.
      return settle("request " + options.url, () => {
        const service = state.requests[options.url];
        if (service === undefined) throw new Error("no service at " + options.url);
        const response = JSON.stringify({
          status: service.status < 400 ? "true" : "false",
          statusMessage: service.body,
        });
        return JSON.stringify({ response, statusCode: service.status });
      });
    },
  };
}

/// Scripts the answer of one call: `answer("set ticket.comment", {resolve: {...}})`,
/// `{reject: "message"}` or `{throw: "message"}`.
export function answer(call, outcome) {
  state.answers[call] = outcome;
}

export function uninstall() {
  delete window.ZOHODESK;
}

/// Calls every callback of `event` now, with `payload` (no argument when it is `undefined`).
export function fire(event, payload) {
  call(state.callbacks, event, payload);
}

/// Desk asks every callback of the hook `name` (with `payload`, none when `undefined`) and waits
/// for their answers: `{allowed: true}` if every one allowed the action (returned anything but
/// `false`, or a Promise that resolved), else the first `{denied: reason}` (a rejected Promise's
/// reason, `null` for a plain `false`). As JSON.
export async function attempt(name, payload) {
  const answers = (state.callbacks[name] || []).map((callback) =>
    payload === undefined ? callback() : callback(payload));
  for (const answer of answers) {
    try {
      if ((await answer) === false) return JSON.stringify({ denied: null });
    } catch (reason) {
      return JSON.stringify({ denied: reason instanceof Error ? reason.message : reason });
    }
  }
  return JSON.stringify({ allowed: true });
}

/// Once the widget has loaded and subscribed (at most 5 s).
export async function loaded() {
  for (let i = 0; i < 250 && state.loaded === null; i++) {
    await new Promise((done) => setTimeout(done, 20));
  }
  await state.loaded;
}

/// Delivers each `[event, payload]` of `plan` as Desk does: one task per event, in order.
/// `[event]` alone is an event without data.
export async function play(plan) {
  for (const [event, payload] of plan) {
    await new Promise((done) => setTimeout(done, 0));
    fire(event, payload);
  }
  await new Promise((done) => setTimeout(done, 0));
}

/// What the widget did, as JSON.
export function report() {
  return JSON.stringify({
    registered: state.registered,
    calls: state.calls,
    emits: state.emits,
    modals: state.modals,
    modalInputs: state.modalInputs,
    consoleErrors: state.consoleErrors,
  });
}
