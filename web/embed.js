// The example lesson page's script (embed.html): a small client for the demo's postMessage
// interface. In a file of its own, so that the page runs under a strict Content-Security-Policy
// (no inline script).
'use strict';
(function () {
  // A small client for the demo's postMessage interface (version 1).
  const frame = document.getElementById('demo');
  const demoOrigin = new URL(frame.src, location.href).origin;
  const pending = new Map();
  let nextId = 1;
  let connected = false;

  function log(text, isError = false) {
    const item = document.createElement('li');
    item.textContent = text;
    if (isError) item.className = 'error';
    const list = document.getElementById('log');
    list.append(item);
    while (list.children.length > 12) list.firstChild.remove();
  }

  // Sends a command; resolves with its result or rejects with the demo's error message.
  function send(command, ...args) {
    const id = nextId++;
    log(`-> ${command}(${args.map((a) => JSON.stringify(a)).join(', ')})`);
    frame.contentWindow.postMessage({ type: 'backprop', version: 1, id, command, args }, demoOrigin);
    return new Promise((ok, fail) => pending.set(id, { ok, fail }));
  }

  window.addEventListener('message', (e) => {
    if (e.source !== frame.contentWindow || e.origin !== demoOrigin) return;
    const m = e.data;
    if (!m || m.type !== 'backprop' || m.version !== 1) return;
    if (m.event) {
      onEvent(m.event, m.data);
      return;
    }
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.ok) {
      log(`<- ${m.result === null ? 'ok' : JSON.stringify(m.result).slice(0, 80)}`);
      p.ok(m.result);
    } else {
      log(`<- error: ${m.error}`, true);
      p.fail(new Error(m.error));
    }
  });

  function onEvent(name, data) {
    if (name === 'ready') {
      connect();
    } else if (name === 'step') {
      document.getElementById('iteration').textContent = data.iteration;
      document.getElementById('loss').textContent = Number.isFinite(data.loss) ? data.loss.toFixed(5) : '-';
      if (data.iteration === 0) document.getElementById('note').textContent = '';
    } else if (name === 'converged') {
      document.getElementById('note').textContent = `(below ${data.threshold} at iteration ${data.iteration})`;
      log(`event: converged at iteration ${data.iteration}`);
    } else if (name === 'diverged') {
      document.getElementById('note').textContent = '(diverged)';
      log(`event: ${data.message}`, true);
    }
  }

  // Once the demo runs: listen to its events and enable the buttons. The demo posts
  // 'ready' itself; the frame's load event is a second chance (commands wait for the demo).
  async function connect() {
    if (connected) return;
    connected = true;
    await send('subscribe', ['step', 'diverged', 'converged']);
    const s = await send('state');
    onEvent('step', { iteration: s.iteration, loss: s.loss });
    for (const b of document.querySelectorAll('article button')) b.disabled = false;
  }
  frame.addEventListener('load', connect);

  const click = (id, fn) => document.getElementById(id).addEventListener('click', () => fn().catch(() => {}));
  click('train', () => send('train'));
  click('pause', () => send('pause'));
  click('step-w2', async () => {
    await send('step', 2);
    await send('select', { layer: 2, row: 0, col: 0 });
    const s = await send('state');
    const w2 = s.weights[1].map((row) => row[0].toFixed(4)).join(', ');
    document.getElementById('w2').textContent =
      `After iteration ${s.iteration}, W2 = [${w2}]. The demo's Equations tab now explains W2[0][0].`;
  });
  click('reset3', () => send('reset', 3));
})();
