// Small drawing helpers shared by the panels: colours, headings, numbers in cells.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <imgui.h>

#include "theme.hpp"

namespace bp::app {
struct AppState;
}

namespace bp::app::ui {

// The page's colours: the palette of the theme in use (theme.hpp), set by App when the theme
// changes, and its colours as ImGui takes them.
const Palette& palette();
void use_palette(const Palette& p);
ImVec4 colour(Rgba c);
ImU32 colour32(Rgba c, float alpha = 1.0f);  // alpha multiplies c's own opacity
// ImGui's style colours from a palette.
void style_colours(ImGuiStyle& style, const Palette& p);

// A filled, anti-aliased disc drawn as one textured quad (4 vertices), where ImGui's
// AddCircleFilled takes about 2 per segment and a ring about 4: the data plot draws up to 2000
// points, and WebGL's upload of their vertices was most of a frame (docs/performance.md). The
// disc is a sprite in the font atlas: add_disc_sprite() before the atlas is built,
// draw_disc_sprite() after, once its pixels exist; disc() draws with it (or with
// AddCircleFilled while there is none).
void add_disc_sprite(ImFontAtlas& atlas, float radius_px);
void draw_disc_sprite(ImFontAtlas& atlas);
void disc(ImDrawList* dl, ImVec2 centre, float radius, ImU32 colour);

// A section title.
void heading(const char* text);
// A collapsible section's header, open as the config says (AppState::section_open: one of
// bp::kSections, which a link can open); a click opens or closes it there. Whether it is open.
bool section(AppState& s, std::string_view name, const char* label);
// A collapsing section's header: on a wide page lower than a button (so that on a laptop's
// screen the diagram and the loss curve fit below the closed sections), else ImGui's own.
bool section_header(const char* label, float scale);
// Text wrapped to the window at spaces only, never inside a word or a number (ImGui's own
// wrapping also breaks after '.' and ',', splitting "0.8962" into "0." and "8962").
// printf-style.
void wrapped(const char* format, ...) IM_FMTARGS(1);
void wrapped_text(std::string_view text);
// Explanatory text in a quieter colour, wrapped to the window; muted is printf-style.
void muted_wrapped(const char* text);
void muted(const char* format, ...) IM_FMTARGS(1);
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
// A tooltip never covers what a student watches (keep_clear): it opens below the mouse as
// usual, or above it, or below the watched lines, whichever covers none of them.
void begin_tooltip();
void end_tooltip();
void tooltip(const char* format, ...) IM_FMTARGS(1);
// The tooltip of the last item (a button of the control bar): shown while it is hovered, but
// not again after a click on it until the mouse has left it, so that it does not hide what
// the click changed.
void item_tooltip(const char* text);
// Marks the last item as a line of numbers a student watches (the status line, the
// walkthrough's headline): no tooltip is placed over it (from the next frame on).
void keep_clear();
// Where this frame's tooltip was drawn (x, y, w, h), if one was (App::frame records it as
// "Tooltip").
std::optional<ImVec4> tooltip_rect();
// What was captured this frame, by name; cleared by new_frame().
const std::map<std::string, std::string>& captured();
void new_frame();

// Records where the last ImGui item was drawn under a name (AppState::rects), for scripts and
// tests (App::widget_rect).
void track(AppState& s, std::string_view name);
// The same for any rectangle drawn in the current window (the diagram's nodes and links).
void track_rect(AppState& s, std::string_view name, ImVec2 min, ImVec2 max);

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
// NaN and infinities spelled out; a value that rounds to zero has no minus sign ("0.0000").
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
