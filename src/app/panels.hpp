// The page's panels, one function each, drawn into the current ImGui window by App::frame().
// Each lives in src/app/panels/<name>.cpp, reads the shared AppState and acts through it.
#pragma once

#include "state.hpp"

namespace bp::app {

void draw_controls(AppState& s);    // Train/Pause, Step, Reset, speed, learning rate
void draw_status(AppState& s);      // iteration, loss, what is going on, divergence
void draw_data_table(AppState& s);  // inputs, targets, outputs, errors
void draw_loss_plot(AppState& s);   // the loss per iteration
void draw_weights(AppState& s);     // W1, W2 ... as numbers with their shapes

}  // namespace bp::app
