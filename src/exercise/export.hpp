// "Copy as numpy": the chapter's program as a complete Python 3 file (numpy alone), with the
// blanks filled in, this run's data, initial weights, learning rate and iteration count.
// It prints what the chapter prints; run with --json, its last line is one JSON object
// {"outputs": [...], "loss": ..., "weights": [W1, W2]} of the final weights (outputs and loss
// as the trainer reports them: a2 of the final weights on the data and 1/2 sum (y - a2)^2).
#pragma once

#include <string>

#include "core/dataset.hpp"
#include "core/network.hpp"
#include "core/result.hpp"
#include "core/trainer.hpp"
#include "exercise.hpp"

namespace bp::exercise {

// blanks: the student's expressions; a blank that does not read is replaced by its correct
// form, with a comment saying so. Only the exercise's networks (applicable()).
Result<std::string> numpy_program(const Network& start, const Dataset& data, double learning_rate,
                                  int iterations, const Texts& blanks = answers());

// The general loop for any network the trainer runs (2-D data, deeper networks): layers,
// activations, biases, the loss, regularization, batches of size B visited in the trainer's
// own shuffled order (its random number generator written out in Python), and the data (the
// trainer's inputs, after any input features). --json ends with {"outputs", "loss",
// "weights", "biases" (if any)} of the final weights on all of the data, as
// Trainer::outputs() and full_loss() give them.
Result<std::string> numpy_general_program(const Network& start, const Dataset& data,
                                          const TrainerOptions& options, long iterations);

// A number as Python reads it back exactly (17 significant digits; inf and nan spelled out).
std::string py_number(double v);
// A matrix as a numpy array literal, rows first.
std::string py_array(const Matrix& m);

}  // namespace bp::exercise
