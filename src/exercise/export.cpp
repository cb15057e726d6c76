// The chapter's program, written out as Python with numpy.
#include "export.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace bp::exercise {

std::string py_number(double v) {
  if (std::isnan(v)) return "float('nan')";
  if (std::isinf(v)) return v > 0 ? "float('inf')" : "-float('inf')";
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

std::string py_array(const Matrix& m) {
  std::string s = "np.array([";
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    s += i ? ", [" : "[";
    for (Eigen::Index j = 0; j < m.cols(); ++j) s += (j ? ", " : "") + py_number(m(i, j));
    s += "]";
  }
  return s + "], dtype=float)";
}

Result<std::string> numpy_program(const Network& start, const Dataset& data, double learning_rate,
                                  int iterations, const Texts& blanks) {
  if (Status s = applicable(start, data); !s) return Error{s.error()};
  if (iterations < 0) return Error{"iterations must be 0 or more"};
  Texts use = blanks;
  std::array<std::string, kBlanks> notes;
  bool own = false;
  for (Blank b : kAllBlanks) {
    const auto i = static_cast<std::size_t>(b);
    auto e = Expr::parse(use[i]);  // only what the reader accepts goes into the program
    if (!e) {
      notes[i] = "  # your " + std::string(info(b).name) + " did not read (" + e.error() +
                 "): the correct form instead\n";
      use[i] = std::string(info(b).answer);
    } else if (use[i] != info(b).answer) {
      own = true;
    }
  }
  const auto line = [&](Blank b) {
    const auto i = static_cast<std::size_t>(b);
    return notes[i] + "  " + std::string(info(b).before) + use[i] + std::string(info(b).after) +
           "\n";
  };
  std::string p;
  p += "#!/usr/bin/env python3\n";
  p += "# The chapter's two-layer network (Back Propagation for a Two layered Neural Network),\n";
  p += "# exported by the backprop page";
  p += own ? " with the blanks as you filled them in.\n" : " with the blanks filled in.\n";
  p += "# Run: python3 this.py (numpy only); python3 this.py --json ends with one JSON line\n";
  p += "# of the final weights' outputs and loss, and the weights.\n";
  p += "import json\nimport sys\n\nimport numpy as np\n\n";
  p += "# pretty print numpy array\n";
  p += "np.set_printoptions(formatter={'float': '{: 0.3f}'.format})\n\n";
  p += "def sigmoid(x):\n    return 1/(1+np.exp(-x))\n\n";
  p += "def derv_sigmoid(x):\n   return x*(1-x)\n\n";
  p += "learningRate = " + py_number(learning_rate) + "\n\n";
  p += "# input x, also used as the training set here\n";
  p += "x = " + py_array(data.X) + "\n\n";
  p += "# desired output for each of the training set above\n";
  p += "y = " + py_array(data.Y) + "\n\n";
  p += "# this run's initial weights (the page's)\n";
  p += "weight1 = " + py_array(start.W(1)) + "\n";
  p += "weight2 = " + py_array(start.W(2)) + "\n\n";
  p += "a0 = x\n\n";
  p += "iterations = " + std::to_string(iterations) + "\n";
  p += "for iter in range(0,iterations):\n\n";
  p += "  # Forward pass - Straight Forward\n";
  p += line(Blank::z1);
  p += "  a1 = sigmoid(z1)\n";
  p += line(Blank::z2);
  p += "  a2 = sigmoid(z2)\n";
  p += "  if iter == 0:\n    print(\"Initial Output \\n\",a2)\n\n";
  p += "  # Backward Pass - Backpropagation\n";
  p += "  k2 = (a2-y)*derv_sigmoid(a2)\n";
  p += line(Blank::dC_dw2);
  p += "  if iter == 0:\n    print(\"Shape dC_dw2\",np.shape(dC_dw2)) #debug\n";
  p += line(Blank::t1);
  p += line(Blank::dC_dw1);
  p += "\n  # Gradient descent\n";
  p += "  weight2 = weight2 - learningRate*dC_dw2\n";
  p += "  weight1 = weight1 - learningRate*dC_dw1\n\n";
  p += "if iterations > 0:\n  print(\"New output\",a2)\n\n";
  p += "# the final weights on the data (what the page shows after training)\n";
  p += line(Blank::z1).substr(notes[0].size() + 2);
  p += "a1 = sigmoid(z1)\n";
  p += line(Blank::z2).substr(notes[1].size() + 2);
  p += "a2 = sigmoid(z2)\n";
  p += "loss = float(np.sum((y-a2)**2)/2)\n";
  if (data.X.cols() == 3) {
    p += "\n# Lets test out, two ones in input and one zero, ouput should be One\n";
    p += "a1_new = sigmoid(np.array([[1,0,1]]).dot(weight1))\n";
    p += "print(\"Output after Training is \\n\",sigmoid(a1_new.dot(weight2)))\n";
  }
  p += "\nif \"--json\" in sys.argv[1:]:\n";
  p += "  print(json.dumps({\"outputs\": a2[:, 0].tolist(), \"loss\": loss,\n";
  p += "                    \"weights\": [weight1.tolist(), weight2.tolist()]}))\n";
  return p;
}

