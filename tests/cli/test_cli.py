#!/usr/bin/env python3
"""Tests of backprop-cli as a user runs it: output, options, JSON, and bad input.

Usage: test_cli.py PATH/TO/backprop-cli   (ctest passes the path)
"""
import json
import os
import resource
import shlex
import signal
import stat
import subprocess
import sys
import tempfile
import unittest

CLI = None
HERE = os.path.dirname(os.path.abspath(__file__))
NUMPY_REFERENCE = os.path.join(HERE, "..", "reference", "seed_numpy.py")
README = os.path.join(HERE, "..", "..", "README.md")

W1 = [[0.1, 0.2, 0.3, 0.4], [0.5, 0.6, 0.7, 0.8], [0.9, 0.15, 0.25, 0.35]]
W2 = [[0.45], [0.55], [0.65], [0.75]]


def run(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=60)


class Defaults(unittest.TestCase):
    def test_no_arguments_prints_the_chapters_three_outputs(self):
        r = run()
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stderr, "")
        out = r.stdout
        self.assertIn("Initial output", out)
        self.assertIn("Output after training (1000 iterations, learning rate 1", out)
        self.assertIn("Output for the new input [1, 0, 1]", out)
        values = [float(line.strip(" []")) for line in out.splitlines() if line.startswith("  [")]
        self.assertEqual(len(values), 9)  # 4 initial, 4 trained, 1 new
        trained, new = values[4:8], values[8]
        for got, want in zip(trained, [0, 1, 1, 0]):
            self.assertLess(abs(got - want), 0.15)
        self.assertGreater(new, 0.85)

    def test_text_and_json_agree(self):
        text = run().stdout
        j = json.loads(run("--json").stdout)
        trained = [float(line.strip(" []")) for line in text.splitlines() if line.startswith("  [")][4:8]
        for t, o in zip(trained, j["outputs"]):
            self.assertAlmostEqual(t, o, places=3)


