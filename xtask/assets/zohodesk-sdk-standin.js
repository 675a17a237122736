// A stand-in for the Desk client SDK in the browser test (the real script cannot be
// downloaded here). It implements what widgets use: ZOHODESK.extension.onload(),
// App.instance.on(), ZOHODESK.get/set/invoke; records what the widget does; then plays
// `window.DESK_TEST_PLAN` (a list of [event, payload]) against the registered callbacks, as
// Desk would, and writes a report into the page for `chromium --dump-dom`.
(function () {
  "use strict";
  const report = { registered: [], fired: [], calls: [], consoleErrors: [] };
  const callbacks = {};

  const consoleError = console.error;
  console.error = function (...args) {
    report.consoleErrors.push(args.map(String).join(" "));
    consoleError.apply(console, args);
  };

  const instance = {
    on(event, callback) {
      report.registered.push(event);
      callbacks[event] = callback;
    },
  };
  const app = {
    instance,
    uniqueID: "test-widget",
    extensionID: "test-extension",
    locale: "en",
    meta: { userPreferences: { appearance: "light", theme: "blue", fontFamily: "Lato" } },
  };

  window.ZOHODESK = {
    extension: { onload: () => Promise.resolve(app) },
    get(property, options) {
      report.calls.push(["get", property, options === undefined ? null : options]);
      return Promise.resolve({ [property]: "value of " + property, status: "success" });
    },
    set(property, value) {
      report.calls.push(["set", property, value]);
      return Promise.resolve({ status: "success" });
    },
    invoke(action, ...args) {
      report.calls.push(["invoke", action, ...args]);
      return Promise.resolve({ status: "success" });
    },
  };

  function play() {
    for (const [event, payload] of window.DESK_TEST_PLAN) {
      const callback = callbacks[event];
      report.fired.push([event, Boolean(callback)]);
      if (callback) {
        callback(payload);
      }
    }
    const out = document.createElement("script");
    out.type = "application/json";
    out.id = "desk-test-report";
    out.textContent = JSON.stringify(report);
    document.body.appendChild(out);
  }

  // The widget's module starts asynchronously and subscribes in one go once `onload`
  // resolves: play as soon as the first subscription is in (or give up after 5 s).
  function whenSubscribed(attempts) {
    if (report.registered.length > 0 || attempts === 0) {
      setTimeout(play, 0);
    } else {
      setTimeout(() => whenSubscribed(attempts - 1), 20);
    }
  }
  window.addEventListener("load", () => whenSubscribed(250));
})();
