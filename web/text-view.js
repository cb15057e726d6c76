// The text view: real HTML next to the canvas, kept in step with the C++ app through its
// handle (window.backprop on the page, each <backprop-demo>'s own demo in the element). It is
// what a screen reader reads and what the keyboard reaches right after the canvas: the main
// controls as buttons and inputs, a live region that says what happened (started, paused,
// converged, diverged, stopped by a rule, and the iteration and loss now and then), the data
// with the current outputs as a table, and the selected weight's explanation. It stays out of
// sight until something in it has focus. Its numbers are the app's (summary(), below).
//   const tv = window.backpropTextView({ view, canvas, api, title, name, page }) fills view (an
// empty element) for api, the demo's handle; tv.follow() once api.ready has resolved keeps it in
// step. index.html's #text-view is filled by this file itself; backprop-demo.js calls it for
// each element. Every number comes from api.summary(): the part of state() the view shows, a
// few KB however large the data (state() is hundreds of KB with 2000 points, too much to read
// twice a second).
'use strict';
(function () {
// The text view's HTML, the same for the page and for every element (ids are looked up inside
// the view: each element's are in its own shadow root).
const MARKUP = `
    <h1></h1>
    <p>A small neural network learns from four examples. Train it, step through it and read how
      each weight's gradient is made; the canvas before this text view shows the same.</p>
    <div role="group" aria-label="Training controls">
      <button type="button" id="tv-train">Train</button>
      <button type="button" id="tv-step">Step</button>
      <button type="button" id="tv-reset">Reset</button>
      <button type="button" id="tv-restart">Restart</button>
      <form id="tv-lr-form">
        <label for="tv-lr">Learning rate</label>
        <input id="tv-lr" type="text" inputmode="decimal" autocomplete="off" spellcheck="false">
        <button type="submit">Set</button>
      </form>
      <label for="tv-example">Example shown in the diagram</label>
      <select id="tv-example"></select>
      <label><input type="checkbox" id="tv-walk"> Walkthrough, one phase at a time</label>
      <button type="button" id="tv-next-phase">Next phase</button>
      <span role="group" aria-label="Text size">
        <button type="button" id="tv-smaller">Smaller text</button>
        <span id="tv-text-size">100 %</span>
        <button type="button" id="tv-larger">Larger text</button>
      </span>
    </div>
    <p>Last said: <span id="tv-said"></span></p>
    <div id="tv-live" class="visually-hidden" role="status" aria-live="polite"></div>
    <table id="tv-table"></table>
    <h2>The selected weight</h2>
    <p id="tv-explanation"></p>
    <p id="tv-version">Version: loading&hellip;</p>`;

// o: view (the element to fill), canvas (the demo's), api (its handle: window.backprop or an
// element's own), title (the view's heading), name (what the canvas's label starts with, for
// an element: "Demo 2"), page (true on index.html: the page's keys).
function attach(o) {
  const { view, canvas } = o;
  const api = o.api;
  view.innerHTML = MARKUP;
  view.querySelector('h1').textContent = o.title;
  const $ = (id) => view.querySelector(`#${id}`);
  const live = $('tv-live');
  const said = $('tv-said');
  const trainButton = $('tv-train');
  const lrForm = $('tv-lr-form');
  const lrInput = $('tv-lr');
  const exampleSelect = $('tv-example');
  const walkBox = $('tv-walk');
  const nextPhase = $('tv-next-phase');
  const table = $('tv-table');
  const explanation = $('tv-explanation');
  const textSize = $('tv-text-size');

  // Keys pressed in the text view are the browser's (Tab moves focus, typing types), not the
  // canvas app's: Emscripten's GLFW listens on the window in the capture phase and cancels
  // Tab. This listener runs before it, as index.html loads this script before the app's (a
  // script loaded later can run after the app has started), and keeps those keys from it. On the
  // canvas, Tab leaves it (no keyboard trap) unless one of its text fields is being edited.
  function typingNow() {
    try { return api.summary().typing; } catch { return false; }
  }
  // The canvas's focus ring shows when the keyboard brought the focus there (Tab), not when
  // the page gave it focus on load or a click did.
  let tabbed = false;
  canvas.addEventListener('focus', () => canvas.classList.toggle('keyboard-focus', tabbed));
  canvas.addEventListener('blur', () => canvas.classList.remove('keyboard-focus'));
  canvas.addEventListener('pointerdown', () => canvas.classList.remove('keyboard-focus'));
  // Whether the Tab now pressed on the canvas leaves it: asked once per press, on keydown
  // (summary() is made from the page's state), and kept for its keypress and keyup.
  // (An element's program listens on its own canvas, so keys in its text view never reach it,
  // and its Tab is handled in backprop-demo.js.)
  let tabLeaves = false;
  for (const type of o.page ? ['keydown', 'keypress', 'keyup'] : []) {
    window.addEventListener(type, (e) => {
      if (type === 'keydown') {
        tabbed = e.key === 'Tab';
        tabLeaves = tabbed && e.target === canvas && !typingNow();
      }
      if (view.contains(e.target)) {
        e.stopImmediatePropagation();
        // Escape in the learning rate: back to the rate in use (the input's own listeners
        // do not see keys, stopped here).
        if (type === 'keydown' && e.key === 'Escape' && e.target === lrInput && last) {
          lrInput.value = String(last.learningRate);
        }
      } else if (e.target === canvas && e.key === 'Tab' && tabLeaves) {
        e.stopImmediatePropagation();  // the browser moves the focus on
      }
    }, true);
  }

  // What the live region says: one sentence at a time, the newest last (polite: a screen
  // reader finishes what it is reading first).
  function announce(sentence) {
    live.textContent = sentence;
    said.textContent = sentence;
  }
  const number = (v, digits = 4) => (Number.isFinite(v) ? +v.toFixed(digits) : 'not a number');
  const lossText = (s) => (Number.isFinite(s.loss) ? `loss C = ${number(s.loss, 6)}` : 'the loss is not a number');

  let last = null;          // the state the view shows
  let lastSpoken = 0;       // when the iteration was last announced while training
  const kSpeakEveryMs = 5000;

  function describe(s) {
    const sizes = s.setup?.sizes?.join('-') ?? '';
    const what = s.diverged ? 'diverged' : s.training ? 'training' : 'paused';
    return `${o.name ? `${o.name}: a` : 'A'} ${sizes} neural network, ${what} at iteration ${s.iteration}, ${lossText(s)}. ` +
      'Press Tab for a text view with the same controls and numbers.';
  }

  function renderTable(s) {
    const rows = s.examples;
    const shown = s.inputs.length;  // summary() has the first 12 rows
    const cols = s.inputs[0]?.length ?? 0;
    const head = ['example', ...Array.from({ length: cols }, (_, c) => `x${c + 1}`),
                  'target y', 'output a', 'error a - y'];
    const out = [];
    out.push(`<caption>The data and what the network outputs now${rows > shown ? ` (the first ${shown} of ${rows} examples)` : ''}</caption>`);
    out.push('<thead><tr>' + head.map((h) => `<th scope="col">${h}</th>`).join('') + '</tr></thead><tbody>');
    for (let r = 0; r < shown; ++r) {
      const y = Array.isArray(s.targets[r]) ? s.targets[r][0] : s.targets[r];
      const a = Array.isArray(s.outputs[r]) ? s.outputs[r][0] : s.outputs[r];
      const cells = [...s.inputs[r].map((x) => number(x)), number(y), number(a), number(a - y)];
      out.push(`<tr><th scope="row">${r + 1}</th>` + cells.map((c) => `<td>${c}</td>`).join('') + '</tr>');
    }
    out.push('</tbody>');
    table.innerHTML = out.join('');
  }

  function gradientSentences(s, name) {
    const g = s.selectedGradient;
    if (!g) return `The selected weight is ${name}. Its gradient is worked out on the Equations tab.`;
    const layers = (s.setup?.sizes?.length ?? 3) - 1;
    const where = s.selected.layer === layers
      ? 'delta is the output error (a - y) times the slope of the activation there, equation (A)'
      : 'delta is the next layer\'s deltas sent back through its weights, times the slope of the activation here, equation (B)';
    const terms = g.terms.map((t, n) => `example ${n + 1}: ${number(t.input)} times ${number(t.delta, 6)} is ${number(t.product, 6)}`);
    // summary() has the first 12 terms; the Equations tab lists them all.
    if (g.termCount > g.terms.length) terms.push(`and ${g.termCount - g.terms.length} more examples`);
    return `The selected weight is ${name}, now ${number(g.weight)}. Its gradient dC/d${name} is ` +
      `${number(g.backprop, 6)}: over the examples, the input into the weight times the delta ` +
      `of the unit it feeds, added up, where ${where}. ${terms.join('; ')}. ` +
      `The update makes it ${number(g.weight)} minus ${number(s.learningRate, 6)} times ` +
      `${number(g.backprop, 6)}: ${number(g.updated)}. The Equations tab shows the working.`;
  }

  function renderExplanation(s) {
    const text = s.explanation;
    const w = s.selected;
    const name = `W${w.layer}[${w.row}][${w.col}]`;
    if (!text) {
      // Another tab is in front, so the canvas does not write the explanation out: the same
      // numbers from summary(), in sentences (the Equations tab has the full working).
      explanation.textContent = gradientSentences(s, name);
      return;
    }
    // The canvas shows a table of one term per example there; the sentences carry the sum.
    const lines = text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('|'));
    explanation.textContent = lines.join(' ');  // ImGui's wrapped lines, joined again
  }

  function render(s) {
    const before = last;
    last = s;
    canvas.setAttribute('aria-label', describe(s));
    trainButton.textContent = s.training ? 'Pause' : 'Train';
    if (view.getRootNode().activeElement !== lrInput) lrInput.value = String(s.learningRate);
    const rows = s.examples;
    if (exampleSelect.options.length !== rows) {
      exampleSelect.replaceChildren(...Array.from({ length: rows }, (_, r) => new Option(`${r + 1}`, `${r}`)));
    }
    exampleSelect.value = String(s.example);
    walkBox.checked = s.walkthrough;
    // The text size the student chose applies here too.
    textSize.textContent = `${Math.round(s.textSize * 100)} %`;
    view.style.fontSize = `${16 * s.textSize}px`;
    nextPhase.disabled = s.diverged;
    if (!before || before.iteration !== s.iteration || before.outputs !== s.outputs) renderTable(s);
    renderExplanation(s);

    if (!before) return;
    const now = performance.now();
    if (s.diverged && !before.diverged) return;  // the diverged event says it
    if (s.training && !before.training) {
      announce(`Training started at iteration ${s.iteration}.`);
      lastSpoken = now;
    } else if (!s.training && before.training) {
      const why = s.message ? ` ${s.message}` : '';
      announce(`Paused at iteration ${s.iteration}, ${lossText(s)}.${why}`);
    } else if (s.training && now - lastSpoken >= kSpeakEveryMs) {
      announce(`Iteration ${s.iteration}, ${lossText(s)}.`);
      lastSpoken = now;
    } else if (!s.training && s.iteration !== before.iteration) {
      announce(`Iteration ${s.iteration}, ${lossText(s)}.`);
    }
  }

  // Follow the app: after every action here, on its events, and twice a second while it runs
  // (summary() is read at most that often, so the text view costs the page next to nothing).
  function refresh() {
    try {
      render(api.summary());
    } catch { /* not ready, or the page failed: its own message says why */ }
  }
  function act(fn) {
    const refused = fn();
    if (typeof refused === 'string' && refused !== '') announce(refused);
    refresh();
  }

  trainButton.addEventListener('click', () => act(() => (last?.training ? api.pause() : api.train())));
  $('tv-step').addEventListener('click', () => act(() => { api.step(1); }));
  $('tv-reset').addEventListener('click', () => act(() => api.reset()));
  $('tv-restart').addEventListener('click', () => act(() => api.restart()));
  lrForm.addEventListener('submit', (e) => {
    e.preventDefault();
    // JSON's number grammar, the one the link and files use; the app checks the range.
    let v;
    try { v = JSON.parse(lrInput.value.trim()); } catch { v = undefined; }
    if (typeof v !== 'number') {
      announce(`Learning rate: '${lrInput.value.slice(0, 40)}' is not a number (for example 0.5 or 1e-3).`);
      return;
    }
    act(() => api.setLearningRate(v) || `Learning rate set to ${v}.`);
  });
  // A- / A+ as on the canvas: a quarter of the normal size at a time, within 75 % to 250 %.
  const resize = (by) => act(() => {
    const size = Math.min(2.5, Math.max(0.75, (last?.textSize ?? 1) + by));
    return api.setTextSize(size) || `Text size ${Math.round(size * 100)} %.`;
  });
  $('tv-smaller').addEventListener('click', () => resize(-0.25));
  $('tv-larger').addEventListener('click', () => resize(0.25));
  exampleSelect.addEventListener('change', () => act(() => api.setExample(Number(exampleSelect.value))));
  walkBox.addEventListener('change', () => act(() => { api.walkthrough(walkBox.checked); }));
  nextPhase.addEventListener('click', () => {
    let phase;
    try { phase = api.walkthrough('next'); } catch (err) { announce(err.message); return; }
    act(() => {});
    const s = last;
    announce(`Walkthrough phase ${s.phasesDone || s.phaseCount} of ${s.phaseCount}: ${phase.kind}` +
             `${phase.layer ? ` through layer ${phase.layer}` : ''}. ${lossText(s)}.`);
  });

  // Once the demo runs: its version, its events, and a look twice a second (only while the
  // view is in a page: a <backprop-demo> taken out of it stops).
  function follow() {
    $('tv-version').textContent = `Version: backprop ${api.version}`;
    refresh();
    api.on('step', () => { if (!last?.training) refresh(); });
    api.on('converged', ({ iteration, loss, threshold }) => {
      announce(`Converged: the loss fell to ${number(loss, 6)} at iteration ${iteration} (the goal was ${threshold}).`);
    });
    api.on('diverged', ({ iteration, message }) => {
      announce(`Training diverged at iteration ${iteration}. ${message}`);
    });
    setInterval(() => { if (view.isConnected) refresh(); }, 500);
  }
  return { follow, refresh };
}
window.backpropTextView = attach;

// The page's own text view. window.backprop is made by backprop-api.js, which runs after this
// script (which must come first: its key handling must be in place before the app's).
const view = document.getElementById('text-view');
const canvas = document.getElementById('canvas');
if (!view || !canvas) return;
// window.backprop, looked up at each use (it is made later).
const handle = new Proxy({}, {
  get: (_, key) => {
    const v = window.backprop[key];
    return typeof v === 'function' ? v.bind(window.backprop) : v;
  },
});
const tv = attach({ view, canvas, api: handle, title: 'Backpropagation, live', page: true });
document.addEventListener('DOMContentLoaded', () => window.backprop.ready.then(tv.follow, () => {}));
})();
