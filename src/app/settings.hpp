// The page's training speed limits. Every other setting is the core's Config
// (core/config.hpp); the page reads its link with bp::parse_page_query (core/page_config.hpp).
#pragma once

#include "config/config.hpp"

namespace bp::app {

// Training speed in iterations per second of wall time, and the part of each frame that
// the fastest setting ("max") may spend training.
inline constexpr double kDefaultSpeed = 200.0;  // the chapter's network learns in ~4 s
inline constexpr double kMinSpeed = kMinConfigSpeed;
inline constexpr double kMaxSpeed = kMaxConfigSpeed;
inline constexpr double kFrameBudgetMs = 8.0;

}  // namespace bp::app
