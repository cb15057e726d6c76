// A fully connected feed-forward network: layer sizes, one activation per layer,
// weight matrices and optional biases. The chapter's 3-4-1 sigmoid network without
// biases is the default.
//
// Layers are numbered as in the chapter: layer 0 is the input, layer L the output.
// W(l) connects layer l-1 to layer l and has shape [size(l-1) x size(l)], so that
// z_l = a_{l-1} W(l) + b(l) with one example per row.
#pragma once

#include <cstdint>
#include <vector>

#include "activation.hpp"
#include "result.hpp"
#include "rng.hpp"
#include "types.hpp"

namespace bp {

// How initial weights are drawn.
enum class Init {
  Uniform01,  // uniform in [0, 1), as in the chapter (numpy's random.random)
  Scaled,     // uniform in [-r, r), r = sqrt(6 / (fan_in + fan_out)) (Glorot), for deeper nets
};

struct NetworkSpec {
  // Units per layer, input first: {3, 4, 1} is the chapter's network.
  std::vector<int> sizes{3, 4, 1};
  // One per weight layer (sizes.size() - 1 of them): the activation of layers 1..L.
  std::vector<Activation> activations{Activation::Sigmoid, Activation::Sigmoid};
  // The chapter has no biases (its third input column is the constant 1).
  bool biases = false;
};

// One weight: W(layer)(row, col), layer in 1..L, row and col from 0.
struct WeightRef {
  int layer = 1;
  int row = 0;
  int col = 0;
  bool operator==(const WeightRef& o) const {
    return layer == o.layer && row == o.row && col == o.col;
  }
};

// Largest layer the core accepts; keeps a typo from allocating gigabytes.
inline constexpr int kMaxLayerSize = 4096;
inline constexpr int kMaxLayers = 64;

// Checks sizes and activations; the message names the first problem found.
Status validate(const NetworkSpec& spec);

class Network {
 public:
  // A network of the given shape with all weights and biases zero.
  static Result<Network> create(const NetworkSpec& spec);
  // A network with weights drawn by init from rng (biases start at zero).
  static Result<Network> random(const NetworkSpec& spec, Rng& rng, Init init = Init::Uniform01);

  const NetworkSpec& spec() const { return spec_; }
  int layers() const { return static_cast<int>(weights_.size()); }  // L, weight layers
  int size(int l) const { return spec_.sizes[static_cast<std::size_t>(l)]; }
  int inputs() const { return spec_.sizes.front(); }
  int outputs() const { return spec_.sizes.back(); }
  Activation activation(int l) const { return spec_.activations[index(l)]; }
  bool has_biases() const { return spec_.biases; }

  // l in 1..L. Mutable access keeps the shape fixed: assign through a block or
  // coefficient, or use set_weight() which checks the shape.
  const Matrix& W(int l) const { return weights_[index(l)]; }
  Matrix& W(int l) { return weights_[index(l)]; }
  const RowVector& b(int l) const { return biases_[index(l)]; }
  RowVector& b(int l) { return biases_[index(l)]; }

  // Replaces W(l) if the shape matches and every value is finite.
  Status set_weight(int l, const Matrix& w);
  // Replaces b(l) if the network has biases, the length matches and every value is finite.
  Status set_bias(int l, const RowVector& b);
  // Draws every weight again from rng; biases are set to zero.
  void randomize(Rng& rng, Init init = Init::Uniform01);

  // Whether the weight exists; the message names it as W(l)[row][col], counted from 0 as the
  // page and its scripts count. The one check every caller uses.
  Status check(WeightRef w) const;

  // True if every weight and bias is a finite number.
  bool all_finite() const;

  // Forward pass for any number of examples: x is [examples x inputs()].
  // Returns a_L, [examples x outputs()], or an error if x has the wrong width or
  // non-finite values. Allocates; the trainer has its own allocation-free pass.
  Result<Matrix> predict(const Matrix& x) const;

 private:
  explicit Network(NetworkSpec spec);
  std::size_t index(int l) const { return static_cast<std::size_t>(l - 1); }

  NetworkSpec spec_;
  std::vector<Matrix> weights_;    // weights_[l-1] is W(l)
  std::vector<RowVector> biases_;  // biases_[l-1] is b(l); zero-length when no biases
};

}  // namespace bp
