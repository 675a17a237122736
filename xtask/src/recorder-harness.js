// `cargo xtask record`'s check of the recorder (cargo-desk/src/serve/recorder.js), in Node:
// the recorder's script as a page gets it (argv[1]) runs on a stub SDK that answers each call
// at once; then the page calls `ZOHODESK.get` once for each `<character>:<count>` given after
// it, with that character repeated; then an element is clicked whose text is `CLICKED` (an `x`
// then 150 emoji: 301 UTF-16 units, the 200th a high surrogate). It prints, as JSON, each POST
// (its size in bytes, whether it was sent `keepalive`, its lines' kinds and ids), each `click`
// line as it was sent (text), and what the recorder wrote to the console.
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
setTimeout(() => {
  const clicks = [];
  const sent = posts.map(({ body, keepalive }) => ({
    bytes: Buffer.byteLength(body),
    keepalive,
    lines: body.trim().split("\n").map((line) => {
      const { kind, id } = JSON.parse(line);
      if (kind === "click") clicks.push(line);
      return id === undefined ? kind : kind + " " + id;
    }),
  }));
  console.log(JSON.stringify({ errors, posts: sent, clicks, clicked: CLICKED }));
}, 100);
