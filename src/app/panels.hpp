// The page's panels, one function each, drawn into the current ImGui window by App::frame().
// Each lives in src/app/panels/<name>.cpp, reads the shared AppState and acts through it.
#pragma once

#include <string>

#include "state.hpp"

namespace bp::app {

// Top of the page.
void draw_intro(AppState& s);      // what this is and what to press, for a first visit
void draw_controls(AppState& s);   // Train/Pause, Step, Reset, Restart, seed, speed, learning rate
void draw_text_size(AppState& s);  // A- / A+: the text size, at the status line's right end
void draw_status(AppState& s);     // iteration, loss, divergence and saturation messages
void draw_walkthrough(AppState& s);  // walkthrough mode: the phase just run, in words

// Left column.
void draw_setup(AppState& s);       // data set, features, layers, loss, batch, regularization, stop
void draw_share(AppState& s);       // Copy link, save JSON/CSV/PNG, open a file
void draw_diagram(AppState& s);     // the network: nodes, links coloured by weight or gradient
void draw_data_table(AppState& s);  // inputs, targets, outputs, errors; editable rows
void draw_data_plot(AppState& s);   // 2-D data: heatmap of the output, points, train/test metrics
void draw_loss_plot(AppState& s);   // the loss per iteration, log scale option, hover
void draw_try_input(AppState& s);   // any input through the current network

// Right column, one tab each.
void draw_equations(AppState& s);       // (A) and (B) with the selected weight's numbers
void draw_matrices(AppState& s);        // a0, W1, z1, a1, W2, z2, a2, dC/dW as coloured grids
void draw_gradient_check(AppState& s);  // backprop against finite differences
void draw_shape_mistake(AppState& s);   // the chapter's t2 = W2 * k2, and why it is wrong
void draw_exercise(AppState& s);        // the chapter's loop with blanks the student fills in

// Over everything.
void measure_speed(AppState& s, float dt);  // updates the figures below, once per frame
void draw_perf_overlay(AppState& s);        // frame time and iterations per second, foldable
// "" or, while a numeric speed asks for more than the frame budget allows, what runs instead.
std::string speed_message(const AppState& s);

}  // namespace bp::app
