// Matrix types shared by the core. One row per example, as in the chapter:
// a batch of inputs is [examples x features], a weight matrix is [inputs x outputs].
#pragma once

// GCC 12's own AVX-512 headers make -Wuninitialized and -Wmaybe-uninitialized fire inside
// them once inlined (_mm512_undefined_pd's `__Y = __Y`, GCC bug 105593, fixed in GCC 13),
// which -Werror turns into a failed build with BP_NATIVE_ARCH=native on an AVX-512 machine.
// The warnings are silenced for these headers only: the pragma covers the lines they are
// read from (Eigen includes them).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <Eigen/Core>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

namespace bp {

using Matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic>;
using RowVector = Eigen::Matrix<double, 1, Eigen::Dynamic>;

}  // namespace bp