class Json(unittest.TestCase):
    def test_json_has_the_documented_fields(self):
        r = run("--json", "--iters", "200", "--lr", "0.5", "--seed", "7")
        self.assertEqual(r.returncode, 0, r.stderr)
        j = json.loads(r.stdout)
        self.assertEqual(j["iterations"], 200)
        self.assertEqual(j["learning_rate"], 0.5)
        self.assertEqual(j["seed"], 7)
        self.assertEqual([len(row) for row in j["w1"]], [4, 4, 4])
        self.assertEqual([len(row) for row in j["w2"]], [1, 1, 1, 1])
        self.assertEqual(len(j["outputs"]), 4)
        self.assertFalse(j["diverged"])
        self.assertAlmostEqual(
            j["loss"], 0.5 * sum((o - t) ** 2 for o, t in zip(j["outputs"], [0, 1, 1, 0])), places=12)

    def test_given_weights_match_the_numpy_reference_to_1e_9(self):
        r = run("--json", "--w1", json.dumps(W1), "--w2", json.dumps(W2), "--iters", "1000")
        self.assertEqual(r.returncode, 0, r.stderr)
        got = json.loads(r.stdout)
        cfg = json.dumps({"w1": W1, "w2": W2, "iterations": 1000, "learning_rate": 1})
        ref = subprocess.run([sys.executable, NUMPY_REFERENCE], input=cfg, capture_output=True,
                             text=True, check=True)
        want = json.loads(ref.stdout)
        for name in ("w1", "w2"):
            for grow, wrow in zip(got[name], want[name]):
                for g, w in zip(grow, wrow):
                    self.assertLess(abs(g - w), 1e-9, name)
        for g, w in zip(got["outputs"], want["outputs"]):
            self.assertLess(abs(g - w), 1e-9)
        self.assertLess(abs(got["new_input"]["output"] - want["new_output"]), 1e-9)

    def test_the_numpy_program_reproduces_the_run_to_1e_9(self):
        # --numpy writes the chapter's program (the page's Copy as numpy) with this run's
        # initial weights, learning rate and iterations; python3 with numpy alone runs it.
        for args in (["--seed", "3"], ["--seed", "5", "--lr", "0.5", "--iters", "700"],
                     ["--w1", json.dumps(W1), "--w2", json.dumps(W2), "--iters", "1500"]):
            with self.subTest(args=args):
                prog = run("--numpy", *args)
                self.assertEqual(prog.returncode, 0, prog.stderr)
                self.assertTrue(prog.stdout.startswith("#!/usr/bin/env python3\n"))
                self.assertIn("a1.T.dot(k2)", prog.stdout)
                with tempfile.TemporaryDirectory() as d:
                    path = os.path.join(d, "chapter.py")
                    with open(path, "w", encoding="utf-8") as f:
                        f.write(prog.stdout)
                    py = subprocess.run([sys.executable, path, "--json"], capture_output=True,
                                        text=True, timeout=120)
                    plain = subprocess.run([sys.executable, path], capture_output=True,
                                           text=True, timeout=120)
                self.assertEqual(py.returncode, 0, py.stderr)
                self.assertEqual(py.stderr, "")
                # It prints what the chapter prints, then one JSON line.
                for words in ("Initial Output", "Shape dC_dw2 (4, 1)", "New output",
                              "Output after Training is"):
                    self.assertIn(words, plain.stdout)
                self.assertNotIn("{", plain.stdout)
                got = json.loads(py.stdout.strip().splitlines()[-1])
                want = json.loads(run("--json", *args).stdout)
                self.assertEqual(sorted(got), ["loss", "outputs", "weights"])
                for g, w in zip(got["outputs"], want["outputs"]):
                    self.assertLess(abs(g - w), 1e-9)
                self.assertLess(abs(got["loss"] - want["loss"]), 1e-9)
                for wg, ww in zip(got["weights"], [want["w1"], want["w2"]]):
                    for grow, wrow in zip(wg, ww):
                        for g, w in zip(grow, wrow):
                            self.assertLess(abs(g - w), 1e-9)


    def test_zero_iterations_keeps_the_given_weights(self):
        r = run("--json", "--iters=0", "--w1=" + json.dumps(W1), "--w2=" + json.dumps(W2))
        j = json.loads(r.stdout)
        self.assertEqual(j["w1"], W1)
        self.assertEqual(j["w2"], W2)
        self.assertEqual(j["outputs"], j["initial_outputs"])

    def test_same_seed_same_run_and_different_seed_different_run(self):
        a, b, c = (json.loads(run("--json", "--seed", s).stdout) for s in ("3", "3", "4"))
        self.assertEqual(a, b)
        self.assertNotEqual(a["w1"], c["w1"])

    def test_a_huge_learning_rate_saturates_but_stays_finite(self):
        # Sigmoid units saturate instead of overflowing: the chapter's network cannot reach
        # NaN, so the run ends normally (the core's divergence check is unit-tested on a
        # linear network, where it can happen).
        r = run("--json", "--lr", "1e6", "--iters", "50")
        self.assertEqual(r.returncode, 0, r.stderr)
        j = json.loads(r.stdout)
        self.assertFalse(j["diverged"])
        self.assertTrue(all(0 <= o <= 1 for o in j["outputs"]))


