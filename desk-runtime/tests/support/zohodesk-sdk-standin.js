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
// - the extension's storage (`database`): `set` keeps one entry or at most 10, `get` answers
//   `{"database.get": {data}}` with those a key or a queriable value finds (`from`, `limit`),
//   `delete` removes them; a key or queriable value over the platform's rule is refused.
// - between widgets: `App.instance.getWidgets()` answers the configured widgets
//   (`{widgetID, location, name, url}`), `getWidgetInstance(id)` an instance with `on` and
//   `emit`, and `App.instance.modal({url, title})` resolves to `{widgetID}`;
// - a scripted modal: the stand-in plays the modal's page. Once the opener listens for
//   `desk-runtime:modal.ready` on the modal's instance, the page is ready (a task later); it
//   keeps the input the opener emits (`desk-runtime:modal.input`) and answers, a task later,
//   with the configured result (`desk-runtime:modal.result`) or a dismissal (`modal.closed`);
// - a hook's callback answers with a Promise; Desk waits 30 s for it, then goes ahead without
//   it (`attempt`). Desk's clock is the stand-in's own: the page's timers that a hook's callback
//   sets (the host's deadline) run on it, so a test sees 25 s pass without waiting them
//   (`attempt`, `advance`), and every call to the Promise's resolve or reject is recorded
//   (`answers`: a Promise settles once, so a second answer would go unseen).
// A test may hold an answer back (`answer(call, {hold: true})`, then `release`), or hold every
// answer back (`holdAll`) and answer each held call when it likes (`answerHeld`): late, out of
// order, failing, malformed, or never, while events keep arriving.
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
  held: [],
  clock: { now: 0, timers: [] },
  asked: [],
  // Every call, in the simulated Desk's form (`sim::SdkCall`): `[function, ...arguments]`.
  made: [],
  holding: false,
  pending: [],
  database: [],
};

// How long Desk waits for a hook's answer (the guide's page "hooks": "must respond within 30
// seconds"), transcribed apart from the toolkit's catalog so that an error in either shows.
const HOOK_TIMEOUT_MS = 30000;

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
      if (!event.startsWith("desk-runtime:modal.")) {
        made("emit", id, event, data);
        return settle("emit", () => undefined);
      }
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

// Records a call as the simulated Desk does (`sim::SdkCall`).
function made(fn, ...args) {
  state.made.push([fn, ...args.map((arg) => (arg === undefined ? null : arg))]);
}

