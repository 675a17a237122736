// The Desk client SDK as `cargo xtask startup` serves it (in place of
// https://js.zohostatic.com/support/developer_sdk/v1/js/ZohoDeskClientSDK.min.js): a classic
// script, like the real one, that defines `window.ZOHODESK` and records when the widget is
// ready. It behaves as desk-runtime/tests/support/zohodesk-sdk-standin.js does where a widget
// can tell (`extension.onload()` resolves with the `App` at once, `App.instance.on` keeps the
// callbacks, `get` answers `{"<property>": value, status: "success"}`), and marks on the page's
// clock (probe.js, `window.__startup`):
// - `sdk.run`: this script runs (it is fetched and the parser reached it);
// - `onload.called`: the widget asked for the `App`;
// - `on.first`, `subscribed`: the first `App.instance.on`, and the one that completes the
//   widget's subscriptions (their number is the page's `data-subscriptions`, on <html>);
// - `rendered` (probe.js) or `mutated` (a MutationObserver on `#app`): the first render;
// - `get.called`, `get.answered`: the widget's first `ZOHODESK.get`, and when its promise was
//   resolved.
// Once subscribed and rendered (and the first `get`, if any, answered) it POSTs the marks, the
// navigation's and every script's resource timing to `/__startup__/report` (`cargo xtask
// startup` then loads the next page, over Chromium's debugging pipe).
(() => {
  const startup = window.__startup;
  const mark = startup.mark;
  mark("sdk.run");
  const expected = Number(document.documentElement.dataset.subscriptions || "1");
  const registered = [];
  let gets = 0;
  let answered = 0;
  let sent = false;
  let timer = null;

  const app = document.getElementById("app");
  if (app) {
    new MutationObserver(() => {
      mark("mutated");
      check();
    }).observe(app, { childList: true, characterData: true, subtree: true });
  }

  function check() {
    const rendered = "rendered" in startup.marks || "mutated" in startup.marks;
    if (sent || timer !== null || registered.length < expected || !rendered) return;
    // A task later, so that a `get` the widget makes right after its first render is waited
    // for; what the widget does after that is not timed.
    timer = setTimeout(() => {
      timer = null;
      if (answered < gets) return; // `check` again once it is answered
      sent = true;
      report();
    }, 0);
  }

  function report(error) {
    const navigation = performance.getEntriesByType("navigation")[0];
    const resources = performance.getEntriesByType("resource").map((entry) => ({
      name: new URL(entry.name).pathname,
      start: entry.startTime,
      responseEnd: entry.responseEnd,
      size: entry.decodedBodySize,
    }));
    const body = JSON.stringify({
      page: location.pathname,
      error: error || null,
      registered,
      marks: startup.marks,
      navigation: navigation && {
        responseEnd: navigation.responseEnd,
        size: navigation.decodedBodySize,
        domInteractive: navigation.domInteractive,
        domContentLoaded: navigation.domContentLoadedEventEnd,
      },
      resources,
    });
    fetch("/__startup__/report", { method: "POST", body });
  }

  // Reports what it has if the widget never gets ready.
  setTimeout(() => {
    if (!sent) {
      sent = true;
      report("not ready after 10 s");
    }
  }, 10000);

  const instance = {
    on(event, callback) {
      mark("on.first");
      registered.push(event);
      if (registered.length === expected) mark("subscribed");
      check();
    },
  };
  const App = {
    instance,
    uniqueID: "startup-widget",
    extensionID: "startup-extension",
    location: "desk.ticket.detail.rightpanel",
    locale: "en",
    meta: { userPreferences: { appearance: "light", theme: "blue", fontFamily: "Lato" } },
  };
  // What the widgets measured read: the call assistant nothing, the call bar's mount handler the
  // agent and the ticket.
  const data = {
    "ticket.email": "carol@zylker.com",
    "ticket.status": "Open",
    "ticket.id": "1",
    "user.fullName": "Ada Agent",
    "ticket.subject": "Refund for order 1042",
  };
  const answer = (promise) =>
    promise.then((value) => {
      answered += 1;
      mark("get.answered");
      check();
      return value;
    });
  window.ZOHODESK = {
    extension: {
      onload() {
        mark("onload.called");
        return Promise.resolve(App);
      },
    },
    get(property) {
      gets += 1;
      mark("get.called");
      return answer(
        Promise.resolve(
          property in data
            ? { [property]: data[property], status: "success" }
            : { status: "failure", message: property + " is not available here" },
        ),
      );
    },
    set() {
      return Promise.resolve({ status: "success" });
    },
    invoke() {
      return Promise.resolve({ status: "success" });
    },
  };
})();
