// Starts the page's WebAssembly app and gives scripts a handle, window.backprop:
//   await backprop.ready;  backprop.train(); backprop.pause(); backprop.step(n);
//   backprop.reset(); backprop.restart(); backprop.setLearningRate(x) -> '' or why not;
//   backprop.state() -> { iteration, loss, inputs, targets, outputs, weights, training,
//                         diverged, message, learningRate, ... } (numbers from the C++ core);
//   backprop.widgetRect(name) -> { x, y, w, h } in CSS pixels of the viewport, or null.
// If WebGL2 is missing or the module fails to load, a message replaces the canvas.
'use strict';
(function () {
  const canvas = document.getElementById('canvas');
  const status = document.getElementById('status');
  let resolveReady, rejectReady;
  const ready = new Promise((ok, fail) => { resolveReady = ok; rejectReady = fail; });
  ready.catch(() => {});  // a failure is shown in the page; callers may still await it
  let module = null;
  let failed = false;

  function fail(message) {
    if (failed) return;
    failed = true;
    status.hidden = true;
    canvas.hidden = true;
    document.getElementById('error-text').textContent = message;
    document.getElementById('error').hidden = false;
    rejectReady(new Error(message));
  }

  function call(name, ret, types, args) {
    if (!module) throw new Error('backprop is not ready yet: await backprop.ready first');
    return module.ccall(name, ret, types, args);
  }

  const api = {
    ready,
    train() { call('bp_train', null, [], []); },
    pause() { call('bp_pause', null, [], []); },
    step(n = 1) { return call('bp_step', 'number', ['number'], [n]); },
    reset() { call('bp_reset', null, [], []); },
    restart() { call('bp_restart', null, [], []); },
    setLearningRate(x) { return call('bp_set_learning_rate', 'string', ['number'], [Number(x)]); },
    // The weight the equations explain: select({ layer: 1, row: 0, col: 2 }) is W1[0][2].
    // Returns '' or why the weight was refused.
    select(weight) {
      const w = weight ?? {};
      return call('bp_select', 'string', ['number', 'number', 'number'],
                  [Number(w.layer), Number(w.row), Number(w.col)]);
    },
    // The example (row of the data, from 0) the diagram shows. Returns '' or why not.
    setExample(row) { return call('bp_set_example', 'string', ['number'], [Number(row)]); },
    // Walkthrough mode: walkthrough(true) then nextPhase() runs one iteration phase by phase.
    walkthrough(on = true) { call('bp_set_walkthrough', null, ['number'], [on ? 1 : 0]); },
    nextPhase() { call('bp_next_phase', null, [], []); return this.state().phase; },
    // The diagram's links show dC/dw instead of w.
    showGradients(on = true) { call('bp_show_gradients', null, ['number'], [on ? 1 : 0]); },
    state() { return JSON.parse(call('bp_state_json', 'string', [], [])); },
    widgetRect(name) {
      const r = JSON.parse(call('bp_widget_rect_json', 'string', ['string'], [String(name)]));
      if (!r) return null;
      const c = canvas.getBoundingClientRect();
      return { x: c.left + r.x, y: c.top + r.y, w: r.w, h: r.h };
    },
  };
  window.backprop = api;

  canvas.addEventListener('contextmenu', (e) => e.preventDefault());
  canvas.addEventListener('webglcontextlost', (e) => {
    e.preventDefault();
    fail('The browser took the WebGL context away (too many tabs using the GPU?). Reload the page.');
  });

  if (!document.createElement('canvas').getContext('webgl2')) {
    fail('This page needs WebGL 2, which this browser does not provide. Try a current Chrome, ' +
         'Firefox, Edge or Safari, or turn on hardware acceleration.');
    return;
  }
  if (typeof WebAssembly !== 'object' || typeof createBackprop !== 'function') {
    fail('This page needs WebAssembly, and its program (backprop.js) did not load.');
    return;
  }

  const moduleArg = {
    canvas,
    arguments: [location.search.replace(/^\?/, '')],
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
    onFirstFrame() {
      module = moduleArg;
      status.hidden = true;
      canvas.focus();
      resolveReady(api);
    },
    onFatal: fail,
    onAbort: (what) => fail('The program stopped unexpectedly: ' + what),
  };
  createBackprop(moduleArg).catch((err) => fail('The WebAssembly module could not be loaded: ' + err));
})();
