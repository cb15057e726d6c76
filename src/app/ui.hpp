// Small drawing helpers shared by the panels: colours, headings, numbers in cells.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include <imgui.h>

namespace bp::app {
struct AppState;
}

namespace bp::app::ui {

// Colours of the page (dark theme).
inline const ImVec4 kMuted{0.62f, 0.66f, 0.72f, 1.0f};
inline const ImVec4 kError{1.0f, 0.45f, 0.40f, 1.0f};
inline const ImVec4 kHeading{0.55f, 0.80f, 1.0f, 1.0f};
inline const ImVec4 kBarBack{0.22f, 0.24f, 0.28f, 1.0f};
inline const ImVec4 kBarFill{0.30f, 0.60f, 0.95f, 1.0f};
inline const ImVec4 kTargetMark{1.0f, 0.80f, 0.25f, 1.0f};

// A section title.
void heading(const char* text);
// Text wrapped to the window at spaces only, never inside a word or a number (ImGui's own
// wrapping also breaks after '.' and ',', splitting "0.8962" into "0." and "8962").
// printf-style.
void wrapped(const char* format, ...) IM_FMTARGS(1);
void wrapped_text(std::string_view text);
// Explanatory text in a quieter colour, wrapped to the window.
void muted_wrapped(const char* text);
// An error or warning, wrapped.
void error_wrapped(const char* text);

// What the page shows, as text. begin_capture() ... end_capture(name) records the text that the
// widgets in between render (ImGui's log), under a name: state().text[name], for tests and the
// page's text layer. Captures nest: an inner one's text is left out of the outer one's.
void begin_capture();
void end_capture(const char* name);
// Text drawn straight into a draw list (labels in the diagram), said to the log as well so
// that a capture around it holds it.
void draw_text(ImDrawList* dl, ImVec2 at, ImU32 colour, const char* text);
// Tooltips: every tooltip of the page goes through these, so that what it says is captured as
// "tooltip" (state().tooltip). begin/end wrap a tooltip drawn with any widgets; tooltip() is
// ImGui's SetTooltip.
void begin_tooltip();
void end_tooltip();
void tooltip(const char* format, ...) IM_FMTARGS(1);
// What was captured this frame, by name; cleared by new_frame().
const std::map<std::string, std::string>& captured();
void new_frame();

// Records where the last ImGui item was drawn under a name (AppState::rects), for scripts and
// tests (App::widget_rect).
void track(AppState& s, std::string_view name);

// A number typed into a field of the canvas, read with the one number syntax of links, files
// and scripts (bp::read_number: JSON's grammar; '1e-400' is named as underflow, not taken as 0),
// not with ImGui's own parsing. Shows value (6 significant digits) while not being edited. When the
// field takes a value (Enter with ImGuiInputTextFlags_EnterReturnsTrue, an edit without it,
// or leaving the field after an edit), value is set and changed is true; a text that is not a
// number when Enter is pressed or the field is left gives refused, naming it, and value stays.
struct NumberEdit {
  bool changed = false;
  bool entered = false;  // Enter was pressed (with EnterReturnsTrue)
  std::string refused;
};
NumberEdit input_number(const char* label, double& value, ImGuiInputTextFlags flags = 0);
// The same for a whole number from 0 to max, read with bp::read_whole (digits only).
NumberEdit input_whole(const char* label, std::uint64_t& value, std::uint64_t max,
                       ImGuiInputTextFlags flags = 0);

// A number for a table or a label: fixed decimals while it fits, else scientific notation;
// NaN and infinities spelled out.
struct Formatted {
  char text[32];
};
Formatted format_number(double v, int decimals);

// ImGui's small button (no frame padding), except on a touch screen (AppState::touch_ui),
// where it is a full button: a finger's target (kTouchTargetCss).
bool small_button(const AppState& s, const char* label);

// A number right-aligned in the current table cell.
void number_cell(double v, int decimals = 4);

// The width of a checkbox or radio button with this label: its square, a gap, the label.
float checkbox_width(const char* label);
// Continues the current line if an item next_width wide still fits after spacing;
// otherwise the next item starts a new line (for narrow windows).
void same_line_if_fits(float next_width, float spacing);

// A bar from 0 to 1 filled up to a, with a mark at the target y.
void output_bar(double a, double y, float width);

}  // namespace bp::app::ui
