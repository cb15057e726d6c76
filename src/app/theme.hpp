// The page's colours, one palette per theme, as plain numbers (no ImGui here, so that a native
// test can check every pair of text and background for contrast). The ImGui style and every
// panel take their colours from the palette in use (ui::palette()); a theme is chosen by the
// `theme` setting (bp::Theme: dark, light, or the system's preference).
#pragma once

#include "config/config.hpp"

namespace bp::app {

// A colour in sRGB, each channel 0 to 1; a is opacity.
struct Rgba {
  float r = 0, g = 0, b = 0, a = 1;
};

struct Palette {
  // Surfaces (opaque): the windows, fields and plots, popups and tooltips, and the widgets'
  // backgrounds at rest, under the mouse and pressed. Text of every role below is drawn on them.
  Rgba window, frame, frame_hover, frame_active, popup;
  Rgba button, button_hover, button_active;
  Rgba header, header_hover, header_active;  // selectables, collapsing headers, table rows
  Rgba tab, tab_hover, tab_active;
  Rgba title, title_active, border, scrollbar, grab, grab_active, check;
  // Text: ordinary, quieter explanations, headings and live values, errors, agreement,
  // warnings, what the walkthrough's last phase computed, what it has not computed yet.
  Rgba text, text_disabled, muted, heading, error, good, warning, just, pending;
  // The loss plot (on frame): the training and test curves (also their legends' text), the
  // grid, the axes and the point the mouse reads.
  Rgba curve, test_curve, grid, axis, hover;
  // Output bars (target mark) and the diagram: its background, the labels' boxes, links by
  // sign of weight (or unknown), the lit and selected links, saturated units, node fills from
  // a = low to a = high (and below 0), node rims and the ring around the selected node.
  Rgba bar_back, bar_fill, target;
  Rgba diagram_back, label_back, positive, negative, unknown, lit, selected, saturated;
  Rgba node_low, node_high, node_negative, node_edge, ring;
  // Heatmaps and the matrices' cells: the neutral colour between the two signs; the
  // walkthrough's finished and pending phase boxes (text on them is `text`).
  Rgba heat_neutral, cell_neutral, phase_done, phase_pending;
  // Colours named in the page's explanations.
  struct Words {
    const char* node_high;  // how a node with a larger activation looks
    const char* neutral;    // cell_neutral
  } words;
};

// The theme to draw with: the setting's, with System resolved by what the browser reports
// (system_dark: prefers-color-scheme is dark).
Theme resolve(Theme setting, bool system_dark);
// The palette of Dark or Light (System: Dark's; resolve it first).
const Palette& palette_of(Theme theme);

// WCAG 2.x: the relative luminance of an opaque colour, and the contrast ratio of two (1 to 21).
double luminance(Rgba c);
double contrast_ratio(Rgba a, Rgba b);
// a drawn over b (a's opacity), as an opaque colour.
Rgba over(Rgba a, Rgba b);

}  // namespace bp::app
