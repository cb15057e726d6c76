// Network shapes, validation messages, initialization and the plain forward pass.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "common.hpp"
#include "core/network.hpp"
#include "reference.hpp"

using bp::Activation;

using bp_test::contains;

namespace {

bp::NetworkSpec spec(std::vector<int> sizes, std::vector<Activation> acts, bool biases = false) {
  bp::NetworkSpec s;
  s.sizes = std::move(sizes);
  s.activations = std::move(acts);
  s.biases = biases;
  return s;
}

}  // namespace

TEST_CASE("the default network is the chapter's 3-4-1 sigmoid network without biases") {
  bp::Network net = bp::Network::create(bp::NetworkSpec{}).value();
  CHECK(net.layers() == 2);
  CHECK(net.W(1).rows() == 3);
  CHECK(net.W(1).cols() == 4);
  CHECK(net.W(2).rows() == 4);
  CHECK(net.W(2).cols() == 1);
  CHECK(net.activation(1) == Activation::Sigmoid);
  CHECK(net.activation(2) == Activation::Sigmoid);
  CHECK_FALSE(net.has_biases());
  CHECK(net.b(1).size() == 0);
}

TEST_CASE("bad network shapes give a message naming the problem") {
  SUBCASE("zero-sized layer") {
    auto r = bp::Network::create(spec({3, 0, 1}, {Activation::Sigmoid, Activation::Sigmoid}));
    REQUIRE_FALSE(r.ok());
    CHECK(contains(r.error(), "layer 1 has size 0"));
  }
  SUBCASE("negative layer") {
    auto r = bp::Network::create(spec({3, -4, 1}, {Activation::Sigmoid, Activation::Sigmoid}));
    REQUIRE_FALSE(r.ok());
    CHECK(contains(r.error(), "layer 1 has size -4"));
  }
  SUBCASE("huge layer") {
    auto r = bp::Network::create(spec({3, 1 << 30, 1}, {Activation::Sigmoid, Activation::Sigmoid}));
    REQUIRE_FALSE(r.ok());
    CHECK(contains(r.error(), "expected 1 to 4096"));
  }
  SUBCASE("only one size") {
    auto r = bp::Network::create(spec({3}, {}));
    REQUIRE_FALSE(r.ok());
    CHECK(contains(r.error(), "at least 2 layer sizes"));
  }
  SUBCASE("activation count mismatch") {
    auto r = bp::Network::create(spec({3, 4, 1}, {Activation::Sigmoid}));
    REQUIRE_FALSE(r.ok());
    CHECK(contains(r.error(), "needs 2 activations, got 1"));
  }
  SUBCASE("activation out of the enum's range") {
    auto r = bp::Network::create(spec({3, 1}, {static_cast<Activation>(42)}));
    REQUIRE_FALSE(r.ok());
    CHECK(contains(r.error(), "activation of layer 1"));
  }
}

TEST_CASE("set_weight and set_bias check shape and values and keep the old value on error") {
  bp::Rng rng(5);
  bp::Network net = bp::Network::random(bp::NetworkSpec{}, rng).value();
  const bp::Matrix before = net.W(1);
  bp::Status s = net.set_weight(1, bp::Matrix::Zero(4, 3));
  CHECK_FALSE(s.ok());
  CHECK(contains(s.error(), "W1 must be 3x4, got 4x3"));
  bp::Matrix bad = bp::Matrix::Zero(3, 4);
  bad(1, 2) = std::numeric_limits<double>::quiet_NaN();
  CHECK(contains(net.set_weight(1, bad).error(), "NaN"));
  CHECK(contains(net.set_weight(3, bp::Matrix::Zero(4, 1)).error(), "W3 does not exist"));
  CHECK(net.W(1) == before);
  CHECK(contains(net.set_bias(1, bp::RowVector::Zero(4)).error(), "no biases"));
  CHECK(net.set_weight(2, bp::Matrix::Constant(4, 1, 0.5)).ok());
  CHECK(net.W(2)(3, 0) == 0.5);
}