class BadInput(unittest.TestCase):
    def check_error(self, args, *words):
        r = run(*args)
        self.assertEqual(r.returncode, 2, f"{args}: {r.stdout} {r.stderr}")
        self.assertEqual(r.stdout, "")
        lines = r.stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, r.stderr)
        self.assertTrue(lines[0].startswith("backprop-cli: "), lines[0])
        for w in words:
            self.assertIn(w, lines[0])

    def test_unknown_option(self):
        self.check_error(["--itres", "5"], "unknown option '--itres'")

    def test_non_numeric_values(self):
        self.check_error(["--iters", "ten"], "--iters", "'ten'")
        self.check_error(["--iters", "1e3"], "--iters", "'1e3'")
        self.check_error(["--lr", "fast"], "--lr", "'fast'")
        self.check_error(["--lr", "0.5x"], "--lr")
        self.check_error(["--seed", "-1"], "--seed")
        self.check_error(["--seed", "abc"], "--seed")

    def test_out_of_range_values(self):
        self.check_error(["--iters", "-5"], "--iters", "is not a whole number from 0")
        self.check_error(["--iters", "99999999999999999999"], "--iters")
        self.check_error(["--lr", "nan"], "--lr")
        self.check_error(["--lr", "inf"], "--lr")
        self.check_error(["--lr", "1e999"], "--lr")
        self.check_error(["--lr", "-1"], "--lr", "greater than 0")
        self.check_error(["--lr", "0"], "--lr", "greater than 0")

    def test_numbers_are_written_as_json_writes_them(self):
        # The same grammar (and reader, bp::read_number) as the link, the files and --w1: no
        # spaces, '+', hex or bare '.'.
        not_json = "is not a number"
        self.check_error(["--lr", "0x10"], "--lr", "'0x10'", not_json)
        self.check_error(["--lr", " 0.5"], "--lr", "' 0.5'", not_json)
        self.check_error(["--lr", "0.5 "], "--lr", "'0.5 '", not_json)
        self.check_error(["--lr", ".5"], "--lr", "'.5'", not_json)
        self.check_error(["--lr", "5."], "--lr", "'5.'", not_json)
        self.check_error(["--lr", "+0.5"], "--lr", "'+0.5'", not_json)
        self.check_error(["--seed", "+5"], "--seed", "'+5'", not_json)
        self.check_error(["--seed", "0x10"], "--seed", "'0x10'", not_json)
        self.check_error(["--seed", " 5"], "--seed", "' 5'", not_json)
        self.check_error(["--iters", "010"], "--iters", "'010'", not_json)
        # Whole numbers are whole: digits only.
        self.check_error(["--iters", "1e3"], "--iters", "'1e3' is not a whole number")
        self.check_error(["--iters", "10.0"], "--iters", "'10.0' is not a whole number")
        self.check_error(["--seed", "2.5"], "--seed", "'2.5' is not a whole number")
        self.check_error(["--seed", "18446744073709551616"], "--seed",
                         "is more than 18446744073709551615")
        self.check_error(["--iters", "100000001"], "--iters", "is more than 100000000")
        # Too small for a double is underflow, not "0".
        self.check_error(["--lr", "1e-400"], "--lr", "'1e-400' is too small", "(underflow)")
        self.check_error(["--lr", "1e999"], "--lr", "'1e999' is too large")
        # A value with a control character stays on one line.
        self.check_error(["--lr", "0.5\n1"], "--lr", "'0.5<U+000A>1'")
        # In the weight matrices too.
        w2 = json.dumps(W2)
        self.check_error(["--w1", "[[1e-400,2,3,4],[1,2,3,4],[1,2,3,4]]", "--w2", w2],
                         "--w1", "line 1, column 3", "(underflow)")
        self.check_error(["--w1", "[[.1,2,3,4],[1,2,3,4],[1,2,3,4]]", "--w2", w2],
                         "--w1", "not valid JSON")
        # What JSON allows is taken.
        for lr in ("0.5", "5e-1", "5E-1", "0.05e1"):
            r = run("--json", "--iters", "0", "--lr", lr)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(json.loads(r.stdout)["learning_rate"], 0.5)
        r = run("--json", "--iters", "0", "--seed", "18446744073709551615")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(json.loads(r.stdout)["seed"], 18446744073709551615)

    def test_missing_values(self):
        self.check_error(["--iters"], "--iters", "missing value")
        self.check_error(["--json=yes"], "--json", "takes no value")

    def test_malformed_or_wrong_shaped_weights(self):
        w2 = json.dumps(W2)
        self.check_error(["--w1", "[[1,2", "--w2", w2], "--w1", "not valid JSON")
        self.check_error(["--w1", "{}", "--w2", w2], "--w1", "expected an array")
        self.check_error(["--w1", json.dumps(W1[:2]), "--w2", w2], "--w1", "got 2 rows")
        self.check_error(["--w1", json.dumps([[1, 2, 3]] * 3), "--w2", w2], "--w1 row 1", "got 3")
        self.check_error(["--w1", json.dumps([[1, 2, 3, "4"]] * 3), "--w2", w2], "column 4", '"4"')
        self.check_error(["--w1", json.dumps([[1, 2, 3, None]] * 3), "--w2", w2], "column 4")
        self.check_error(["--w1", json.dumps(W1), "--w2", "[1,2,3,4]"], "--w2 row 1")
        self.check_error(["--w1", json.dumps([[1, 2, 3, 1e400]] * 3).replace("Infinity", "1e400"),
                          "--w2", w2], "--w1")
        self.check_error(["--w1", "[" * 50000 + "]" * 50000, "--w2", w2], "--w1")
        self.check_error(["--w1", json.dumps(W1)], "--w1 given without --w2")


