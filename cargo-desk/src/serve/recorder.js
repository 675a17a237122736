// cargo desk serve --record: reports what happens in this page to the server, which appends
// it to the recording (docs/recording.md). It wraps the SDK (`window.ZOHODESK`, when the SDK's
// script defines it, now or later): the `App` at load, every SDK call with its arguments and
// its answer (or rejection), every event and hook with its payload's text and the callback's
// answer, messages between widgets, a modal's handshake; and every click. Every line names this
// page load (`load`, a random id made here), so that two loads of one widget (two tabs) that
// interleave in the recording are told apart. Lines are sent in
// order, as many as are waiting in one POST under the server's limit (`config.limit` bytes); a
// line over the limit alone is left out, and the console says so. Never in a package: the
// server adds it to the pages it answers with.
(function (config) {
  var MODAL = "desk-runtime:modal.";
  var load = loadId();
  var next = 1;
  var waiting = [];
  var sending = false;
  var wrapped = typeof WeakSet === "function" ? new WeakSet() : null;
  var utf8 = new TextEncoder();

  // This page load's id: 16 hex digits (64 bits) of the browser's random generator, so that no
  // two loads of a recording share one (docs/recording.md, "load"). Made in the page, not by the
  // server: a page's HTML served once and loaded twice (from a cache) still gets two.
  function loadId() {
    var bytes = new Uint8Array(8);
    if (typeof crypto === "object" && crypto && typeof crypto.getRandomValues === "function") {
      crypto.getRandomValues(bytes);
    } else {
      for (var i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
    }
    var id = "";
    for (var j = 0; j < bytes.length; j++) id += (bytes[j] + 0x100).toString(16).slice(1);
    return id;
  }

  // `text`'s first `units` UTF-16 units at most, never half of a surrogate pair (an emoji):
  // `slice` alone may end on a lone high surrogate, which JSON.stringify writes as `\ud83d`
  // and the server's JSON parser refuses. Lone surrogates already in the text are replaced
  // (U+FFFD) where the engine can (`toWellFormed`); the server replaces any left.
  function cut(text, units) {
    text = String(text);
    if (text.length > units) {
      var end = units;
      var last = text.charCodeAt(end - 1);
      if (last >= 0xd800 && last <= 0xdbff) end -= 1;
      text = text.slice(0, end);
    }
    return typeof text.toWellFormed === "function" ? text.toWellFormed() : text;
  }

  // The waiting lines that fit in one POST, in order, and their size in bytes: a line the
  // server would refuse (and every line sent with it) is left out alone.
  function batch() {
    var body = "";
    var bytes = 0;
    while (waiting.length > 0) {
      var size = utf8.encode(waiting[0]).length + 1;
      if (size > config.limit) {
        var line = waiting.shift();
        console.error("cargo desk serve --record: a line of " + size + " bytes is over the " +
          "server's limit of " + config.limit + ", and the recording lacks it: " + cut(line, 200));
      } else if (bytes + size > config.limit) {
        break;
      } else {
        body += waiting.shift() + "\n";
        bytes += size;
      }
    }
    return { body: body, bytes: bytes };
  }

  function send() {
    if (sending) return;
    var next = batch();
    var body = next.body;
    if (body === "") return;
    sending = true;
    fetch(config.endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/x-ndjson" },
      body: body,
      // Lines sent as the page unloads still arrive, when they are few: the browser refuses a
      // keepalive body over 64 KiB, in bytes.
      keepalive: next.bytes < 60000,
    }).then(function (answer) {
      if (!answer.ok) console.warn("cargo desk serve --record: the server answered " + answer.status);
    }, function (error) {
      console.warn("cargo desk serve --record: " + error);
    }).then(function () {
      sending = false;
      send();
    });
  }

  // One line: its kind, the page's widget and location, this load, the time, then the kind's
  // fields.
  function record(kind, fields) {
    var line = {
      kind: kind, widget: config.widget, location: config.location, load: load, t: Date.now(),
    };
    for (var name in fields) line[name] = fields[name];
    waiting.push(JSON.stringify(line));
    send();
  }

  // A value as JSON can hold it: `undefined` as `null`, an error as its message (what the
  // runtime reads of a rejection).
  function json(value) {
    if (value === undefined) return null;
    if (value instanceof Error) return value.message;
    try {
      return JSON.parse(JSON.stringify(value));
    } catch (error) {
      return String(value);
    }
  }

  // Records the answer `id` got: a value at once, a Promise's value or rejection, a throw.
  function answer(id, value) {
    if (value && typeof value.then === "function") {
      value.then(function (resolved) {
        record("answer", { id: id, resolved: json(resolved) });
      }, function (reason) {
        record("answer", { id: id, rejected: json(reason) });
      });
    } else {
      record("answer", { id: id, returned: json(value) });
    }
  }

  // `object[name]`, a function, recorded as the call `call`: its arguments, then its answer.
  function wrapCall(object, name, call) {
    var original = object[name];
    if (typeof original !== "function") return;
    object[name] = function () {
      var id = next++;
      var args = Array.prototype.slice.call(arguments);
      record("call", { id: id, call: call, args: args.map(json) });
      var value;
      try {
        value = original.apply(this, arguments);
      } catch (error) {
        record("answer", { id: id, threw: json(error) });
        throw error;
      }
      answer(id, value);
      return value;
    };
  }

  // An event's (or hook's) callback, recorded with the payload's text as the runtime reads it
  // (`JSON.stringify`; `null` for an event without data), and what the callback answers.
  function wrapEvent(name, callback) {
    var hook = config.hooks.indexOf(name) >= 0;
    return function (payload) {
      var id = next++;
      var text = arguments.length === 0 || payload === undefined ? null : JSON.stringify(payload);
      var fields = { id: id, payload: text === undefined ? null : text };
      fields[hook ? "hook" : "event"] = name;
      record(hook ? "hook" : "event", fields);
      var value = callback.apply(this, arguments);
      if (value !== undefined || hook) answer(id, value);
      return value;
    };
  }

  // A message's kind: a modal's handshake (the runtime's, or Desk's `modal.closed`) or not.
  function kind(name) {
    return String(name).indexOf(MODAL) === 0 || name === "modal.closed" ? "modal" : "message";
  }

  // Another widget's instance (`getWidgetInstance(id)`): what is emitted to it and what it
  // sends; a modal's handshake as `modal` lines.
  function wrapInstance(instance, widgetID) {
    if (!instance || (wrapped && wrapped.has(instance))) return instance;
    if (wrapped) wrapped.add(instance);
    var emit = instance.emit;
    if (typeof emit === "function") {
      instance.emit = function (name, data) {
        record(kind(name), { direction: "out", widgetID: widgetID, name: name, data: json(data) });
        return emit.apply(this, arguments);
      };
    }
    var on = instance.on;
    if (typeof on === "function") {
      instance.on = function (name, callback) {
        return on.call(this, name, function (data) {
          var fields = { direction: "in", widgetID: widgetID, name: name, data: json(data) };
          record(kind(name), fields);
          return callback.apply(this, arguments);
        });
      };
    }
    return instance;
  }

  // The `App` at load: its fields (not its `instance`), and its instance's functions wrapped.
  function wrapApp(app) {
    var instance = app && app.instance;
    if (instance && !(wrapped && wrapped.has(instance))) {
      if (wrapped) wrapped.add(instance);
      var on = instance.on;
      // One line per event Desk sends, however many callbacks the page registered for it (a
      // modal's input has two when the modal has an `#[on_open]` handler: its own and the
      // runtime's): Desk calls each, and the first one registered records it.
      var recorded = Object.create(null);
      instance.on = function (name, callback) {
        if (recorded[name]) return on.apply(this, arguments);
        recorded[name] = true;
        return on.call(this, name, wrapEvent(name, callback));
      };
      var emit = instance.emit;
      if (typeof emit === "function") {
        instance.emit = function (name, data) {
          record(kind(name), { direction: "out", widgetID: null, name: name, data: json(data) });
          return emit.apply(this, arguments);
        };
      }
      wrapCall(instance, "getWidgets", "instance.getWidgets");
      wrapCall(instance, "modal", "instance.modal");
      var widget = instance.getWidgetInstance;
      if (typeof widget === "function") {
        instance.getWidgetInstance = function (id) {
          return wrapInstance(widget.apply(this, arguments), id);
        };
      }
    }
    var fields = {};
    for (var name in app) if (name !== "instance") fields[name] = json(app[name]);
    record("app", { app: fields });
    return app;
  }

  // The SDK: each of its functions recorded as calls, `extension.onload` for the `App`.
  function wrapSdk(sdk) {
    if (!sdk || (wrapped && wrapped.has(sdk))) return sdk;
    if (wrapped) wrapped.add(sdk);
    for (var name in sdk) {
      if (name !== "extension") wrapCall(sdk, name, name);
    }
    var extension = sdk.extension;
    if (extension && typeof extension.onload === "function") {
      var onload = extension.onload;
      extension.onload = function () {
        var loading = onload.apply(this, arguments);
        return loading && typeof loading.then === "function" ? loading.then(wrapApp) : loading;
      };
    }
    return sdk;
  }

  if (window.ZOHODESK) {
    wrapSdk(window.ZOHODESK);
  } else {
    // The SDK's script has not run yet (it is a module, or loads later): wrap it when it does.
    var sdk;
    Object.defineProperty(window, "ZOHODESK", {
      configurable: true,
      enumerable: true,
      get: function () { return sdk; },
      set: function (value) { sdk = wrapSdk(value); },
    });
  }

  document.addEventListener("click", function (event) {
    var target = event.target && event.target.closest ? event.target.closest("[data-click]") : null;
    var element = target || event.target;
    record("click", {
      target: target ? target.getAttribute("data-click") : null,
      element: element && element.tagName ? element.tagName.toLowerCase() : null,
      text: element ? cut(element.textContent || "", 200) : null,
    });
  }, true);
})
