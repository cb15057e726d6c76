// Drawing helpers of the right-hand column's tabs: coloured numeric grids (defined in
// matrices.cpp), equations with sub- and superscripts (equations.cpp), and which parts of an
// iteration the walkthrough has computed so far.
#pragma once

#include <imgui.h>

#include "../state.hpp"

namespace bp::app::explain {

// --- the walkthrough's progress (equations.cpp) ---------------------------------------------
// True while the walkthrough is in the middle of an iteration (some phases done, not all).
bool mid_iteration(const AppState& s);
// True if what phase (kind, layer) computes is already there in s.shown(): always outside the
// middle of a walkthrough iteration. Weights are always there.
bool computed(const AppState& s, PhaseKind kind, int layer);
// True if the phase the walkthrough ran last is (kind, layer) (what to highlight).
bool just_computed(const AppState& s, PhaseKind kind, int layer);

// Records the visible rect of the window the tab is drawn in as "Explain column" (tests scroll
// a widget into it before clicking).
void track_column(AppState& s);

// --- equations with sub- and superscripts (equations.cpp) -----------------------------------
// Markup: _x or _{xy} subscript, ^x or ^{xy} superscript, (.) the elementwise product (a
// circled dot), \S a capital sigma (sum), \d a small delta. Drawn as one ImGui item.
float math_width(const char* markup);
void math(const char* markup, const ImVec4& colour);
void math(const char* markup);  // in the text colour

// --- coloured numeric grids (matrices.cpp) --------------------------------------------------
enum class Shade {
  Signed,  // diverging around 0: blue negative, orange positive, scaled to the largest |v|
  Unit,    // sequential for activations in [0, 1]: dark at 0, green at 1
};
struct GridOptions {
  Shade shade = Shade::Signed;
  int decimals = 3;
  const char* cell_prefix = nullptr;         // "W1": cells clickable and tracked as "cell W1[i][j]"
  int selected_row = -1, selected_col = -1;  // outlined cell
  bool pending = false;    // not computed yet in this walkthrough iteration: shown as '?'
  bool highlight = false;  // computed by the phase just run: yellow frame
};
struct Cell {
  int row = -1, col = -1;  // the cell clicked this frame, or -1
};
float grid_width(const Matrix& m, const GridOptions& o);
Cell grid(AppState& s, const char* id, const Matrix& m, const GridOptions& o);
// A titled grid: the title (math markup) and shape above it, as one group. If not first, it
// continues the current line when it fits.
float block_width(const char* title, const Matrix& m, const GridOptions& o);
// Continues the current line if an item width wide fits, with room between blocks.
void flow(float width);
Cell block(AppState& s, const char* title, const Matrix& m, const GridOptions& o, bool first);
// The cell background for a value (range: the largest |value| of its matrix for Signed).
ImU32 cell_colour(double v, Shade shade, double range);

}  // namespace bp::app::explain