class LoadSave(unittest.TestCase):
    """--load FILE trains the setup a JSON file describes; --save FILE writes the trained state."""

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.dir.cleanup()

    def path(self, name):
        return os.path.join(self.dir.name, name)

    def write(self, name, text):
        with open(self.path(name), "w", encoding="utf-8") as f:
            f.write(text)
        return self.path(name)

    def test_save_then_load_continues_the_chapters_run(self):
        saved = self.path("run.json")
        r = run("--iters", "300", "--save", saved, "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        trained = json.loads(r.stdout)
        with open(saved, encoding="utf-8") as f:
            doc = json.load(f)
        self.assertEqual(doc["format"], "backprop")
        self.assertEqual(doc["version"], 1)
        self.assertEqual(doc["settings"]["hidden"], [4])
        self.assertEqual(doc["network"]["weights"][0], trained["w1"])  # bit for bit
        self.assertEqual(doc["network"]["weights"][1], trained["w2"])
        # Zero more iterations from the file: the same weights, written back identically.
        again = self.path("again.json")
        r = run("--load", saved, "--iters", "0", "--save", again)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(saved, encoding="utf-8") as a, open(again, encoding="utf-8") as b:
            self.assertEqual(a.read(), b.read())
        # 300 + 700 iterations from the file equal 1000 in one run.
        r = run("--load", saved, "--iters", "700", "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        split = json.loads(r.stdout)["weights"]
        whole = json.loads(run("--iters", "1000", "--json").stdout)
        self.assertEqual(split[0], whole["w1"])
        self.assertEqual(split[1], whole["w2"])

    def test_load_trains_any_network_and_data(self):
        setup = self.write("circle.json", json.dumps({
            "format": "backprop", "version": 1,
            "settings": {"data": "circle", "points": 200, "hidden": [8, 8], "act": "tanh",
                         "loss": "ce", "lr": 0.03, "init": "scaled", "bias": True, "batch": 10,
                         "stop_iters": 1500}}))
        out = self.path("trained.json")
        r = run("--load", setup, "--save", out, "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        j = json.loads(r.stdout)
        self.assertEqual(j["sizes"], [2, 8, 8, 1])
        self.assertEqual(j["iterations"], 1500)
        self.assertGreater(j["test_accuracy"], 0.9)
        with open(out, encoding="utf-8") as f:
            doc = json.load(f)
        self.assertEqual([len(b) for b in doc["network"]["biases"]], [8, 8, 1])
        self.assertEqual(doc["network"]["weights"], j["weights"])
        # The text output names the network and the data.
        r = run("--load", out, "--iters", "1")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("Network 2-8-8-1, 100 training and 100 test examples", r.stdout)

    def test_numpy_with_load_writes_the_general_loop_to_1e_9(self):
        # A 2-D network with biases, cross-entropy, L2 and mini-batches in a shuffled order:
        # --numpy writes the general loop; python3 gives the CLI's own weights to 1e-9.
        setup = self.write("xor.json", json.dumps({
            "format": "backprop", "version": 1,
            "settings": {"data": "xor", "points": 80, "hidden": [6, 4], "act": "tanh",
                         "loss": "ce", "lr": 0.03, "init": "scaled", "bias": True, "batch": 7,
                         "reg": "l2", "regrate": 0.001}}))
        prog = run("--load", setup, "--iters", "300", "--numpy")
        self.assertEqual(prog.returncode, 0, prog.stderr)
        path = self.write("general.py", prog.stdout)
        py = subprocess.run([sys.executable, path, "--json"], capture_output=True, text=True,
                            timeout=300)
        self.assertEqual(py.returncode, 0, py.stderr)
        got = json.loads(py.stdout.strip().splitlines()[-1])
        want = json.loads(run("--load", setup, "--iters", "300", "--json").stdout)
        self.assertEqual(len(got["weights"]), 3)
        for wg, ww in zip(got["weights"], want["weights"]):
            for grow, wrow in zip(wg, ww):
                for g, w in zip(grow, wrow):
                    self.assertLess(abs(g - w), 1e-9)
        self.assertEqual([len(b) for b in got["biases"]], [6, 4, 1])

    def test_custom_rows_and_a_target_loss(self):
        rows = [[-1, -1, 0], [-1, 1, 1], [1, -1, 1], [1, 1, 0]] * 5
        setup = self.write("xor.json", json.dumps({
            "format": "backprop", "version": 1,
            "settings": {"data": "custom", "features": ["x1", "x2", "x1*x2"], "hidden": [4],
                         "act": "tanh", "bias": True, "init": "scaled", "lr": 0.1,
                         "stop_loss": 0.05, "stop_iters": 100000},
            "data": {"rows": rows}}))
        r = run("--load", setup, "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        j = json.loads(r.stdout)
        self.assertLess(j["iterations"], 100000)
        self.assertIn("target", j["stopped"])

    def test_a_file_saved_after_divergence_loads_with_its_seeds_weights(self):
        rows = [[1000, 1000, 1], [-1000, 1000, 0], [1000, -1000, 0], [-1000, -1000, 1]]
        doc = {"format": "backprop", "version": 1,
               "settings": {"data": "custom", "seed": 4, "hidden": [4], "act": "linear",
                            "out": "linear", "lr": 1e-8},
               "diverged": True, "data": {"rows": rows}}
        setup = self.write("diverged.json", json.dumps(doc))
        r = run("--load", setup)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("diverged.json was saved after its run diverged, so it holds no weights: "
                      "training started from seed 4's initial weights.", r.stdout)
        r = run("--load", setup, "--iters", "0", "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(json.loads(r.stdout)["file_diverged"])
        # Saved again after training: its own weights, no mark, the same rows.
        out = self.path("again.json")
        r = run("--load", setup, "--iters", "0", "--save", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out, encoding="utf-8") as f:
            again = json.load(f)
        self.assertNotIn("diverged", again)
        self.assertEqual(again["data"]["rows"], rows)
        self.assertEqual(len(again["network"]["weights"]), 2)
        r = run("--load", out, "--iters", "0", "--json")
        self.assertFalse(json.loads(r.stdout)["file_diverged"])

    def test_save_is_atomic_when_the_disk_refuses_the_write(self):
        # The input file is also the target; a file size limit of 512 bytes (smaller than the
        # document) makes the write fail with EFBIG, as a full disk would with ENOSPC.
        saved = self.path("run.json")
        r = run("--iters", "300", "--save", saved)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(saved, "rb") as f:
            before = f.read()
        self.assertGreater(len(before), 512)

        def limit_file_size():
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (512, 512))

        r = subprocess.run([CLI, "--load", saved, "--iters", "5", "--save", saved],
                           capture_output=True, text=True, timeout=60, preexec_fn=limit_file_size)
        self.assertNotEqual(r.returncode, 0)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn(saved + ": could not be written", r.stderr)
        self.assertIn("File too large", r.stderr)
        self.assertIn("the old file", r.stderr)
        with open(saved, "rb") as f:
            self.assertEqual(f.read(), before)  # byte for byte
        self.assertEqual(os.listdir(self.dir.name), ["run.json"])  # no temporary file left

        # The same limit with SIGXFSZ at its default (as under `ulimit -f`): the CLI ignores
        # the signal itself, so it still cleans up and reports.
        def limit_only():
            signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
            resource.setrlimit(resource.RLIMIT_FSIZE, (512, 512))

        r = subprocess.run([CLI, "--load", saved, "--iters", "5", "--save", saved],
                           capture_output=True, text=True, timeout=60, preexec_fn=limit_only)
        self.assertEqual(r.returncode, 2, r.stderr)
        with open(saved, "rb") as f:
            self.assertEqual(f.read(), before)
        self.assertEqual(os.listdir(self.dir.name), ["run.json"])

    def test_save_replaces_a_file_keeping_its_permissions(self):
        saved = self.path("run.json")
        with open(saved, "w", encoding="utf-8") as f:
            f.write("old")
        os.chmod(saved, 0o640)
        r = run("--iters", "10", "--save", saved)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(stat.S_IMODE(os.stat(saved).st_mode), 0o640)
        with open(saved, encoding="utf-8") as f:
            self.assertEqual(json.load(f)["format"], "backprop")
        self.assertEqual(os.listdir(self.dir.name), ["run.json"])
        # A folder in the way: refused, nothing left behind.
        os.mkdir(self.path("folder"))
        self.check_error(["--iters", "1", "--save", self.path("folder")], "folder",
                         "could not be written")
        self.assertEqual(sorted(os.listdir(self.dir.name)), ["folder", "run.json"])
        self.assertEqual(os.listdir(self.path("folder")), [])

    def test_a_diverged_run_shows_no_numbers_and_says_what_to_do(self):
        # The setup: linear units on points at +-1000 with a learning rate of 1e6.
        rows = [[1000, 1000, 1], [-1000, 1000, 0], [1000, -1000, 0], [-1000, -1000, 1]]
        setup = self.write("diverges.json", json.dumps({
            "format": "backprop", "version": 1,
            "settings": {"data": "custom", "hidden": [4], "act": "linear", "out": "linear",
                         "loss": "se", "lr": 1000000},
            "data": {"rows": rows}}))
        r = run("--load", setup, "--iters", "50")
        self.assertEqual(r.returncode, 1, r.stderr)
        out = r.stdout
        self.assertIn("Training diverged at iteration 4", out)
        self.assertIn("lower the learning rate", out)
        for shown in ("nan", "inf", "%", "loss -", "accuracy 5", "mean loss"):
            self.assertNotIn(shown, out.lower())
        self.assertIn("diverged at iteration 4", r.stderr)

        r = run("--load", setup, "--iters", "50", "--json")
        self.assertEqual(r.returncode, 1, r.stderr)

        def no_constants(name):
            raise ValueError("not JSON: " + name)

        j = json.loads(r.stdout, parse_constant=no_constants)  # no NaN or Infinity tokens
        self.assertTrue(j["diverged"])
        self.assertEqual(j["iterations"], 4)
        for field in ("loss", "mean_loss", "accuracy", "test_mean_loss", "test_accuracy",
                      "weights"):
            self.assertIsNone(j[field], field)
        self.assertIn("learning rate", j["message"])

        # --save after divergence writes nothing: the old file stays as it was.
        saved = self.write("saved.json", "old")
        r = run("--load", setup, "--iters", "50", "--save", saved)
        self.assertEqual(r.returncode, 1)
        self.assertIn("saved.json: not written (training diverged)", r.stderr)
        with open(saved, encoding="utf-8") as f:
            self.assertEqual(f.read(), "old")

    def check_error(self, args, *words):
        r = run(*args)
        self.assertEqual(r.returncode, 2, r.stdout)
        lines = r.stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, r.stderr)
        for w in words:
            self.assertIn(w, lines[0])

    def test_bad_files_name_the_file_and_the_field(self):
        head = '{"format": "backprop", "version": 1, '
        cases = [
            ('{"format": "backprop", "version": 1, "settings": {"hidden": [4, 40]}}', "hidden[1] must be 1 to 16"),
            (head + '"settings": {"lr": "fast"}}', "settings.lr"),
            (head + '"settings": {"lr": 1e999}}', "too large"),
            (head + '"settings": {"colour": 1}}', "settings.colour: unknown field"),
            ('{"format": "backprop", "version": 9}', "version"),
            (head + '"network": {"weights": [[[1, 2, 3, 4]], [[1]]]}}', "weights[0] (W1) must be 3 x 4"),
            (head + '"settings": {', "unexpected end"),
            ("[" * 100000, "nested deeper"),
            ("", "a value is missing"),
            ("\xff\xfe", "line 1, column 1"),
        ]
        for i, (text, want) in enumerate(cases):
            with self.subTest(want=want):
                name = self.write("bad%d.json" % i, text)
                self.check_error(["--load", name], "bad%d.json" % i, want)
        self.check_error(["--load", self.path("missing.json")], "missing.json", "cannot be read")
        self.check_error(["--load", self.write("ok.json", head + '"settings": {}}'), "--lr", "-1"], "--lr")
        self.check_error(["--load", "x.json", "--w1", json.dumps(W1), "--w2", json.dumps(W2)], "--w1")
        self.check_error(["--save"], "--save", "missing value")
        self.check_error(["--save", self.path("no/such/dir/out.json"), "--iters", "1"], "could not be written")


def readme_commands():
    """The backprop-cli command lines README.md shows in its code blocks (indented or fenced)."""
    with open(README, encoding="utf-8") as f:
        lines = f.read().splitlines()
    found, fenced = [], False
    for line in lines:
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        if (fenced or line.startswith("    ")) and is_cli_command(line):
            found.append(line.strip())
    return found


def help_commands():
    """The backprop-cli command lines --help shows."""
    out = run("--help").stdout
    return [line.strip() for line in out.splitlines() if is_cli_command(line)]


def is_cli_command(line):
    try:
        words = shlex.split(line, comments=True)
    except ValueError:
        return False
    return bool(words) and os.path.basename(words[0]) == "backprop-cli"


class Examples(unittest.TestCase):
    """Every command README.md and --help show runs as shown, in a folder of its own."""

    def run_in_order(self, commands):
        with tempfile.TemporaryDirectory() as cwd:
            for line in commands:
                args = shlex.split(line, comments=True)[1:]
                # A file a command reads and no earlier command wrote: the chapter's setup.
                for i, a in enumerate(args):
                    name = args[i + 1] if a == "--load" and i + 1 < len(args) else (
                        a[len("--load="):] if a.startswith("--load=") else None)
                    if name and not os.path.exists(os.path.join(cwd, name)):
                        subprocess.run([CLI, "--iters", "0", "--save", name], cwd=cwd,
                                       check=True, capture_output=True, timeout=60)
                r = subprocess.run([CLI, *args], cwd=cwd, capture_output=True, text=True,
                                   timeout=120)
                with self.subTest(command=line):
                    self.assertEqual(r.returncode, 0, r.stderr)
                    self.assertEqual(r.stderr, "")
                    if "--json" in args:
                        json.loads(r.stdout)
                    for i, a in enumerate(args):
                        if a == "--save":
                            with open(os.path.join(cwd, args[i + 1]), encoding="utf-8") as f:
                                self.assertEqual(json.load(f)["format"], "backprop")

    def test_every_readme_command_runs(self):
        commands = readme_commands()
        self.assertGreaterEqual(len(commands), 5, commands)  # the extraction still finds them
        self.assertTrue(any("--w1" in c for c in commands))
        self.run_in_order(commands)

    def test_every_help_command_runs(self):
        commands = help_commands()
        self.assertGreaterEqual(len(commands), 4, commands)
        self.assertTrue(any("--w1" in c for c in commands))
        self.run_in_order(commands)


if __name__ == "__main__":
    CLI = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=1)
