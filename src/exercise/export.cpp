// The chapter's program, written out as Python with numpy.
#include "export.hpp"

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

}  // namespace bp::exercise
