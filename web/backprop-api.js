// Starts the page's WebAssembly app and gives scripts a handle, window.backprop, and the same
// commands to a lesson page around it through postMessage (README: "Scripting the page" and
// "Embedding in a lesson"). In short:
//   await backprop.ready;  train(); pause(); step(n) -> iterations done;
//   reset() (next seed) / reset(seed) -> '' or why not; restart();
//   walkthrough(true | false | 'next' | 'forward' | 'loss' | 'backward' | 'update');
//   select({ layer, row, col }) -> '' or why not; state() -> everything the page shows;
//   get() -> the settings; set({ lr: 0.5, ... }) -> '' or why not, all or nothing;
//   link({ weights }) -> a link to the page as it is; exportJson(); load(text) -> '' or why not;
//   on('step' | 'diverged' | 'converged' | 'ready', fn) -> unsubscribe; off(event, fn).
// Numbers all come from the C++ core. If WebGL2 is missing or the module fails to load, a
// message replaces the canvas and commands are answered with that message.
//
// The same code runs each <backprop-demo> element (web/backprop-demo.js): window.backpropStart
// (options) starts one demo on a canvas of its own and returns its handle. index.html's
// <script data-page> starts the page's own demo on #canvas as window.backprop.
'use strict';
(function () {
// Options: canvas; status, an element for "Loading..." and the lost-context message;
// page: true for the page itself (the link in the address bar, postMessage, window.backprop,
// files dropped anywhere on the window); host: where the demo's own inputs go (the file picker,
// the typing field; document.body); query: the link's settings without '?' (the address bar's
// on the page); pageUrl: where link() points (the page's address); showError(message): shows
// why the demo cannot run (the page's #error box); hasFocus(): whether a paste is this demo's;
// create: the module factory (createBackprop); module: more fields for the module
// (instantiateWasm, locateFile, onTheme, keysOnCanvas).
function start(o) {
  const canvas = o.canvas;
  const status = o.status;
  const page = o.page === true;
  const host = o.host ?? document.body;
  const embedded = page && window.parent !== window;
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
    if (o.showError) {
      o.showError(message);
    } else {
      document.getElementById('error-text').textContent = message;
      document.getElementById('error').hidden = false;
    }
    rejectReady(new Error(message));
  }

  // A command of the running page: the C function name with args (see callWith).
  function call(name, ret, args = []) {
    if (!module) throw new Error('backprop is not ready yet: await backprop.ready first');
    return callWith(name, ret, args);
  }

  // --- text into the page: one limit, checked here before anything is copied -----------------
  // Every text (a file, a paste, load(), set(), a message's arguments, the link) is measured
  // against bp::kMaxTextBytes (1 MiB of UTF-8, src/config/text.hpp) first, and what is taken
  // is copied onto the WebAssembly heap with its length, never onto ccall's 5 MB stack (where
  // 1.4 million characters overflowed it and killed the page) and never cut at a NUL.
  let runtime = null;     // the module once its runtime is up (main has not run yet)
  let maxTextBytes = 0;   // bp::kMaxTextBytes, from the program

  // The UTF-8 size of s in bytes, as stringToUTF8 writes it, without copying s.
  function utf8Bytes(s) {
    let n = s.length;
    for (let i = 0; i < s.length; ++i) {
      const c = s.charCodeAt(i);
      if (c < 0x80) continue;
      if (c < 0x800) n += 1;
      else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.length &&
               (s.charCodeAt(i + 1) & 0xFC00) === 0xDC00) { n += 2; ++i; }  // 2 units, 4 bytes
      else n += 2;
    }
    return n;
  }
  // The program draws a frame only when something may have changed (must_draw in
  // web_main.cpp): a page at rest keeps its last picture and costs nothing. wake() tells it
  // that something happened: an input event on the canvas, or any command but these, which
  // only read (the text view asks for summary() twice a second).
  const READS = new Set(['bp_state_json', 'bp_summary_json', 'bp_widget_rect_json', 'bp_get_json',
    'bp_defaults_json', 'bp_link', 'bp_document', 'bp_numpy', 'bp_steps_left', 'bp_version',
    'bp_max_text_bytes', 'bp_too_large']);
  function wake() {
    if (runtime) runtime.bpWake = true;
  }
  // Calls the C function name with args: numbers as they are, each text as a pointer to a copy
  // on the heap and its length in bytes, freed after the call. ret 'string': the C string
  // returned, read back.
  function callWith(name, ret, args) {
    if (!runtime) throw new Error('backprop is not ready yet: await backprop.ready first');
    if (!READS.has(name)) wake();
    const copies = [];
    try {
      const flat = [];
      for (const a of args) {
        if (typeof a !== 'string') { flat.push(a); continue; }
        const size = runtime.lengthBytesUTF8(a);
        if (size > maxTextBytes) throw new RangeError(tooLarge('the text', size));  // never: callers check
        const p = runtime._malloc(size + 1);
        if (!p) throw new Error('the page has no memory left for this text');
        copies.push(p);
        runtime.stringToUTF8(a, p, size + 1);
        flat.push(p, size);
      }
      const r = runtime['_' + name](...flat);
      return ret === 'string' ? runtime.UTF8ToString(r) : r;
    } finally {
      for (const p of copies) runtime._free(p);
    }
  }
  // Why a text of that many bytes is refused, in the program's words: "the file is
  // 2,147,483,648 bytes (2 GiB), more than the 1,048,576 bytes (1 MiB) the page takes in one piece".
  const tooLarge = (what, bytes) => callWith('bp_too_large', 'string', [what, bytes]);
  // '' if s fits, otherwise why not (what: 'the text', 'the settings', ...).
  function checkText(what, s) {
    const bytes = utf8Bytes(s);
    return bytes > maxTextBytes ? tooLarge(what, bytes) : '';
  }
  // A number argument as text for the program, which reads it with the one number syntax
  // (JSON's): a JS number as String() writes it, a string as given; anything else as shown, so
  // that the program names what it got. 1.9, '0x10', NaN, true and 2**32+2 are all refused there.
  function argText(v) {
    if (typeof v === 'number' || typeof v === 'bigint') return String(v);
    if (typeof v === 'string') return v.length > 400 ? v.slice(0, 40) + '...' : v;
    return show(v);
  }

  // --- events: the C++ frame loop reports what happened, once per frame at most -------------
  const EVENTS = ['step', 'diverged', 'converged', 'ready', 'stepDone', 'stopped'];
  const listeners = new Map(EVENTS.map((name) => [name, new Set()]));

  function checkEvent(name) {
    if (!listeners.has(name)) {
      throw new TypeError(`unknown event ${show(name)} (events: ${EVENTS.join(', ')})`);
    }
  }
  function emit(name, data) {
    for (const fn of [...listeners.get(name)]) {
      try {
        fn(data);
      } catch (err) {
        console.error(`backprop: a '${name}' listener threw:`, err);
      }
    }
    forward(name, data);
  }

  // --- settings: an object becomes "key=value&..." for the one C++ validator -----------------
  function show(value) {
    let text;
    try { text = typeof value === 'string' ? JSON.stringify(value) : String(value); } catch { text = typeof value; }
    return text.length > 40 ? text.slice(0, 40) + '...' : text;
  }
  function isPlainObject(v) {
    return v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;
  }
  const api = {
    ready,
    // This build's version, "0.1.0 (git 1a2b3c4d5e)", once the program has loaded (get() has it too).
    version: null,
    train() { call('bp_train', null); },
    pause() { call('bp_pause', null); },
    // n iterations (training pauses first): as many now as a frame's training budget allows,
    // the rest over the next frames; returns how many ran now. The 'step' event reports
    // stepsLeft; 'stepDone' says when a step(n) that went on over frames ended (pause()
    // cancels it). stepDone(): a promise of that.
    step(n = 1) {
      if (!Number.isInteger(n) || n < 0 || n > 1e6) {
        throw new RangeError(`step(n): n must be a whole number from 0 to 1000000, not ${show(n)}`);
      }
      return call('bp_step', 'number', [n]);
    },
    // Resolves with the 'stepDone' data once no step(n) is running over the frames (at once,
    // with null, if none is).
    stepDone() {
      if (call('bp_steps_left', 'number', [], []) === 0) return Promise.resolve(null);
      return new Promise((ok) => {
        const stop = api.on('stepDone', (data) => { stop(); ok(data); });
      });
    },
    // reset(): new random weights from the next seed; reset(seed): that seed's initial weights.
    // Returns '' or why the seed was refused.
    reset(seed) {
      if (seed === undefined) {
        call('bp_reset', null);
        return '';
      }
      if (!(typeof seed === 'number' && Number.isSafeInteger(seed) && seed >= 0) &&
          !(typeof seed === 'string' && /^[0-9]{1,20}$/.test(seed))) {
        return `seed must be a whole number from 0, not ${show(seed)}`;
      }
      return call('bp_reset_seed', 'string', [String(seed)]);
    },
    restart() { call('bp_restart', null); },
    // Numbers in the one number syntax: 0.5, '0.5' and 5e-1 are taken; '0x10', ' 0.5' are not.
    setLearningRate(x) { return call('bp_set_learning_rate', 'string', [argText(x)]); },
    // The weight the equations explain: select({ layer: 1, row: 0, col: 2 }) is W1[0][2].
    // Whole numbers only. Returns '' or why the weight was refused.
    select(weight) {
      if (weight === null || typeof weight !== 'object') {
        return `select(weight) takes an object, e.g. { layer: 1, row: 0, col: 2 }, not ${show(weight)}`;
      }
      return call('bp_select', 'string',
                      [argText(weight.layer), argText(weight.row), argText(weight.col)]);
    },
    // The example (row of the data, from 0, a whole number) the diagram shows. '' or why not.
    setExample(row) { return call('bp_set_example', 'string', [argText(row)]); },
    // walkthrough(true / false): walkthrough mode on or off (Step then runs one phase).
    // walkthrough('next'): mode on, the next phase; walkthrough('forward' | 'loss' | 'backward'
    // | 'update'): mode on, phases up to the next one of that kind. Returns that phase
    // { kind, layer }. Throws if the argument is not one of these or training diverged.
    walkthrough(phase = true) {
      if (phase === true || phase === false) {
        call('bp_set_walkthrough', null, [phase ? 1 : 0]);
        return undefined;
      }
      if (typeof phase !== 'string' || phase.length > 20) {
        throw new TypeError(`walkthrough(phase): phase must be true, false, 'next', 'forward', ` +
                            `'loss', 'backward' or 'update', not ${show(phase)}`);
      }
      const r = JSON.parse(call('bp_walkthrough_to', 'string', [phase]));
      if (r.error) throw new Error(r.error);
      return r;
    },
    nextPhase() { call('bp_next_phase', null); return this.state().phase; },
    // The diagram's links show dC/dw instead of w.
    showGradients(on = true) { call('bp_show_gradients', null, [on ? 1 : 0]); },
    // The size of the page's text and controls, 1 being normal, from 0.75 to 2.5 (what the
    // A- / A+ buttons and a pinch change); '' or why not. state().textSize reads it back.
    setTextSize(size) { return call('bp_set_text_size', 'string', [argText(size)]); },
    state() { return JSON.parse(call('bp_state_json', 'string')); },
    // What the text view shows (a few KB; state() is hundreds of KB with 2000 points): state()'s
    // iteration, loss, training, diverged, message, typing, learningRate, textSize, example,
    // walkthrough, phasesDone, phaseCount, selected and setup.sizes; examples (the data's
    // rows); the first 12 rows of inputs, targets and outputs; selectedGradient with its first
    // 12 terms (termCount: all of them); explanation: the Weight explanation's text without
    // its table of terms.
    summary() { return JSON.parse(call('bp_summary_json', 'string')); },
    // The settings as an object with the link's names (docs/format.md): { seed, data, hidden,
    // act, out, lr, batch, loss, reg, speed, walk, select, tab, hide, ... }.
    // version: this build's version, "0.1.0 (git 1a2b3c4d5e)" (read only: set() ignores it).
    get() { return { ...JSON.parse(call('bp_get_json', 'string')), version: api.version }; },
    // Changes the given settings (same names as get()); all are checked before any is applied.
    // Returns '' or a message naming the setting that was refused (then nothing changed).
    set(settings) {
      if (!isPlainObject(settings)) return 'set(settings) takes an object, e.g. { lr: 0.5 }';
      if (Object.hasOwn(settings, 'version')) {  // get()'s version is no setting: set(get()) changes nothing
        const { version: _, ...rest } = settings;
        settings = rest;
      }
      // Bounded before it is walked: JSON.stringify would visit every index of a sparse list.
      const why = checkArg(settings, 0, newBudget());
      if (why) return `set(settings): ${why}`;
      let text;
      try {
        text = JSON.stringify(settings);
      } catch (err) {
        return `the settings cannot be written as JSON: ${err.message}`;
      }
      const size = checkText('the settings, written as JSON,', text);
      if (size) return size;
      return call('bp_set_json', 'string', [text]);
    },
    // Settings in the link's form, 'lr=0.5&hidden=8,8', applied as set() applies them (on top
    // of the current ones, all or nothing); '' or the link's message naming the key.
    setLink(query) {
      if (typeof query !== 'string') return `setLink(query): query must be a string, not ${show(query)}`;
      const why = checkText('the link', query);
      return why || call('bp_set_link', 'string', [query]);
    },
    // Every setting as a link that does not name it gives it, for the data in use (get()'s
    // names): set({ lr: defaults().lr }) puts the learning rate back to its default.
    defaults() { return JSON.parse(call('bp_defaults_json', 'string')); },
    // The link that opens the page as it is now (weights too if asked).
    link({ weights = false } = {}) {
      const q = call('bp_link', 'string', [weights ? 1 : 0]);
      return pageUrl() + (q ? '?' + q : '');
    },
    // The JSON document (settings, weights, custom data), as the page's Save button writes it.
    exportJson() { return call('bp_document', 'string'); },
    // The chapter's program as Python 3 with numpy (the Exercise tab's Copy as numpy): the
    // student's blanks (the correct forms where empty), this run's initial weights, learning
    // rate and iterations. Throws with the reason if the page's network is not the chapter's.
    numpy() {
      const p = call('bp_numpy', 'string');
      if (p.startsWith('#error: ')) throw new Error(p.slice(8));
      return p;
    },
    // Sets the exercise's blanks: exercise({ z1: 'a0.dot(weight1)', t1: 'weight2 * k2' }),
    // any of z1, z2, dC_dw2, t1, dC_dw1; all or nothing. exercise({ run: true }) also runs the
    // student's code once they are set. Returns '' or why not.
    exercise(blanks) {
      if (!isPlainObject(blanks)) return "exercise(blanks) takes an object, e.g. { z1: 'a0.dot(weight1)' }";
      const { run, ...texts } = blanks;
      let text;
      try { text = JSON.stringify(texts); } catch (err) { return `exercise(blanks): ${err.message}`; }
      const size = checkText('the blanks, written as JSON,', text);
      if (size) return size;
      const why = call('bp_exercise', 'string', [text]);
      if (why || !run) return why;
      return call('bp_exercise_run', 'string');
    },
    // Loads a JSON document or CSV text as if the student had opened that file; '' or why not.
    // At most 1 MiB of UTF-8 (bp::kMaxTextBytes); a NUL or another control character is
    // refused with its line and column.
    load(text, name = 'script') {
      if (typeof text !== 'string') return `load(text): text must be a string, not ${show(text)}`;
      if (typeof name !== 'string') name = 'script';
      name = name.slice(0, 200);
      const why = checkText('the text', text);
      if (why) return call('bp_refuse_file', 'string', [name, why]);
      return call('bp_load_file', 'string', [name, text]);
    },
    // on('step', fn): fn({ iteration, loss, training }) once per frame in which the iteration
    // changed; 'diverged': fn({ iteration, message }); 'converged': fn({ iteration, loss,
    // threshold }) when the watched loss falls to threshold, the stop loss if that rule is on,
    // else 0.01; 'ready': fn() once the page runs (at once if it already does). Returns a
    // function that unsubscribes fn.
    on(name, fn) {
      checkEvent(name);
      if (typeof fn !== 'function') throw new TypeError('on(event, fn): fn must be a function');
      listeners.get(name).add(fn);
      if (name === 'ready' && module) {
        queueMicrotask(() => { if (listeners.get('ready').has(fn)) fn({}); });
      }
      return () => api.off(name, fn);
    },
    // off(event, fn) removes fn; off(event) removes every listener of that event.
    off(name, fn) {
      checkEvent(name);
      if (fn === undefined) listeners.get(name).clear();
      else listeners.get(name).delete(fn);
    },
    // drawing(false) stops the frame loop (training waits with it), drawing(true) starts it
    // again: a <backprop-demo> taken out of the page stops costing the page anything.
    drawing(on) {
      if (!module) return;
      if (on) module.resumeMainLoop(); else module.pauseMainLoop();
    },
    widgetRect(name) {
      if (typeof name !== 'string' || name.length > 100) return null;
      const r = JSON.parse(call('bp_widget_rect_json', 'string', [name]));
      if (!r) return null;
      const c = canvas.getBoundingClientRect();
      const out = { x: c.left + r.x, y: c.top + r.y, w: r.w, h: r.h };
      // The rows of its (scrolled) column that are in view, where the page knows them.
      if (r.clipTop !== undefined) Object.assign(out, { clipTop: c.top + r.clipTop, clipBottom: c.top + r.clipBottom });
      return out;
    },
  };
  // The page's address without its query: the page itself, or for an element the site's page.
  // (location.origin is 'null' for a page opened from a file: the address itself is used.)
  const pageUrl = () => (page ? location.href.replace(/[?#].*$/, '') : o.pageUrl);

  // --- postMessage: the same commands from a lesson page around the demo ---------------------
  // Request {type: 'backprop', version: 1, id, command, args: [...]}; reply {type, version, id,
  // ok: true, result} or {..., ok: false, error}; events {type, version, event, data} to those
  // who subscribed. Only the page's own origin and those in the link's origins= are heard.
  const PROTOCOL = 1;
  const MAX_ID_CHARS = 100;
  const MAX_ARG_ITEMS = 1000;  // values in a message's arguments, or in set()'s settings
  const MAX_ARG_DEPTH = 8;
  const origins = readOrigins();
  const subscribers = new Map();  // window -> { origin, events: Set }

  function readOrigins() {
    const out = { any: false, list: new Set([location.origin]) };
    for (const value of new URLSearchParams(location.search).getAll('origins')) {
      for (const item of value.split(',')) {
        const o = item.trim();
        if (o === '') continue;
        if (o === '*') { out.any = true; continue; }
        let url = null;
        try { url = new URL(o); } catch { /* reported below */ }
        if (url && /^https?:$/.test(url.protocol) && url.origin === o.replace(/\/$/, '')) {
          out.list.add(url.origin);
        } else {
          console.warn(`backprop: origins: ${show(o)} is not an origin like https://lessons.example.org ` +
                       '(scheme, host and port only) or *; it is ignored');
        }
      }
    }
    return out;
  }
  const allowed = (origin) => origins.any || origins.list.has(origin);
  const target = (origin) => (origin === 'null' ? '*' : origin);  // sandboxed and data: frames

  function post(win, origin, message) {
    try {
      win.postMessage({ type: 'backprop', version: PROTOCOL, ...message }, target(origin));
    } catch (err) {
      console.warn('backprop: could not post a message:', err);
    }
  }
  function forward(name, data) {
    for (const [win, sub] of subscribers) {
      if (win.closed) subscribers.delete(win);
      else if (sub.events.has(name)) post(win, sub.origin, { event: name, data });
    }
  }

  const eventList = (args) => {
    const names = args.length ? args[0] : EVENTS;
    if (!Array.isArray(names) || !names.every((n) => EVENTS.includes(n))) {
      throw new TypeError(`the events must be a list of ${EVENTS.join(', ')}`);
    }
    return names;
  };
  // name: [fewest args, most args, run(args, event), true if it answers '' or why not]
  const commands = {
    train: [0, 0, () => api.train()],
    pause: [0, 0, () => api.pause()],
    step: [0, 1, (a) => api.step(...a)],
    reset: [0, 1, (a) => api.reset(...a), true],
    restart: [0, 0, () => api.restart()],
    walkthrough: [0, 1, (a) => api.walkthrough(...a)],
    nextPhase: [0, 0, () => api.nextPhase()],
    select: [1, 1, (a) => api.select(a[0]), true],
    setExample: [1, 1, (a) => api.setExample(a[0]), true],
    setLearningRate: [1, 1, (a) => api.setLearningRate(a[0]), true],
    showGradients: [0, 1, (a) => api.showGradients(...a)],
    state: [0, 0, () => api.state()],
    get: [0, 0, () => api.get()],
    set: [1, 1, (a) => api.set(a[0]), true],
    link: [0, 1, (a) => api.link(a[0] ?? {})],
    exportJson: [0, 0, () => api.exportJson()],
    load: [1, 2, (a) => api.load(...a), true],
    // subscribe(['step', ...]) or subscribe(): events are posted to the sender from now on.
    subscribe: [0, 1, (a, e) => {
      const names = eventList(a);
      const sub = subscribers.get(e.source) ?? { origin: e.origin, events: new Set() };
      for (const n of names) sub.events.add(n);
      subscribers.set(e.source, sub);
      return [...sub.events];
    }],
    unsubscribe: [0, 1, (a, e) => {
      const sub = subscribers.get(e.source);
      if (sub) for (const n of eventList(a)) sub.events.delete(n);
      return sub ? [...sub.events] : [];
    }],
  };
  const hasCommand = (name) => Object.prototype.hasOwnProperty.call(commands, name);

  // '' if v is made of numbers, booleans, strings, null, arrays and plain objects, small
  // enough and not nested too deeply; otherwise what is wrong. Lengths are checked before
  // anything is walked: a sparse list of length 1e8 is refused at once. Texts (and keys)
  // together are at most the page's one text limit, in UTF-8 bytes.
  const newBudget = () => ({ bytes: 0, items: MAX_ARG_ITEMS });
  function checkArg(v, depth, budget) {
    if (depth > MAX_ARG_DEPTH) return `nested more than ${MAX_ARG_DEPTH} levels deep`;
    if (--budget.items < 0) return `more than ${MAX_ARG_ITEMS} values`;
    if (v === null || typeof v === 'number' || typeof v === 'boolean') return '';
    const text = (s) => {
      budget.bytes += utf8Bytes(s);
      return budget.bytes > maxTextBytes ? tooLarge('the text', budget.bytes) : '';
    };
    if (typeof v === 'string') return text(v);
    const list = Array.isArray(v);
    if (list || isPlainObject(v)) {
      if (list && v.length > MAX_ARG_ITEMS) {
        return `a list of ${v.length} values, more than the ${MAX_ARG_ITEMS} allowed`;
      }
      if (list && v.length > budget.items) return `more than ${MAX_ARG_ITEMS} values`;
      for (const k in v) {
        if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
        const why = (list ? '' : text(k)) || checkArg(v[k], depth + 1, budget);
        if (why) return why;
      }
      return '';
    }
    return `${show(Object.prototype.toString.call(v))} is not a number, text, list or object`;
  }

  function checkRequest(d) {
    const names = Object.keys(commands).join(', ');
    if (!isPlainObject(d)) {
      return "a message must be an object: {type: 'backprop', version: 1, id, command, args}";
    }
    if (d.type !== 'backprop') return `type must be 'backprop', not ${show(d.type)}`;
    if (d.version !== PROTOCOL) {
      return `version ${show(d.version)} is not spoken here: this page speaks version ${PROTOCOL}`;
    }
    if ('id' in d && !validId(d.id)) {
      return `id must be a number or a text of at most ${MAX_ID_CHARS} characters`;
    }
    if (typeof d.command !== 'string') return `command must be one of ${names}`;
    if (!hasCommand(d.command)) return `unknown command ${show(d.command)} (commands: ${names})`;
    const args = d.args ?? [];
    if (!Array.isArray(args)) return 'args must be a list, e.g. [2]';
    const [fewest, most] = commands[d.command];
    if (args.length < fewest || args.length > most) {
      const n = fewest === most ? `${fewest}` : `${fewest} to ${most}`;
      return `${d.command} takes ${n} argument${most === 1 ? '' : 's'}, not ${args.length}`;
    }
    return '';
  }
  // The arguments' sizes, once the program (which holds the limit) runs.
  function checkArgs(d) {
    const why = checkArg(d.args ?? [], 0, newBudget());
    return why ? `args: ${why}` : '';
  }
  function validId(id) {
    return (typeof id === 'number' && Number.isFinite(id)) ||
           (typeof id === 'string' && id.length <= MAX_ID_CHARS);
  }

  function run(d, e, reply) {
    const [, , fn, refusal] = commands[d.command];
    let result;
    try {
      result = fn(d.args ?? [], e);
    } catch (err) {
      reply({ ok: false, error: String(err?.message ?? err) });
      return;
    }
    if (refusal && result) reply({ ok: false, error: result });
    else reply({ ok: true, result: result === undefined ? null : result });
  }

  if (page) window.addEventListener('message', (e) => {
    // Only windows (not our own) from allowed origins are heard; others get no answer at all.
    if (!e.source || e.source === window || !allowed(e.origin)) return;
    const d = e.data;
    // A reply or an event from another demo (one embedded in this one, say) is not a request.
    if (isPlainObject(d) && d.type === 'backprop' && !('command' in d) && ('ok' in d || 'event' in d)) return;
    const id = isPlainObject(d) && validId(d.id) ? d.id : null;
    const reply = (fields) => post(e.source, e.origin, { id, ...fields });
    const why = checkRequest(d);
    if (why) {
      reply({ ok: false, error: why });
      return;
    }
    // Commands sent before the page runs wait for it, in order.
    ready.then(() => {
      const tooBig = checkArgs(d);
      if (tooBig) reply({ ok: false, error: tooBig });
      else run(d, e, reply);
    },
               (err) => reply({ ok: false, error: `the demo could not start: ${err.message}` }));
  });

  // Tells the lesson page around the demo that it runs, if that page may drive it.
  function announceReady() {
    if (!embedded) return;
    let parentOrigin = location.ancestorOrigins?.[0] ?? null;
    if (!parentOrigin && document.referrer) {
      try { parentOrigin = new URL(document.referrer).origin; } catch { parentOrigin = null; }
    }
    if (parentOrigin && allowed(parentOrigin)) post(window.parent, parentOrigin, { event: 'ready', data: {} });
  }

  // --- keys and focus inside a lesson page ---------------------------------------------------
  // The demo takes keys only while it has focus, and it does not take focus by itself when
  // embedded (that would steal the lesson page's keys and scroll it to the frame). Keys that
  // scroll are kept from scrolling the lesson page while the demo has focus.
  const scrollKeys = new Set([' ', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight',
                              'PageUp', 'PageDown', 'Home', 'End']);
  if (embedded) {
    window.addEventListener('keydown', (e) => {
      if (scrollKeys.has(e.key) && !e.ctrlKey && !e.metaKey && !e.altKey) e.preventDefault();
    });
  }

  // Pasting (Ctrl+V) into a text field of the page, e.g. a CSV of the student's own data:
  // the browser's clipboard reaches the app's through this event, which arrives before the
  // app reads the keys of Ctrl+V in its next frame.
  // A paste over the page's one text limit is refused (the CSV box says why); so is one with a
  // NUL or another control character (the program checks, naming where).
  document.addEventListener('paste', (e) => {
    const text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
    if (!module || !text || (o.hasFocus && !o.hasFocus())) return;
    e.preventDefault();
    const why = checkText('the pasted text', text);
    if (why) callWith('bp_refuse_paste', null, [why]);
    else callWith('bp_set_clipboard', null, [text]);
  });

  // Files: downloads the page asks for, the Open button's file picker, and files dropped on
  // the page; what a file held goes to the app, which says what it did with it.
  function download(name, blob) {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }
  // A file over the limit is refused by its real size, unread.
  async function loadFile(file) {
    if (!module || !file) return;
    const name = file.name.slice(0, 200);
    if (file.size > maxTextBytes) {
      callWith('bp_refuse_file', 'string', [name, tooLarge('the file', file.size)]);
      return;
    }
    const text = await file.text();  // decoded as UTF-8 (a byte order mark is dropped)
    const why = checkText('the file', text);  // bytes that are not UTF-8 grow as U+FFFD
    callWith(why ? 'bp_refuse_file' : 'bp_load_file', 'string', [name, why || text]);
  }
  // Copy link: the page's link (plus the origins key, which only this script reads) goes
  // into the address bar and onto the clipboard.
  function copyLink(query) {
    const keep = page ? new URLSearchParams(location.search).getAll('origins')
      .map((v) => 'origins=' + encodeURIComponent(v)) : [];
    const search = [query, ...keep].filter((x) => x !== '').join('&');
    const url = pageUrl() + (search ? '?' + search : '');
    if (page) {
      try { history.replaceState(null, '', url); } catch { /* a sandboxed frame may refuse */ }
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(url).catch(() => {});
    }
  }
  const picker = document.createElement('input');
  picker.type = 'file';
  picker.accept = '.json,.csv,.txt,application/json,text/csv,text/plain';
  picker.hidden = true;
  picker.addEventListener('change', () => {
    loadFile(picker.files[0]);
    picker.value = '';
  });
  host.appendChild(picker);
  const dropTarget = page ? window : canvas;
  dropTarget.addEventListener('dragover', (e) => { e.preventDefault(); });
  dropTarget.addEventListener('drop', (e) => {
    e.preventDefault();
    if (e.dataTransfer && e.dataTransfer.files.length > 0) loadFile(e.dataTransfer.files[0]);
  });

  // --- typing on a phone -------------------------------------------------------------------
  // A finger that opens a text or number field of the canvas gets a real input over it
  // (web_main.cpp, Field), so that the phone's keyboard opens: the number keypad for numbers.
  // Enter or leaving the input applies what was typed (the program types it into the field and
  // presses Enter, so the field's and the app's own checks decide, and a refusal is named);
  // Escape or closing the keyboard cancels.
  const field = document.createElement('input');
  field.id = 'field-input';
  field.type = 'text';
  field.hidden = true;
  field.autocomplete = 'off';
  field.spellcheck = false;
  field.setAttribute('autocapitalize', 'off');
  field.setAttribute('enterkeyhint', 'done');
  field.setAttribute('aria-label', 'The field being edited on the canvas');
  const fieldMessage = document.createElement('div');
  fieldMessage.id = 'field-message';
  fieldMessage.setAttribute('role', 'alert');
  fieldMessage.hidden = true;
  host.append(field, fieldMessage);
  let fieldOpen = false;   // the input lies over an active field
  let fieldSent = false;   // what was typed there went back already (applied or cancelled)
  let keyboardHeight = 0;  // the visual viewport's height while the keyboard is open
  function fieldDone(apply) {
    if (!fieldOpen || fieldSent || !module) return;
    fieldSent = true;
    const why = apply ? checkText('the typed text', field.value) : '';
    if (why) {
      showFieldMessage(why);
      callWith('bp_field_cancel', null, []);
    } else if (apply) {
      callWith('bp_field_apply', null, [field.value]);
    } else {
      callWith('bp_field_cancel', null, []);
    }
  }
  function showFieldMessage(text) {
    fieldMessage.textContent = text;
    fieldMessage.hidden = false;
  }
  // Keys typed there are the input's, not the canvas app's (GLFW listens on the window).
  for (const type of ['keydown', 'keypress', 'keyup']) {
    window.addEventListener(type, (e) => {
      if (e.target !== field) return;
      e.stopImmediatePropagation();
      if (type !== 'keydown') return;
      if (e.key === 'Enter') {
        e.preventDefault();
        fieldDone(true);
      } else if (e.key === 'Escape') {
        e.preventDefault();
        fieldDone(false);
      }
    }, true);
  }
  field.addEventListener('blur', () => fieldDone(true));
  // A touch on the canvas leaves the input (the canvas takes touches, so the input keeps focus).
  canvas.addEventListener('touchstart', () => {
    if (fieldOpen) fieldDone(true);
    else fieldMessage.hidden = true;  // the refusal was read; the student moved on
  }, true);
  // The keyboard closed (the visual viewport grew back) with the input still focused: cancel.
  if (window.visualViewport) {
    window.visualViewport.addEventListener('resize', () => {
      if (!fieldOpen || document.activeElement !== field) return;
      const h = window.visualViewport.height;
      if (keyboardHeight === 0 || h < keyboardHeight) keyboardHeight = h;
      else if (h > keyboardHeight + 120) fieldDone(false);
    });
  }
  function onField(shown, x, y, w, h, text, numeric, fresh) {
    if (!shown) {
      fieldOpen = false;
      fieldSent = true;
      field.hidden = true;
      if (document.activeElement === field) canvas.focus({ preventScroll: true });
      return;
    }
    const c = canvas.getBoundingClientRect();
    Object.assign(field.style, {
      left: `${c.left + x}px`, top: `${c.top + y}px`, width: `${w}px`, height: `${h}px`,
    });
    fieldMessage.style.left = `${c.left + x}px`;
    fieldMessage.style.top = `${c.top + y + h + 4}px`;
    if (fresh) {
      field.inputMode = numeric ? 'decimal' : 'text';
      field.value = text;
      fieldSent = false;
      keyboardHeight = 0;
      fieldMessage.hidden = true;
    }
    fieldOpen = true;
    field.hidden = false;
    if (document.activeElement !== field) {
      field.focus({ preventScroll: true });
      field.select();
    }
  }

  canvas.addEventListener('contextmenu', (e) => e.preventDefault());
  // What wakes the program (see wake): any input on the canvas; on the window, a drag that
  // left the canvas (a button held) or its release, keys where GLFW reads them there (the
  // page's own demo), focus coming or going, and a new window size.
  const passive = { capture: true, passive: true };
  for (const type of ['pointerdown', 'pointermove', 'pointerup', 'pointercancel', 'pointerout',
    'wheel', 'touchstart', 'touchmove', 'touchend', 'touchcancel', 'keydown', 'keyup', 'focus',
    'blur']) canvas.addEventListener(type, wake, passive);
  window.addEventListener('pointermove', (e) => { if (e.buttons !== 0) wake(); }, passive);
  for (const type of ['pointerup', 'resize', 'focus', 'blur']) window.addEventListener(type, wake, passive);
  if (page) for (const type of ['keydown', 'keyup']) window.addEventListener(type, wake, passive);
  // A lost WebGL context (a GPU switch, sleep, too many tabs) is not the end: preventDefault
  // lets the browser restore it, and the program (web_main.cpp) pauses training meanwhile,
  // then makes its GL objects again and carries on. Its message is shown here (onContextChanged).
  canvas.addEventListener('webglcontextlost', (e) => e.preventDefault());

  // Without WebGL 2 at all, say so at once. A browser that has it but cannot make a context
  // (blocklisted GPU) is told by the program itself, which then fails to open its window
  // (web_main.cpp); a throwaway context made here to ask cost 25-280 ms of the first frame.
  if (typeof WebGL2RenderingContext === 'undefined') {
    fail('This page needs WebGL 2, which this browser does not provide. Try a current Chrome, ' +
         'Firefox, Edge or Safari, or turn on hardware acceleration.');
    return api;
  }

  // ImGui's renderer reads the blend state, viewport and scissor box (getParameter) in every
  // frame, to put them back afterwards. Chromium answers those queries only once the GPU has
  // finished what was queued before them, so every frame waited for the previous one to be
  // drawn: 90 ms a frame, 83 % of the main thread, in headless Chromium's software WebGL.
  // The canvas's context therefore remembers what was last set (from the GL defaults on) and
  // answers these queries itself; everything else goes to the browser as before.
  //
  // The drawing buffer is kept between frames (preserveDrawingBuffer): a frame whose picture is
  // the one already on the canvas is not drawn again (web_main.cpp), and a page at rest draws
  // nothing, so without it the canvas read back as blank between drawn frames (a saved or
  // copied image, drawImage).
  const getContext = canvas.getContext.bind(canvas);
  canvas.getContext = (type, attributes) => {
    const gl = getContext(type, type === 'webgl2' ? { ...attributes, preserveDrawingBuffer: true } : attributes);
    if (gl && type === 'webgl2' && !gl.bpState) rememberState(gl);
    return gl;
  };

  function rememberState(gl) {
    // The GL defaults; a restored context starts from them again.
    const defaults = () => {
      const box = [0, 0, gl.drawingBufferWidth, gl.drawingBufferHeight];
      return [
        [gl.BLEND_SRC_RGB, gl.ONE], [gl.BLEND_SRC_ALPHA, gl.ONE],
        [gl.BLEND_DST_RGB, gl.ZERO], [gl.BLEND_DST_ALPHA, gl.ZERO],
        [gl.BLEND_EQUATION_RGB, gl.FUNC_ADD], [gl.BLEND_EQUATION_ALPHA, gl.FUNC_ADD],
        [gl.VIEWPORT, new Int32Array(box)], [gl.SCISSOR_BOX, new Int32Array(box)],
      ];
    };
    const state = gl.bpState = new Map(defaults());
    canvas.addEventListener('webglcontextrestored', () => {
      for (const [name, value] of defaults()) state.set(name, value);
    });
    const track = (method, names, value = (...args) => args) => {
      const call = gl[method].bind(gl);
      gl[method] = (...args) => {
        const values = value(...args);
        names.forEach((name, i) => state.set(name, values[i]));
        call(...args);
      };
    };
    const rect = (x, y, width, height) => [new Int32Array([x, y, width, height])];
    track('blendFunc', [gl.BLEND_SRC_RGB, gl.BLEND_SRC_ALPHA, gl.BLEND_DST_RGB, gl.BLEND_DST_ALPHA],
          (src, dst) => [src, src, dst, dst]);
    track('blendFuncSeparate', [gl.BLEND_SRC_RGB, gl.BLEND_DST_RGB, gl.BLEND_SRC_ALPHA, gl.BLEND_DST_ALPHA]);
    track('blendEquation', [gl.BLEND_EQUATION_RGB, gl.BLEND_EQUATION_ALPHA], (mode) => [mode, mode]);
    track('blendEquationSeparate', [gl.BLEND_EQUATION_RGB, gl.BLEND_EQUATION_ALPHA]);
    track('viewport', [gl.VIEWPORT], rect);
    track('scissor', [gl.SCISSOR_BOX], rect);
    const getParameter = gl.getParameter.bind(gl);
    gl.getParameter = (name) => {
      if (!state.has(name)) return getParameter(name);
      const v = state.get(name);
      return typeof v === 'number' ? v : v.slice();
    };
  }

  const create = o.create ?? window.createBackprop;
  if (typeof WebAssembly !== 'object' || typeof create !== 'function') {
    fail('This page needs WebAssembly, and its program (backprop.js) did not load.');
    return api;
  }

  const moduleArg = {
    canvas,
    onRuntimeInitialized() {
      runtime = moduleArg;
      maxTextBytes = runtime._bp_max_text_bytes();
      api.version = runtime.UTF8ToString(runtime._bp_version());
    },
    // The link's query string for main() (web_main.cpp), within the one text limit.
    linkText() {
      const query = page ? location.search.replace(/^\?/, '') : (o.query ?? '');
      const error = checkText('the link', query);
      return { query: error ? '' : query, error };
    },
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
    onFirstFrame() {
      module = moduleArg;
      status.hidden = true;
      if (page && !embedded) canvas.focus();
      resolveReady(api);
      queueMicrotask(() => {
        emit('ready', {});
        announceReady();
      });
    },
    // Called by the frame loop (web_main.cpp) with a mask of App::ScriptEvent.
    // threshold: the loss that counted as converged (the student's stop loss, or 0.01).
    onEvents(events, iteration, loss, training, message, stepsLeft, threshold) {
      queueMicrotask(() => {
        if (events & 1) emit('step', { iteration, loss, training, stepsLeft });
        if (events & 2) emit('diverged', { iteration, message });
        if (events & 4) emit('converged', { iteration, loss, threshold });
      });
    },
    // The WebGL context was lost (message: what the page says) or came back.
    onContextChanged(lost, message) {
      status.textContent = lost ? message : '';
      status.hidden = !lost;
      canvas.setAttribute('aria-busy', lost ? 'true' : 'false');
    },
    onField,
    onFieldRefused: showFieldMessage,
    // Training (or a step(n) over frames) stopped: reason 'paused', 'rule', 'diverged' or 'done'.
    onStopped(iteration, loss, reason) {
      queueMicrotask(() => emit('stopped', { iteration, loss, reason }));
    },
    onStepsDone(iteration, asked, done, end) {
      queueMicrotask(() => emit('stepDone', { iteration, asked, done, end }));
    },
    downloadText: (name, mime, text) => download(name, new Blob([text], { type: mime })),
    savePicture: (name) => canvas.toBlob((blob) => { if (blob) download(name, blob); }, 'image/png'),
    openFile: () => picker.click(),
    copyLink,
    copyText: (text) => {
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).catch(() => {});
      }
    },
    onFatal: fail,
    onAbort: (what) => fail('The program stopped unexpectedly: ' + what),
  };
  Object.assign(moduleArg, o.module);
  // Opened from the disk, a browser does not let the page read backprop.wasm next to it.
  if (location.protocol === 'file:' && !moduleArg.wasmBinary && !moduleArg.instantiateWasm) {
    fail('This page was opened from a file, and browsers do not let a page opened that way read ' +
         'its program (backprop.wasm). Open backprop.html instead (the whole demo in one file, ' +
         'from make dist), or put this folder on a web server.');
    return api;
  }
  create(moduleArg).catch((err) => fail('The WebAssembly module could not be loaded: ' + err));
  return api;
}

window.backpropStart = start;
// The page's own demo (index.html, backprop.html): <script src="backprop-api.js" data-page>.
if (document.currentScript && document.currentScript.hasAttribute('data-page')) {
  window.backprop = start({
    page: true,
    canvas: document.getElementById('canvas'),
    status: document.getElementById('status'),
    // backprop.html (make dist) carries its program inside: scripts/dist.mjs sets this.
    module: window.backpropWasmBinary ? { wasmBinary: window.backpropWasmBinary } : {},
  });
}
})();
