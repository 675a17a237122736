// Inlined at the top of <head> of every page `cargo xtask startup` loads (before any other
// script): the clock the stand-in SDK and the instrumented pages write into, and the time the
// widget first writes `#app` (its first render).
//
// Times are `performance.now()`: milliseconds since the navigation started.
(() => {
  const marks = {};
  const mark = (name) => {
    if (!(name in marks)) marks[name] = performance.now();
  };
  // When the parser reached the page's first script: what came before is the browser's.
  mark("probe");
  // The widget's first render: the first assignment to `#app`'s innerHTML (the DSL's runtime,
  // the hand-written wasm-bindgen widget and the JavaScript widget all render that way), timed
  // synchronously, after the DOM took it. The stand-in SDK also watches `#app` with a
  // MutationObserver, for a widget that would render another way.
  const inner = Object.getOwnPropertyDescriptor(Element.prototype, "innerHTML");
  Object.defineProperty(Element.prototype, "innerHTML", {
    configurable: true,
    enumerable: inner.enumerable,
    get() {
      return inner.get.call(this);
    },
    set(html) {
      inner.set.call(this, html);
      if (this.id === "app") mark("rendered");
    },
  });
  window.__startup = { marks, mark };
})();
