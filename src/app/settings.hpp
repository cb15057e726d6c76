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
// One rule bounds the training of every frame and of every step(n) call: at most
// kFrameBudgetMs of wall time (at least one iteration when any is owed, so training always
// moves). A numeric speed that asks for more than fits runs like "max" and the page says so.
inline constexpr double kFrameBudgetMs = 8.0;
// The budget adapts to the frame: the app's main-thread work of a frame (training, the
// pictures, the UI) should stay within kFrameAppTargetMs, so that a 60 fps frame (16.7 ms)
// keeps room for the browser's own drawing. Training gets what the last frame's other work
// left of it, at most kFrameBudgetMs and at least kMinTrainMs (training always moves).
inline constexpr double kFrameAppTargetMs = 11.0;
inline constexpr double kMinTrainMs = 1.0;
// While training, the outputs, loss, metrics and pictures (AppState::evaluate: a forward and
// backward pass of every example, the test set and the heatmaps) are worked out every frame
// when that takes at most kEvaluateMsPerFrame; a costlier one (8 layers of 16 on 1800
// examples) every ceil(its time / kEvaluateMsPerFrame) frames, at most
// kMaxFramesBetweenEvaluations, so that training keeps most of the frame. Paused, stepped or
// edited: at once.
inline constexpr double kEvaluateMsPerFrame = 2.0;
inline constexpr int kMaxFramesBetweenEvaluations = 10;
// step(n) always runs at least this much work at once, counted as examples x parameters
// (one multiply-add each, forward): 15625 iterations of the chapter's 3-4-1 network, about
// 490 of the heaviest network (8 layers of 16, 7 features) at batch 1. On the machine of
// README's Speed table that is 5 to 15 ms of WebAssembly. Only what is left after both runs
// over the next frames. Being a count, not a time, this part of the rule does not depend on
// how busy the machine is, so a script's small steps always run at once.
inline constexpr double kStepFloorWork = 1e6;

// The text size a student picks (the A- / A+ control, a pinch, backprop.setTextSize), times
// the page's normal size: from 75 % to 250 %, in steps of 25 % for the buttons; a pinch moves
// it in steps of 5 %. Text and widgets are drawn again at that size, never magnified.
inline constexpr double kMinTextSize = 0.75;
inline constexpr double kMaxTextSize = 2.5;
inline constexpr double kTextSizeStep = 0.25;
// On a touch screen every control is at least this tall and wide (CSS pixels; WCAG 2.5.5).
inline constexpr float kTouchTargetCss = 44.0f;

}  // namespace bp::app
