// The chapter's exercise in headless Chromium: the blanks typed with real keystrokes into the
// Exercise tab's fields, the messages read as a student reads them (state().text.exercise and
// state().exercise), the chapter's weight2 * k2 run and its failure shown, the right code
// run bit for bit like the built-in trainer, and backprop.numpy() run by python3 with numpy.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { click, clickIn, nextFrames, screenshot, start, state, typeInto, waitFor } from './harness.mjs';

const blank = async (page, name) => (await state(page)).exercise.blanks[name];
// The tab's text as the page shows it, with its line wrapping undone.
const shown = (s) => s.text.exercise.replace(/\s+/g, ' ');

describe('the exercise', () => {
  let h;
  let page;
  let errors;

  before(async () => {
    h = await start();
    ({ page, errors } = await h.open());
    await nextFrames(page, 2);
  });
  after(async () => {
    await h?.stop();
  });

  test('the tab shows the chapter loop with empty blanks', async () => {
    await click(page, 'tab Exercise');
    await page.mouse.move(2, 2);
    await nextFrames(page, 3);
    const s = await state(page);
    assert.equal(s.exercise.applicable, true);
    assert.match(s.text.exercise, /for iter in range\(0, iterations\):/);
    assert.match(s.text.exercise, /k2 = \(a2-y\)\*derv_sigmoid\(a2\)/);
    for (const name of ['z1', 'z2', 'dC_dw2', 't1', 'dC_dw1']) {
      assert.equal(s.exercise.blanks[name].verdict, 'empty', name);
    }
    await screenshot(page, 'exercise-empty.png');
    assert.deepEqual(errors, []);
  });

  test('typed blanks are checked by value, a shape error reads like numpy with both shapes', async () => {
    await typeInto(page, 'Exercise z1', 'a0.dot(weight1)');
    let b = await blank(page, 'z1');
    assert.equal(b.text, 'a0.dot(weight1)');
    assert.equal(b.verdict, 'correct');
    await typeInto(page, 'Exercise z2', 'np.dot(a1, weight2)');
    assert.equal((await blank(page, 'z2')).verdict, 'correct');
    await typeInto(page, 'Exercise dC_dw2', 'a1.T.dot(k2)');
    assert.equal((await blank(page, 'dC_dw2')).verdict, 'correct');
    await typeInto(page, 'Exercise t1', 'k2.dot(weight2)');
    b = await blank(page, 't1');
    assert.equal(b.verdict, 'error');
    assert.equal(b.message,
      'numpy would refuse this: column 3: shapes (4,1) and (4,1) not aligned: 1 (dim 1) != 4 (dim 0)');
    const s = await state(page);
    assert.ok(shown(s).includes('shapes (4,1) and (4,1) not aligned'), 'shown on the page');
    assert.ok(shown(s).includes('Correct: z1 has the right shape (4,4)'));
    await typeInto(page, 'Exercise dC_dw1', 'a0.T.dot(t1)');
    await page.mouse.move(2, 2);
    await nextFrames(page, 2);
    await screenshot(page, 'exercise-shape-error.png');
    assert.deepEqual(errors, []);
  });

  test('hints come in three steps', async () => {
    for (let i = 0; i < 3; ++i) await clickIn(page, 'Exercise hint t1');
    const s = await state(page);
    assert.equal(s.exercise.blanks.t1.hintLevel, 3);
    assert.ok(shown(s).includes('1. t1 must have shape (4,4)'));
    assert.ok(shown(s).includes('weight2 (4,1)'));
    assert.ok(shown(s).includes('Equation (B)'));
  });

  test("the chapter's weight2 * k2 trains and the page shows what goes wrong", async () => {
    await typeInto(page, 'Exercise t1', 'weight2 * k2');
    const b = await blank(page, 't1');
    assert.equal(b.verdict, 'wrong values');
    assert.equal(b.mistake, "the chapter's weight2 * k2");
    await clickIn(page, 'Run your code');
    const s = await waitFor(page, async (p) => {
      const st = await state(p);
      return st.exercise.run.done ? st : null;
    }, { what: 'the run of the student code' });
    const run = s.exercise.run;
    assert.equal(run.error, '');
    assert.equal(run.iterations, 1000);
    for (const o of run.outputs) assert.ok(Math.abs(o - 0.5) < 0.1, `output ${o} stuck near 0.5`);
    assert.ok(run.loss > 0.45, `loss ${run.loss} stays high`);
    assert.equal(run.gradientW1Ok, false);
    assert.equal(run.gradientW2Ok, true);
    assert.ok(shown(s).includes('stuck near 0.5'));
    assert.ok(shown(s).includes('Gradient check weight1: FAILS'));
  });

  test('the right code trains bit for bit like the built-in trainer', async () => {
    await typeInto(page, 'Exercise t1', 'k2.dot(weight2.T)');
    assert.equal((await blank(page, 't1')).verdict, 'correct');
    await clickIn(page, 'Run your code');
    const s = await waitFor(page, async (p) => {
      const st = await state(p);
      return st.exercise.run.done && st.exercise.run.bitForBit !== undefined &&
             st.exercise.blanks.t1.text === 'k2.dot(weight2.T)' && st.exercise.run.gradientW1Ok ? st : null;
    }, { what: 'the run of the right code' });
    const run = s.exercise.run;
    assert.equal(run.bitForBit, true);
    assert.equal(run.loss < 0.05, true, `loss ${run.loss}`);
    assert.ok(shown(s).includes('to the last bit'));
    await page.mouse.move(2, 2);
    await nextFrames(page, 2);
    await screenshot(page, 'exercise-correct.png');
    assert.deepEqual(errors, []);
  });

  test("Train runs the student's code once every blank evaluates: the same run as the built-in trainer", async () => {
    let s = await state(page);
    assert.equal(s.exercise.trainWithCode, true, 'every blank evaluates: Train runs them');
    assert.ok(shown(s).includes('Train and Step run your five lines every iteration'));
    assert.equal(s.exercise.gradientCheck.w1Ok, true);
    await click(page, 'Train');
    s = await waitFor(page, async (p) => {
      const st = await state(p);
      return st.iteration >= 300 ? st : null;
    }, { what: '300 iterations of the student code' });
    await click(page, 'Pause');
    s = await state(page);
    assert.equal(s.training, false);
    const n = s.iteration;
    const mine = s.weights;
    // The same iterations from the same initial weights with the built-in trainer: the same
    // weights, to the last bit.
    await clickIn(page, 'Train with my code');
    assert.equal((await state(page)).exercise.trainWithCode, false, 'the checkbox turns it off');
    await page.evaluate((k) => { window.backprop.restart(); window.backprop.step(k); }, n);
    s = await waitFor(page, async (p) => {
      const st = await state(p);
      return st.iteration === n && st.stepsLeft === 0 ? st : null;
    }, { what: `${n} built-in iterations` });
    assert.deepEqual(s.weights, mine);
    await clickIn(page, 'Train with my code');
    assert.equal((await state(page)).exercise.trainWithCode, true);
    await page.evaluate(() => window.backprop.restart());
    assert.deepEqual(errors, []);
  });

  test("Train with the chapter's weight2 * k2: outputs stuck near 0.5 and weight1's gradient check fails", async () => {
    await typeInto(page, 'Exercise t1', 'weight2 * k2');
    assert.equal((await state(page)).exercise.trainWithCode, true);
    await page.evaluate(() => window.backprop.step(1000));
    const s = await waitFor(page, async (p) => {
      const st = await state(p);
      return st.iteration === 1000 && st.exercise.gradientCheck ? st : null;
    }, { what: '1000 iterations of the chapter mistake' });
    for (const o of s.outputs) assert.ok(Math.abs(o - 0.5) < 0.1, `output ${o} stuck near 0.5`);
    // Every output at 0.5 is a loss of 4 x 1/2 x 0.5^2 = 0.5, where it stays; the built-in
    // trainer is below 0.05 after 1000 iterations (the test above).
    assert.ok(s.loss > 0.45, `the loss stays near 0.5: ${s.loss}`);
    assert.equal(s.exercise.gradientCheck.w1Ok, false);
    assert.equal(s.exercise.gradientCheck.w2Ok, true);
    assert.ok(shown(s).includes('At the current weights: Gradient check weight1: FAILS'));
    // Back to the right factor and the run's start, for the tests below.
    await typeInto(page, 'Exercise t1', 'k2.dot(weight2.T)');
    await page.evaluate(() => window.backprop.restart());
    assert.equal((await state(page)).iteration, 0);
  });

  test('backprop.numpy() runs under python3 and numpy and gives the page run to 1e-9', async () => {
    const program = await page.evaluate(() => window.backprop.numpy());
    assert.ok(program.includes('  t1 = k2.dot(weight2.T) * derv_sigmoid(a1)\n'));
    const dir = mkdtempSync(join(tmpdir(), 'bp-numpy-'));
    try {
      writeFileSync(join(dir, 'chapter.py'), program);
      const out = execFileSync('/usr/bin/python3', [join(dir, 'chapter.py'), '--json'], { encoding: 'utf8' });
      const got = JSON.parse(out.trim().split('\n').pop());
      const run = (await state(page)).exercise.run;
      assert.equal(got.outputs.length, 4);
      for (let i = 0; i < 4; ++i) assert.ok(Math.abs(got.outputs[i] - run.outputs[i]) < 1e-9, `output ${i}`);
      assert.ok(Math.abs(got.loss - run.loss) < 0.01);  // run.loss: before the last update
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('backprop.exercise() sets blanks all or nothing', async () => {
    const why = await page.evaluate(() => window.backprop.exercise({ z1: 'x', z3: 'y' }));
    assert.equal(why, "exercise(blanks): 'z3' is not a blank; the blanks are z1, z2, dC_dw2, t1, dC_dw1");
    assert.equal((await blank(page, 'z1')).text, 'a0.dot(weight1)');
    const ok = await page.evaluate(() => window.backprop.exercise({ t1: 'weight2 * k2', run: true }));
    assert.equal(ok, '');
    const s = await state(page);
    assert.equal(s.exercise.blanks.t1.mistake, "the chapter's weight2 * k2");
    assert.equal(s.exercise.run.gradientW1Ok, false);
    assert.deepEqual(errors, []);
  });
});