// What a call answers: a scripted outcome, else the SDK's usual answer. While every answer is
// held (`holdAll`), the call waits for `answerHeld`.
function settle(key, usual) {
  if (state.holding) {
    return new Promise((resolve, reject) => state.pending.push({ key, usual, resolve, reject }));
  }
  const scripted = state.answers[key];
  if (scripted === undefined) return Promise.resolve(usual());
  if ("hold" in scripted) return new Promise((answer) => state.held.push(answer)).then(usual);
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
  state.held = [];
  state.clock = { now: 0, timers: [] };
  state.asked = [];
  state.made = [];
  state.holding = false;
  state.pending = [];
  state.database = (config && config.database) || [];
  const instance = {
    on(event, callback) {
      state.registered.push(event);
      (state.callbacks[event] = state.callbacks[event] || []).push(callback);
    },
    emit(event, data) {
      state.emits.push({ to: null, name: event, data: data === undefined ? null : data });
      made("emit", null, event, data);
      return settle("emit", () => undefined);
    },
    getWidgets() {
      made("getWidgets");
      return settle("getWidgets", () => JSON.parse(JSON.stringify(state.widgets)));
    },
    getWidgetInstance(id) {
      return widgetInstance(id);
    },
    modal(options) {
      state.modals.push(options);
      made("modal", options);
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
      made("get", property, ...options);
      return settle("get " + property, () => {
        if (property === "database") return databaseGet(options[0]);
        return property in state.data
          ? { [property]: state.data[property], status: "success" }
          : { status: "failure", message: property + " is not available here" };
      });
    },
    set(property, value) {
      state.calls.push(["set", property, value]);
      made("set", property, value);
      return settle("set " + property, () =>
        property === "database" ? databaseSet(value) : { status: "success" });
    },
    delete(property, options) {
      state.calls.push(["delete", property, options]);
      made("delete", property, options);
      return settle("delete " + property, () => {
        if (property !== "database") return { status: "failure", message: "cannot delete " + property };
        const found = databaseFind(options);
        if (found.error) return found.error;
        state.database = state.database.filter((entry) => !found.entries.includes(entry));
        return { status: "success" };
      });
    },
    invoke(action, ...args) {
      state.calls.push(["invoke", action, ...args]);
      made("invoke", action, ...args);
      return settle("invoke " + action, () => ({ status: "success" }));
    },
    notify(options) {
      state.calls.push(["notify", options]);
      made("notify", options);
      return settle("notify", () => ({ status: "success" }));
    },
    showpopup(options) {
      state.calls.push(["showpopup", options]);
      made("showpopup", options);
      // A confirmation resolves to the agent's answer; the test scripts it (`answer`), and
      // the stand-in's agent confirms otherwise.
      return settle("showpopup", () => ({ result: true }));
    },
    request(options) {
      state.calls.push(["request", options]);
      made("request", options);
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

// The platform's rule for storage keys and queriable values (desk-sdk.md, "Storage"): at most
// 50 characters, the special ones `,` `_` `:` only. The value's limit is 1 KB on one page of
// the guide and 5.1 KB on another: the stand-in enforces neither.
const STORAGE_KEY = /^[A-Za-z0-9,_:]{1,50}$/;

function storageRefusal(message) {
  return { status: "failure", message };
}

// The entries `{key | queriableValue}` finds, or the refusal of a key against the rule.
function databaseFind(options) {
  const [field, wanted] = options && "key" in options
    ? ["key", options.key]
    : ["queriableValue", options && options.queriableValue];
  if (typeof wanted !== "string" || !STORAGE_KEY.test(wanted)) {
    return { error: storageRefusal("invalid " + field) };
  }
  return { entries: state.database.filter((entry) => entry[field] === wanted) };
}

// `get('database', {key | queriableValue, from, limit})`: `from` counts from 0, as on the
// simulated Desk (no source says).
function databaseGet(options) {
  const found = databaseFind(options);
  if (found.error) return found.error;
  const from = (options && options.from) || 0;
  const limit = options && options.limit !== undefined ? options.limit : found.entries.length;
  const data = found.entries.slice(from, from + limit).map((entry) => ({ ...entry }));
  return { "database.get": { data }, status: "success" };
}

// `set('database', entry)` or an array of at most 10 entries; a key stored already is replaced.
function databaseSet(value) {
  const entries = Array.isArray(value) ? value : [value];
  if (entries.length > 10) return storageRefusal("at most 10 entries at once");
  for (const entry of entries) {
    const queriable = entry.queriableValue;
    if (!STORAGE_KEY.test(entry.key) || (queriable !== undefined && !STORAGE_KEY.test(queriable))) {
      return storageRefusal("invalid key or queriableValue");
    }
  }
  for (const entry of entries) {
    state.database = state.database.filter((stored) => stored.key !== entry.key);
    state.database.push(JSON.parse(JSON.stringify(entry)));
  }
  return { status: "success" };
}

/// Scripts the answer of one call: `answer("set ticket.comment", {resolve: {...}})`,
/// `{reject: "message"}`, `{throw: "message"}`, or `{hold: true}`: the usual answer, once the
/// test calls `release`. `undefined` unscripts it.
export function answer(call, outcome) {
  state.answers[call] = outcome;
}

/// Answers every call held back so far.
export function release() {
  for (const answer of state.held.splice(0)) answer();
}

/// Holds every answer back from now on, until `answerHeld` answers it (or `releaseHeld` lets
/// Desk answer again).
export function holdAll() {
  state.holding = true;
}

/// How many calls wait for their answer.
export function heldCount() {
  return state.pending.length;
}

/// Answers the held call `index` (in the order the calls were made): `{usual: true}` as Desk
/// would, `{resolve: value}` with `value` (a modal's: its result, `null` for a dismissal),
/// `{reject: message}` failing. Whether there was such a call.
export function answerHeld(index, outcome) {
  const [held] = state.pending.splice(index, 1);
  if (!held) return false;
  if ("reject" in outcome) {
    held.reject(new Error(outcome.reject));
  } else if ("resolve" in outcome && held.key === "modal") {
    state.modal = outcome.resolve === null
      ? { widgetID: "modal-1", dismiss: true }
      : { widgetID: "modal-1", result: outcome.resolve };
    held.resolve(held.usual());
  } else if ("resolve" in outcome) {
    held.resolve(outcome.resolve);
  } else {
    try { held.resolve(held.usual()); } catch (error) { held.reject(error); }
  }
  return true;
}

/// Desk answers again: every held call with its usual answer, in order.
export function releaseHeld() {
  state.holding = false;
  while (state.pending.length > 0) answerHeld(0, { usual: true });
}

/// Every call the widget made, as the simulated Desk records them, as JSON.
export function madeCalls() {
  return JSON.stringify(state.made);
}

export function uninstall() {
  delete window.ZOHODESK;
}

/// Calls every callback of `event` now, with `payload` (no argument when it is `undefined`).
export function fire(event, payload) {
  call(state.callbacks, event, payload);
}

/// Desk asks every callback of the hook `name` (with `payload`, none when `undefined`) and waits
/// for their answers, at most 30 s on Desk's clock, running the page's timers due meanwhile:
/// `{allowed: true}` if every one allowed the action (returned anything but `false`, or a
/// Promise that resolved), else the first `{denied: reason}` (a rejected Promise's reason,
/// `null` for a plain `false`), or `{unanswered: true}` if one had not answered when Desk gave
/// up and went ahead. As JSON.
export async function attempt(name, payload) {
  const start = state.clock.now;
  const outcomes = (state.callbacks[name] || []).map((callback) => {
    const outcome = { verdict: null };
    Promise.resolve(ask(name, callback, payload)).then(
      (value) => { outcome.verdict = answerOf(value); },
      (reason) => { outcome.verdict = rejectionOf(reason); });
    return outcome;
  });
  for (;;) {
    await tasks();
    if (outcomes.every((outcome) => outcome.verdict)) break;
    const next = nextTimer();
    if (next === undefined || next.at > start + HOOK_TIMEOUT_MS) {
      state.clock.now = start + HOOK_TIMEOUT_MS;
      break;
    }
    runTimer(next);
  }
  const denied = outcomes.find(({ verdict }) => verdict && "denied" in verdict);
  if (denied) return JSON.stringify(denied.verdict);
  if (outcomes.some(({ verdict }) => !verdict)) return JSON.stringify({ unanswered: true });
  return JSON.stringify({ allowed: true });
}

/// Moves Desk's clock `ms` on, running the page's timers due by then, in order.
export async function advance(ms) {
  const until = state.clock.now + ms;
  for (let next = nextTimer(); next && next.at <= until; next = nextTimer()) {
    runTimer(next);
    await tasks();
  }
  state.clock.now = until;
}

/// Every hook callback Desk asked and every answer it gave, in order, as JSON:
/// `[{hook, answers: [{at, allowed: true} | {at, denied: reason}]}]`, `at` in ms on Desk's
/// clock after the hook was asked.
export function answers() {
  return JSON.stringify(state.asked);
}

// Asks one callback of the hook `name`. While it runs, the page's `setTimeout` schedules on
// Desk's clock, and each `new Promise` hands its executor resolve and reject functions that
// record their calls: the host makes its answer's Promise and its deadline's timer then. Only
// the Promise the callback returns is Desk's answer: the others' records are dropped.
function ask(name, callback, payload) {
  const { setTimeout: pageSetTimeout, Promise: PagePromise } = globalThis;
  const start = state.clock.now;
  const made = new Map();
  globalThis.setTimeout = (handler, ms) => {
    state.clock.timers.push({ at: state.clock.now + (Number(ms) || 0), handler });
    return 0;
  };
  globalThis.Promise = function Recorded(executor) {
    const answers = [];
    const record = (answer) => answers.push({ at: state.clock.now - start, ...answer });
    const promise = new PagePromise((resolve, reject) => executor(
      (value) => { record(answerOf(value)); resolve(value); },
      (reason) => { record(rejectionOf(reason)); reject(reason); }));
    made.set(promise, answers);
    return promise;
  };
  // `Promise.resolve` and the other statics still work meanwhile.
  Object.setPrototypeOf(globalThis.Promise, PagePromise);
  globalThis.Promise.prototype = PagePromise.prototype;
  let answer;
  try {
    answer = payload === undefined ? callback() : callback(payload);
  } finally {
    globalThis.setTimeout = pageSetTimeout;
    globalThis.Promise = PagePromise;
  }
  // A plain value is an answer given at once.
  state.asked.push({ hook: name, answers: made.get(answer) || [{ at: 0, ...answerOf(answer) }] });
  return answer;
}

// What Desk makes of a callback's value, or of its Promise's resolved value.
function answerOf(value) {
  return value === false ? { denied: null } : { allowed: true };
}

// What Desk makes of its Promise's rejection: the reason it shows the agent.
function rejectionOf(reason) {
  return { denied: reason instanceof Error ? reason.message : reason };
}

// The page's timer due first on Desk's clock (the earliest set, of those due together).
function nextTimer() {
  let next;
  for (const timer of state.clock.timers) {
    if (next === undefined || timer.at < next.at) next = timer;
  }
  return next;
}

function runTimer(timer) {
  state.clock.timers.splice(state.clock.timers.indexOf(timer), 1);
  state.clock.now = timer.at;
  timer.handler();
}

// Lets the page's Promise callbacks and the stand-in's own tasks run.
async function tasks() {
  for (let i = 0; i < 10; i++) await new Promise((done) => setTimeout(done, 0));
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
