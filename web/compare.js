// compare.html: one button trains both demos; each caption follows its own demo's events.
'use strict';
(function () {
  const demos = [document.getElementById('left'), document.getElementById('right')];
  const say = (demo, text) => { document.getElementById(`${demo.id}-says`).textContent = text; };
  const loss = (l) => (Number.isFinite(l) ? `loss ${l.toFixed(5)}` : 'the loss is not a number');
  for (const demo of demos) {
    demo.addEventListener('step', (e) => say(demo, `iteration ${e.detail.iteration}, ${loss(e.detail.loss)}`));
    demo.addEventListener('converged', (e) => say(demo, `converged at iteration ${e.detail.iteration}`));
    demo.addEventListener('diverged', (e) => say(demo, `diverged at iteration ${e.detail.iteration}`));
  }
  Promise.all(demos.map((d) => d.ready)).then(() => {
    for (const demo of demos) say(demo, `iteration 0, ${loss(demo.state().loss)}`);
    const train = document.getElementById('train-both');
    const pause = document.getElementById('pause-both');
    train.disabled = pause.disabled = false;
    train.addEventListener('click', () => demos.forEach((d) => d.train()));
    pause.addEventListener('click', () => demos.forEach((d) => d.pause()));
  }, () => {});
})();
