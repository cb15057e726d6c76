// The backprop walkthrough in headless Chromium: a real click turns it on, six clicks on
// Next phase run one iteration of the 3-4-1 network phase by phase (forward 1, forward 2,
// loss, backward 2, backward 1, update), the iteration advances by exactly one only at the
// update, and the weights afterwards are exactly those of a plain Step.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { click, nextFrames, rect, screenshot, start, state, tooltipOver } from './harness.mjs';

const expected = [
  { kind: 'forward', layer: 1 },
  { kind: 'forward', layer: 2 },
  { kind: 'loss', layer: 0 },
  { kind: 'backward', layer: 2 },
  { kind: 'backward', layer: 1 },
  { kind: 'update', layer: 0 },
];
const fileName = (p) => `walkthrough-${p.kind}${p.layer ? `-${p.layer}` : ''}.png`;
describe('the backprop walkthrough', () => {
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

  test('the checkbox turns it on and shows the Next phase button and the panel', async () => {
    assert.equal(await rect(page, 'Next phase'), null, 'no Next phase button while off');
    assert.equal(await rect(page, 'Walkthrough panel'), null);
    await click(page, 'Walkthrough mode');
    const s = await state(page);
    assert.equal(s.walkthrough, true);
    assert.equal(s.phasesDone, 0);
    assert.equal(s.phaseCount, 6);
    assert.ok(await rect(page, 'Next phase'));
    assert.ok(await rect(page, 'Walkthrough panel'));
    for (let i = 1; i <= 6; ++i) assert.ok(await rect(page, `phase ${i}`), `phase ${i} in the strip`);
    await page.mouse.move(2, 2);
    await nextFrames(page, 2);
    await screenshot(page, 'walkthrough-start.png');
    assert.deepEqual(errors, []);
  });

  test('six clicks on Next phase run one iteration phase by phase, equal to a plain Step', async () => {
    const start0 = await state(page);
    const texts = [];
    for (let i = 0; i < expected.length; ++i) {
      await click(page, 'Next phase');
      await page.mouse.move(2, 2);
      await nextFrames(page, 2);
      const s = await state(page);
      assert.deepEqual(s.phase, expected[i], `phase ${i + 1}`);
      assert.equal(s.training, false);
      if (i < expected.length - 1) {
        assert.equal(s.phasesDone, i + 1);
        assert.equal(s.iteration, start0.iteration, 'the iteration is not complete yet');
        assert.deepEqual(s.weights, start0.weights, 'no weight changes before the update');
      } else {
        assert.equal(s.phasesDone, 0);
        assert.equal(s.iteration, start0.iteration + 1, 'the update completes exactly one iteration');
        assert.notDeepEqual(s.weights, start0.weights, 'the update changes the weights');
        assert.ok(s.loss < start0.loss, `the loss fell from ${start0.loss} to ${s.loss}`);
      }
      await screenshot(page, fileName(expected[i]));
      // What the panel says: which phase this is, and an explanation of its own.
      const said = s.text['Walkthrough panel'];
      assert.match(said, new RegExp(`phase ${i + 1} of 6: `), said);
      assert.ok(!texts.includes(said), `phase ${i + 1} is explained differently: ${said}`);
      texts.push(said);
    }
    const walked = await state(page);

    // The same iteration as one plain step from the same starting weights.
    const plain = await page.evaluate(() => {
      window.backprop.walkthrough(false);
      window.backprop.restart();
      window.backprop.step(1);
      return window.backprop.state();
    });
    assert.equal(plain.iteration, walked.iteration);
    assert.deepEqual(plain.weights, walked.weights, 'phase by phase equals a plain Step, exactly');
    assert.equal(plain.loss, walked.loss);
    assert.deepEqual(errors, []);
  });

  test('values the iteration has not computed yet are marked, the lit part changes per phase', async () => {
    await page.evaluate(() => { window.backprop.restart(); window.backprop.walkthrough(true); });
    await nextFrames(page, 2);
    await click(page, 'Next phase');  // forward 1: the output is not computed yet
    // What a node's tooltip says after the first phase: the hidden layer's z and a are known,
    // nothing of the output, and no delta anywhere.
    const hidden = await tooltipOver(page, 'node a1[0]');
    assert.match(hidden, /z = a0 W1 \(column 1\)( \+ b1\[0\])? = -?\d/, hidden);
    assert.match(hidden, /f'\(z\) and delta: not yet computed in this iteration/, hidden);
    const output = await tooltipOver(page, 'node a2[0]');
    assert.match(output, /z and a: not yet computed in this iteration/, output);
    assert.match(output, /f'\(z\) and delta: not yet computed in this iteration/, output);
    assert.doesNotMatch(output, /z = a1/, output);
    await screenshot(page, 'walkthrough-not-yet-computed.png');
    // The scripting API's step() finishes the iteration under way.
    await page.mouse.move(2, 2);
    await page.evaluate(() => window.backprop.step(1));
    await nextFrames(page, 2);
    const s = await state(page);
    assert.equal(s.iteration, 1);
    assert.equal(s.phasesDone, 0);
    // Turning the walkthrough off hides its panel and button again.
    await click(page, 'Walkthrough mode');
    assert.equal((await state(page)).walkthrough, false);
    assert.equal(await rect(page, 'Next phase'), null);
    assert.deepEqual(errors, []);
  });
});