TEST_CASE("initial weights are uniform in 0..1 as in the chapter or scaled for deeper nets") {
  bp::Rng rng(9);
  bp::NetworkSpec wide = spec({20, 30, 10}, {Activation::Tanh, Activation::Linear}, true);
  bp::Network a = bp::Network::random(wide, rng, bp::Init::Uniform01).value();
  CHECK(a.W(1).minCoeff() >= 0.0);
  CHECK(a.W(1).maxCoeff() < 1.0);
  CHECK(a.W(1).mean() == doctest::Approx(0.5).epsilon(0.1));
  CHECK(a.b(1).isZero());
  bp::Network s = bp::Network::random(wide, rng, bp::Init::Scaled).value();
  const double r1 = std::sqrt(6.0 / 50.0);
  CHECK(s.W(1).minCoeff() >= -r1);
  CHECK(s.W(1).maxCoeff() < r1);
  CHECK(s.W(1).minCoeff() < -0.8 * r1);  // really spread over [-r, r)
  // The same seed gives the same weights.
  bp::Rng r(9), q(9);
  CHECK(bp::Network::random(wide, r).value().W(2) == bp::Network::random(wide, q).value().W(2));
}

TEST_CASE("predict agrees with the plain-loop reference and rejects bad input") {
  bp::Rng rng(21);
  for (Activation f : bp::kAllActivations) {
    bp::Network net =
        bp::Network::random(spec({3, 5, 2}, {f, Activation::Sigmoid}, true), rng, bp::Init::Scaled)
            .value();
    net.b(1).setRandom();
    bp::Matrix x = bp::Matrix::Random(6, 3);
    CHECK(ref::max_abs_diff(ref::forward(ref::from_core(net), ref::to_mat(x)),
                            net.predict(x).value()) < 1e-14);
  }
  bp::Network net = bp::Network::create(bp::NetworkSpec{}).value();
  CHECK(contains(net.predict(bp::Matrix::Zero(2, 2)).error(), "2 columns, the network expects 3"));
  bp::Matrix nan = bp::Matrix::Zero(1, 3);
  nan(0, 0) = std::numeric_limits<double>::infinity();
  CHECK(contains(net.predict(nan).error(), "NaN or infinite"));
}

TEST_CASE("activation names round-trip") {
  for (Activation f : bp::kAllActivations) CHECK(bp::parse_activation(bp::name(f)) == f);
  CHECK_FALSE(bp::parse_activation("softmax").has_value());
}

TEST_CASE("the sigmoid is within 2 ulp of 1 / (1 + e^-z) in long double, and keeps NaN") {
  // 0.37 apart from -705 to 40: every region of the one-division formula (the sigmoid is
  // e^z there for z < -37, a normal number down to about -708).
  std::vector<double> zs;
  for (double z = -705.0; z <= 40.0; z += 0.37) zs.push_back(z);
  for (double z : {0.0, -0.0, 1e-300, -1e-300, 0.5, -0.5, 36.7, -36.7}) zs.push_back(z);
  bp::Matrix z = Eigen::Map<bp::Matrix>(zs.data(), static_cast<Eigen::Index>(zs.size()), 1);
  bp::Matrix a;
  bp::activation_forward(Activation::Sigmoid, z, a);
  double worst = 0.0;
  for (Eigen::Index i = 0; i < z.rows(); ++i) {
    const long double exact = 1.0L / (1.0L + std::exp(-static_cast<long double>(z(i))));
    const double ulps = static_cast<double>(
        std::fabs(static_cast<long double>(a(i)) - exact) /
        (static_cast<long double>(std::numeric_limits<double>::epsilon()) * exact));
    worst = std::max(worst, ulps);
  }
  INFO("worst error " << worst << " ulp");
  CHECK(worst <= 2.0);  // measured 1.3
  CHECK(bp::activate(Activation::Sigmoid, 0.0) == 0.5);

  bp::Matrix edge(1, 6);
  const double inf = std::numeric_limits<double>::infinity();
  edge << std::nan(""), inf, -inf, 800.0, -800.0, 0.0;
  bp::activation_forward(Activation::Sigmoid, edge, a);
  CHECK(std::isnan(a(0)));
  CHECK(a(1) == 1.0);
  CHECK(a(2) >= 0.0);
  CHECK(a(2) < 1e-307);
  CHECK(a(3) == 1.0);
  CHECK(a(4) < 1e-307);
  CHECK(a(5) == 0.5);
}