Result<std::string> numpy_general_program(const Network& start, const Dataset& data,
                                          const TrainerOptions& o, long iterations) {
  if (Status s = validate(o); !s) return Error{s.error()};
  if (iterations < 0) return Error{"iterations must be 0 or more"};
  if (data.X.cols() != start.inputs() || data.Y.cols() != start.outputs() || data.size() == 0)
    return Error{"the data does not fit the network"};
  const int L = start.layers();
  std::string p;
  p += "#!/usr/bin/env python3\n";
  p += "# A network trained by gradient descent, exported by the backprop page: the same loop\n";
  p += "# as the chapter's, for any layers. Run: python3 this.py (numpy only); with --json the\n";
  p += "# last line is one JSON object of the final weights' outputs, loss, weights and biases.\n";
  p += "import json\nimport sys\n\nimport numpy as np\n\n";
  p += "def activate(f, z):\n";
  p += "    if f == 'sigmoid': return 1/(1+np.exp(-z))\n";
  p += "    if f == 'tanh': return np.tanh(z)\n";
  p += "    if f == 'relu': return np.maximum(z, 0.0)\n";
  p += "    return z\n\n";
  p += "def slope(f, z, a):  # f'(z), from z and a = f(z)\n";
  p += "    if f == 'sigmoid': return a*(1-a)\n";
  p += "    if f == 'tanh': return 1-a*a\n";
  p += "    if f == 'relu': return (z > 0).astype(float)\n";
  p += "    return np.ones_like(z)\n\n";
  p += "def cost(a, y):\n";
  if (o.loss == Loss::SquaredError) {
    p += "    return float(np.sum((y-a)**2)/2)  # squared error\n\n";
  } else {
    p += "    q = np.minimum(np.maximum(a, 1e-300), 1.0-1e-16)  # cross-entropy\n";
    p += "    return float(-np.sum(y*np.log(q) + (1-y)*np.log1p(-q)))\n\n";
  }
  p += "# The trainer's random numbers (xoshiro256**, seeded by SplitMix64), for the order in\n";
  p += "# which mini-batches visit the examples.\n";
  p += "M64 = (1 << 64) - 1\n";
  p += "class Rng:\n";
  p += "    def __init__(self, seed):\n";
  p += "        self.s = []\n";
  p += "        for _ in range(4):\n";
  p += "            seed = (seed + 0x9e3779b97f4a7c15) & M64\n";
  p += "            z = seed\n";
  p += "            z = ((z ^ (z >> 30)) * 0xbf58476d1ce4e5b9) & M64\n";
  p += "            z = ((z ^ (z >> 27)) * 0x94d049bb133111eb) & M64\n";
  p += "            self.s.append(z ^ (z >> 31))\n";
  p += "    def next(self):\n";
  p += "        s = self.s\n";
  p += "        rotl = lambda x, k: ((x << k) | (x >> (64 - k))) & M64\n";
  p += "        result = (rotl((s[1] * 5) & M64, 7) * 9) & M64\n";
  p += "        t = (s[1] << 17) & M64\n";
  p += "        s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t\n";
  p += "        s[3] = rotl(s[3], 45)\n";
  p += "        return result\n";
  p += "    def below(self, n):\n";
  p += "        limit = M64 - (M64 % n)\n";
  p += "        while True:\n";
  p += "            x = self.next()\n";
  p += "            if x < limit: return x % n\n\n";
  p += "X = " + py_array(data.X) + "\n";
  p += "Y = " + py_array(data.Y) + "\n\n";
  p += "# this run's initial weights (and biases), layer by layer\n";
  p += "W = [None";
  for (int l = 1; l <= L; ++l) p += ",\n     " + py_array(start.W(l));
  p += "]\n";
  if (start.has_biases()) {
    p += "b = [None";
    for (int l = 1; l <= L; ++l) p += ",\n     " + py_array(Matrix(start.b(l)));
    p += "]\n";
  }
  p += "f = [None";
  for (int l = 1; l <= L; ++l) p += ", '" + std::string(name(start.activation(l))) + "'";
  p += "]\n\n";
  const long n = static_cast<long>(data.size());
  const long m = o.batch_size == 0 ? n : std::min<long>(o.batch_size, n);
  p += "learningRate = " + py_number(o.learning_rate) + "\n";
  p += "iterations = " + std::to_string(iterations) + "\n";
  p += "B = " + std::to_string(m) + "  # examples per step\n";
  const char* reg = o.regularization == Regularization::L1   ? "L1"
                    : o.regularization == Regularization::L2 ? "L2"
                                                             : "none";
  p += "regularization, rate = '" + std::string(reg) + "', " + py_number(o.regularization_rate) +
       "\n";
  p += "rng = Rng(" + std::to_string(o.shuffle_seed) + ")\n";
  p += "order = list(range(len(X)))\ncursor = len(X)\n";
  p += "L = " + std::to_string(L) + "\n\n";
  p += "for iter in range(iterations):\n";
  p += "  if B == len(X):\n    x, y = X, Y\n  else:\n    rows = []\n";
  p += "    for _ in range(B):\n";
  p += "      if cursor == len(X):  # a new pass over the data, in a new random order\n";
  p += "        for i in range(len(X) - 1, 0, -1):\n";
  p += "          j = rng.below(i + 1)\n";
  p += "          order[i], order[j] = order[j], order[i]\n";
  p += "        cursor = 0\n";
  p += "      rows.append(order[cursor]); cursor += 1\n";
  p += "    x, y = X[rows], Y[rows]\n";
  p += "  a, z = [x], [None]\n";
  p += "  for l in range(1, L + 1):  # forward\n";
  p += start.has_biases() ? "    z.append(a[l-1].dot(W[l]) + b[l])\n"
                          : "    z.append(a[l-1].dot(W[l]))\n";
  p += "    a.append(activate(f[l], z[l]))\n";
  if (o.loss == Loss::CrossEntropy && start.activation(L) == Activation::Sigmoid) {
    p += "  delta = a[L] - y  # cross-entropy through a sigmoid output\n";
  } else if (o.loss == Loss::CrossEntropy) {
    p += "  delta = (a[L]-y) / np.maximum(a[L]*(1-a[L]), np.finfo(float).tiny) * "
         "slope(f[L], z[L], a[L])\n";
  } else {
    p += "  delta = (a[L]-y) * slope(f[L], z[L], a[L])\n";
  }
  p += "  dW, db = [None] * (L + 1), [None] * (L + 1)\n";
  p += "  for l in range(L, 0, -1):  # backward\n";
  p += "    dW[l] = a[l-1].T.dot(delta)\n";
  p += "    if regularization == 'L1': dW[l] = dW[l] + rate*np.sign(W[l])\n";
  p += "    if regularization == 'L2': dW[l] = dW[l] + rate*W[l]\n";
  if (start.has_biases()) p += "    db[l] = delta.sum(axis=0, keepdims=True)\n";
  p += "    if l > 1: delta = delta.dot(W[l].T) * slope(f[l-1], z[l-1], a[l-1])\n";
  p += "  for l in range(1, L + 1):  # gradient descent\n";
  p += "    W[l] = W[l] - learningRate*dW[l]\n";
  if (start.has_biases()) p += "    b[l] = b[l] - learningRate*db[l]\n";
  p += "\n# the final weights on all of the data\n";
  p += "a = X\nfor l in range(1, L + 1):\n";
  p += start.has_biases() ? "  a = activate(f[l], a.dot(W[l]) + b[l])\n"
                          : "  a = activate(f[l], a.dot(W[l]))\n";
  p += "print('Outputs after training:')\nprint(a)\nprint('Loss:', cost(a, Y))\n";
  p += "if \"--json\" in sys.argv[1:]:\n";
  p += "  out = {\"outputs\": a[:, 0].tolist() if a.shape[1] == 1 else a.tolist(),\n";
  p += "         \"loss\": cost(a, Y), \"weights\": [w.tolist() for w in W[1:]]}\n";
  if (start.has_biases()) p += "  out[\"biases\"] = [v[0].tolist() for v in b[1:]]\n";
  p += "  print(json.dumps(out))\n";
  return p;
}

}  // namespace bp::exercise
