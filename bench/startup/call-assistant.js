// widgets/telephony's `CallAssistant`, written in plain JavaScript on the Desk SDK: the widget
// an author would otherwise write, the baseline of `cargo xtask startup`. The same six
// subscriptions (the telephony bar's message first), state, lines, HTML escaping, refused
// priorities and `#errors` list.
(function () {
  var state = { crm: null, call: null, log: [], status: null, priority: null };
  var entities = { "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&#39;" };
  function escape(text) {
    return String(text).replace(/[<>&"']/g, function (c) { return entities[c]; });
  }
  function text(value, field) {
    if (typeof value !== "string") throw new Error("`" + field + "` is not a string");
    return value;
  }
  function callOf(payload) {
    return {
      number: text(payload.number, "number"),
      contact: text(payload.entityName, "entityName"),
      inbound: payload.callType === "inbound",
      answered: false,
    };
  }
  var handlers = {
    "calltools.caller_found": function (payload) {
      state.crm = {
        number: text(payload.number, "number"),
        name: text(payload.name, "name"),
        open: payload.open_tickets || [],
      };
    },
    "call.ringing": function (payload) { state.call = callOf(payload); },
    "call.answered": function (payload) {
      state.call = state.call || callOf(payload);
      state.call.answered = true;
    },
    "call.completed": function (payload) {
      var contact = state.call ? state.call.contact : text(payload.entityName, "entityName");
      state.call = null;
      var activity = payload.activityId || "no activity";
      state.log.push("call with " + contact + " logged as activity " + activity);
    },
    "ticket_status.changed": function (payload) {
      state.status = text(payload["ticket.status"], "ticket.status");
    },
    "ticket_priority.changed": function (payload) {
      var priority = text(payload["ticket.priority"], "ticket.priority");
      if (priority !== "Low" && priority !== "Medium" && priority !== "High") {
        throw new Error("unknown priority `" + priority + "` (expected Low, Medium or High)");
      }
      state.priority = priority;
    },
  };
  function render() {
    var call = state.call;
    var lines = ["ticket: status " + (state.status || "-") + ", priority " + (state.priority || "-")];
    lines.push(call
      ? "on the line: " + (call.answered ? "talking" : "ringing") + " " + (call.inbound ? "from" : "to") +
        " " + call.contact + " (" + (call.number || "no number") + ")"
      : "no call");
    if (state.crm) {
      lines.push("CRM: " + state.crm.name + " (" + state.crm.number + ")" +
        (state.crm.open.length ? ", open: " + state.crm.open.join("; ") : ""));
    }
    lines = lines.concat(state.log);
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
  ZOHODESK.extension.onload().then(function (App) {
    Object.keys(handlers).forEach(function (event) {
      App.instance.on(event, function (payload) {
        try { handlers[event](payload || {}); } catch (error) { fail(event, error.message); }
        render();
      });
    });
    render();
  }, function (error) { fail("extension.onload", error); });
})();
