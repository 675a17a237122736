// widgets/telephony's `CallBar`, written in plain JavaScript on the Desk SDK: the baseline of
// `cargo xtask startup`'s `dsl-bar` case, a widget whose mount handler talks back (it reads the
// agent and the ticket with `ZOHODESK.get`). The same five subscriptions (four events and the
// `ticket.reply` hook), state, lines, CRM lookup through `ZOHODESK.request`, message to the call
// assistant, confirmation modal, comment and `#errors` list.
(function () {
  var CRM_CONTACTS = "https://crm.example.com/contacts";
  var state = { agent: null, ticket: null, current: null, answeredAt: null, problem: null,
    taken: 0, logged: 0, dialled: 0 };
  var App = null;
  var entities = { "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&#39;" };
  function escape(text) {
    return String(text).replace(/[<>&"']/g, function (c) { return entities[c]; });
  }
  function text(value, field) {
    if (typeof value !== "string") throw new Error("`" + field + "` is not a string");
    return value;
  }
  function get(property) {
    return ZOHODESK.get(property).then(function (answer) {
      if (answer.status && answer.status !== "success") {
        throw new Error("Desk refused `get(\"" + property + "\")`: " + JSON.stringify(answer));
      }
      return text(answer[property], property);
    });
  }
  // The proxy's doubly encoded answer, unwrapped: the CRM's contact.
  function lookUp(number) {
    return ZOHODESK.request({ url: CRM_CONTACTS, type: "GET", headers: {}, postBody: {},
      data: { phone: number } }).then(function (answer) {
      var outer = typeof answer === "string" ? JSON.parse(answer) : answer;
      var inner = typeof outer.response === "string" ? JSON.parse(outer.response) : outer.response;
      if (!inner || String(inner.status) !== "true" || outer.statusCode >= 400) {
        throw new Error("the service failed: " + JSON.stringify(inner && inner.statusMessage));
      }
      var body = inner.statusMessage;
      return typeof body === "string" ? JSON.parse(body) : body;
    });
  }
  function sendToAssistant(found) {
    return Promise.resolve(App.instance.getWidgets()).then(function (widgets) {
      var assistant = widgets.filter(function (w) {
        return w.location === "desk.ticket.detail.rightpanel" && w.name === "Call Assistant";
      })[0];
      if (assistant) {
        return App.instance.getWidgetInstance(assistant.widgetID).emit("calltools.caller_found", found);
      }
    });
  }
  function confirmLog(details) {
    return Promise.resolve(App.instance.modal({ url: "/app/confirm-call-log.html",
      title: "Confirm Call Log" })).then(function (opened) {
      var id = opened !== null && typeof opened === "object" ? opened.widgetID : opened;
      var modal = App.instance.getWidgetInstance(id);
      return new Promise(function (resolve) {
        var done = false;
        var sent = false;
        function finish(result) { if (!done) { done = true; resolve(result && result.value === true); } }
        modal.on("desk-runtime:modal.ready", function () {
          if (!done && !sent) { sent = true; modal.emit("desk-runtime:modal.input", details); }
        });
        modal.on("desk-runtime:modal.result", finish);
        modal.on("modal.closed", function () { finish(null); });
      });
    });
  }
  var handlers = {
    "call.ringing": function (call) {
      var number = text(call.number, "number");
      state.current = { name: text(call.entityName, "entityName"), number: number, open: [],
        talking: false };
      return lookUp(number).then(function (contact) {
        var found = { number: number, name: text(contact.name, "name"),
          open_tickets: contact.openTickets || [] };
        if (state.current) { state.current.name = found.name; state.current.open = found.open_tickets; }
        state.problem = null;
        return sendToAssistant(found).catch(function () {});
      }, function (error) {
        state.problem = "lookup of " + number + " failed";
        ZOHODESK.notify({ content: "Could not look up " + number + ": " + error.message,
          icon: "failure" });
        throw error;
      });
    },
    "call.answered": function () {
      if (state.current) state.current.talking = true;
      state.answeredAt = Date.now();
    },
    "call.completed": function (call) {
      state.taken += 1;
      var name = state.current ? state.current.name : text(call.entityName, "entityName");
      state.current = null;
      var lasted = state.answeredAt === null ? "not answered"
        : Math.round((Date.now() - state.answeredAt) / 1000) + " s";
      state.answeredAt = null;
      return confirmLog({ caller: name, lasted: lasted }).then(function (confirmed) {
        if (!confirmed) return;
        state.logged += 1;
        return ZOHODESK.set("ticket.comment", "Call with " + name + ": " + lasted);
      });
    },
    "click2Call": function () { state.dialled += 1; },
  };
  function render() {
    var lines = ["agent: " + (state.agent || "-") + ", ticket: " + (state.ticket || "none")];
    var caller = state.current;
    lines.push(caller
      ? (caller.talking ? "talking to" : "ringing:") + " " + caller.name + " (" + caller.number + ")" +
        (caller.open.length ? ", open: " + caller.open.join("; ") : "")
      : "no call");
    if (state.problem) lines.push(state.problem);
    lines.push(state.taken + " calls taken, " + state.logged + " logged, " + state.dialled + " dialled");
    document.getElementById("app").innerHTML = lines.map(function (line) {
      return "<p>" + escape(line) + "</p>";
    }).join("");
  }
  function fail(event, error) {
    console.error(event + ": " + error);
    var item = document.createElement("li");
    item.textContent = event + ": " + error;
    document.getElementById("errors").appendChild(item);
  }
  ZOHODESK.extension.onload().then(function (app) {
    App = app;
    Object.keys(handlers).forEach(function (event) {
      App.instance.on(event, function (payload) {
        var done;
        try { done = handlers[event](payload || {}); } catch (error) { done = Promise.reject(error); }
        Promise.resolve(done).catch(function (error) { fail(event, error.message); }).then(render);
      });
    });
    // While the agent is on a call, a reply to the ticket waits.
    App.instance.on("ticket.reply", function () {
      var caller = state.current;
      return caller && caller.talking
        ? Promise.reject("You are on a call with " + caller.name + ": finish it before sending a reply.")
        : Promise.resolve(true);
    });
    render();
    get("user.fullName").then(function (agent) {
      state.agent = agent;
      return get("ticket.subject").then(function (subject) { state.ticket = subject; },
        function () { state.ticket = null; });
    }).catch(function (error) { fail("extension.onload", error.message); }).then(render);
  }, function (error) { fail("extension.onload", error); });
})();
