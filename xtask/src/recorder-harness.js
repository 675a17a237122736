// `cargo xtask record`'s check of the recorder (cargo-desk/src/serve/recorder.js), in Node:
// the recorder's script as a page gets it (argv[1]) runs on a stub SDK that answers each call
// at once; then the page calls `ZOHODESK.get` once for each `<character>:<count>` given after
// it, with that character repeated; then an element is clicked whose text is `CLICKED` (an `x`
// then 150 emoji: 301 UTF-16 units, the 200th a high surrogate). It prints, as JSON, each POST
// (its size in bytes, whether it was sent `keepalive`, its lines' kinds and ids), the page load
// ids its lines name, each `click` line as it was sent (text), and what the recorder wrote to
// the console. Then two loads of one page (two tabs, each a context of its own with the
// recorder and a stub SDK) do things in turn: `tabs` is their lines, as the server gets them.
const vm = require("node:vm");
const [recorder, ...calls] = process.argv.slice(1);
const CLICKED = "x" + "\u{1F600}".repeat(150);
const posts = [];
const errors = [];
const listeners = [];
globalThis.window = globalThis;
globalThis.document = {
  addEventListener(type, listener) {
    if (type === "click") listeners.push(listener);
  },
};
globalThis.fetch = (url, options) => {
  posts.push(options);
  return Promise.resolve({ ok: true, status: 204 });
};
console.error = (message) => errors.push(String(message).slice(0, 120));
window.ZOHODESK = { get() { return null; } };
(0, eval)(recorder);
for (const call of calls) {
  const [character, count] = call.split(":");
  ZOHODESK.get(character.repeat(Number(count)));
}
const button = { tagName: "BUTTON", textContent: CLICKED, closest() { return null; } };
for (const listener of listeners) listener({ target: button });
const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

// A page load of its own, as a browser's tab is: the recorder and a stub SDK whose `get` returns
// its argument at once and whose `App` keeps the callbacks registered, for `fire`. Its lines
// are added to `arrived` as they are POSTed.
function tab(arrived) {
  const callbacks = {};
  const page = {
    console: { error: (message) => errors.push(String(message).slice(0, 120)), warn() {} },
    crypto: require("node:crypto").webcrypto,
    TextEncoder,
    setTimeout,
    document: { addEventListener() {} },
    fetch(url, options) {
      arrived.push(...options.body.trim().split("\n"));
      return Promise.resolve({ ok: true, status: 204 });
    },
  };
  page.window = page;
  vm.createContext(page);
  page.ZOHODESK = {
    get(name) { return name; },
    extension: {
      onload() {
        const instance = { on(name, callback) { callbacks[name] = callback; } };
        return Promise.resolve({ instance, location: "desk.ticket.detail.rightpanel" });
      },
    },
  };
  vm.runInContext(recorder, page);
  return {
    load: () => page.ZOHODESK.extension.onload().then((app) => app.instance.on("e", () => {})),
    get: (name) => page.ZOHODESK.get(name),
    fire: (name, payload) => callbacks[name](payload),
  };
}

// Two tabs of one widget, each step a turn of its own so that their lines interleave.
async function tabs() {
  const arrived = [];
  const [a, b] = [tab(arrived), tab(arrived)];
  const steps = [
    () => a.load(), () => b.load(),
    () => a.get("a1"), () => b.get("b1"), () => a.fire("e", { n: 1 }),
    () => b.get("b2"), () => a.get("a2"), () => b.fire("e", { n: 2 }),
  ];
  for (const step of steps) {
    await step();
    await tick();
  }
  return arrived;
}

setTimeout(async () => {
  const clicks = [];
  const loads = new Set();
  const sent = posts.map(({ body, keepalive }) => ({
    bytes: Buffer.byteLength(body),
    keepalive,
    lines: body.trim().split("\n").map((line) => {
      const { kind, id, load } = JSON.parse(line);
      loads.add(load);
      if (kind === "click") clicks.push(line);
      return id === undefined ? kind : kind + " " + id;
    }),
  }));
  const arrived = await tabs();
  console.log(JSON.stringify({
    errors, posts: sent, loads: [...loads], clicks, clicked: CLICKED, tabs: arrived,
  }));
}, 100);
