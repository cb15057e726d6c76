// Small drawing helpers shared by the panels.
#include "ui.hpp"

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <string>
#include <vector>

#include <imgui_internal.h>  // the log buffer (GImGui->LogBuffer)
#include <imgui_stdlib.h>    // InputText on std::string

#include "config/text.hpp"

#include "shown.hpp"
#include "state.hpp"

namespace bp::app::ui {

namespace {
std::map<std::string, std::string> g_captured;  // this frame's captures, by name
std::vector<int> g_capture_starts;              // where each open capture began in the log
}  // namespace

void track_rect(AppState& s, std::string_view name, ImVec2 a, ImVec2 b) {
  const ImRect& clip = GImGui->CurrentWindow->InnerClipRect;  // what the window shows
  s.rects.push_back(
      WidgetRect{std::string(name), a.x, a.y, b.x - a.x, b.y - a.y, clip.Min.y, clip.Max.y});
}

void track(AppState& s, std::string_view name) {
  track_rect(s, name, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
}

void begin_capture() {
  ImGuiContext& g = *GImGui;
  if (g_capture_starts.empty() && !g.LogEnabled) ImGui::LogToBuffer();
  g_capture_starts.push_back(g.LogBuffer.size());
}

void end_capture(const char* name) {
  if (g_capture_starts.empty()) return;
  ImGuiTextBuffer& log = GImGui->LogBuffer;
  const int start = g_capture_starts.back();
  g_capture_starts.pop_back();
  std::string text(log.begin() + start, static_cast<std::size_t>(log.size() - start));
  const auto first = text.find_first_not_of(" \n");
  const auto last = text.find_last_not_of(" \n");
  g_captured[name] =
      first == std::string::npos ? std::string{} : text.substr(first, last - first + 1);
  if (g_capture_starts.empty()) {
    ImGui::LogFinish();
  } else {  // leave this text out of the enclosing capture
    log.Buf.resize(start + 1);
    log.Buf[start] = '\0';
  }
}

namespace {
struct DiscSprite {
  int rect = -1;       // the atlas's custom rectangle (-1: none)
  float radius = 0;    // the disc's radius in texels; the rectangle has 2 texels of margin
  ImVec2 uv0, uv1;     // the rectangle less 1 texel on each side (set once drawn)
  bool drawn = false;  // its pixels are in the atlas
};
DiscSprite g_disc;
}  // namespace

void add_disc_sprite(ImFontAtlas& atlas, float radius_px) {
  g_disc = DiscSprite{};
  g_disc.radius = std::clamp(std::round(radius_px), 4.0f, 64.0f);
  const int side = static_cast<int>(2 * g_disc.radius) + 4;
  g_disc.rect = atlas.AddCustomRectRegular(side, side);
}

void draw_disc_sprite(ImFontAtlas& atlas) {
  if (g_disc.rect < 0) return;
  const ImFontAtlasCustomRect* r = atlas.GetCustomRectByIndex(g_disc.rect);
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  atlas.GetTexDataAsRGBA32(&pixels, &width, &height);  // the buffer the renderer uploads
  if (pixels == nullptr || !r->IsPacked()) return;
  // White, with the fraction of each texel inside the circle as its alpha (4x4 samples).
  const float c = g_disc.radius + 2, r2 = g_disc.radius * g_disc.radius;
  for (int y = 0; y < r->Height; ++y)
    for (int x = 0; x < r->Width; ++x) {
      int inside = 0;
      for (int sy = 0; sy < 4; ++sy)
        for (int sx = 0; sx < 4; ++sx) {
          const float dx = static_cast<float>(x) + (static_cast<float>(sx) + 0.5f) / 4 - c;
          const float dy = static_cast<float>(y) + (static_cast<float>(sy) + 0.5f) / 4 - c;
          inside += dx * dx + dy * dy <= r2 ? 1 : 0;
        }
      unsigned char* p = pixels + 4 * ((r->Y + y) * width + r->X + x);
      p[0] = p[1] = p[2] = 255;
      p[3] = static_cast<unsigned char>((inside * 255 + 8) / 16);
    }
  // The quad samples 1 texel in from the rectangle's edge, so that filtering never reaches the
  // glyphs beside it in the atlas (they showed as specks at the quad's corners).
  atlas.CalcCustomRectUV(r, &g_disc.uv0, &g_disc.uv1);
  const ImVec2 texel(1.0f / static_cast<float>(width), 1.0f / static_cast<float>(height));
  g_disc.uv0 = ImVec2(g_disc.uv0.x + texel.x, g_disc.uv0.y + texel.y);
  g_disc.uv1 = ImVec2(g_disc.uv1.x - texel.x, g_disc.uv1.y - texel.y);
  g_disc.drawn = true;
}

void disc(ImDrawList* dl, ImVec2 centre, float radius, ImU32 colour) {
  if (!g_disc.drawn) {
    dl->AddCircleFilled(centre, radius, colour);
    return;
  }
  // The quad covers 1 texel of the margin too: the disc's edge lands at `radius`.
  const float half = radius * (g_disc.radius + 1) / g_disc.radius;
  dl->AddImage(ImGui::GetIO().Fonts->TexID, ImVec2(centre.x - half, centre.y - half),
               ImVec2(centre.x + half, centre.y + half), g_disc.uv0, g_disc.uv1, colour);
}

void draw_text(ImDrawList* dl, ImVec2 at, ImU32 colour, const char* text) {
  dl->AddText(at, colour, text);
  if (GImGui->LogEnabled) ImGui::LogText(" %s", text);
}

namespace {
std::vector<ImRect> g_clear, g_clear_next;  // keep_clear: last frame's rects, this frame's
ImGuiID g_tooltip_clicked = 0;              // item_tooltip: the item clicked, while hovered
std::optional<ImVec4> g_tooltip_rect;       // where this frame's tooltip is: x, y, w, h

bool overlaps_clear(const ImRect& r) {
  for (const ImRect& c : g_clear)
    if (c.Overlaps(r)) return true;
  return false;
}

// Where the tooltip goes: below-right of the mouse (ImGui's own place), else above it, else
// below the lowest watched line it would cover. Its size is last frame's (ImGui's estimate
// for placing popups too), or a guess for the first frame.
void place_tooltip() {
  if (g_clear.empty()) return;
  const ImGuiContext& g = *GImGui;
  const ImVec2 m = g.IO.MousePos;
  if (m.x < -1e6f || m.y < -1e6f) return;  // no mouse (a touch lifted)
  ImVec2 size(360.0f, 2.5f * ImGui::GetTextLineHeightWithSpacing());
  char name[32];
  ImFormatString(name, IM_ARRAYSIZE(name), "##Tooltip_%02d", g.TooltipOverrideCount);
  if (const ImGuiWindow* w = ImGui::FindWindowByName(name); w && w->Size.x > 0) size = w->Size;
  const float s = g.Style.MouseCursorScale;
  const ImVec2 below(m.x + 16 * s, m.y + 8 * s);
  if (!overlaps_clear(ImRect(below, ImVec2(below.x + size.x, below.y + size.y)))) return;
  const ImVec2 above(below.x, m.y - 6 * s - size.y);
  const float top = ImGui::GetMainViewport()->WorkPos.y;
  if (above.y >= top && !overlaps_clear(ImRect(above, ImVec2(above.x + size.x, m.y - 6 * s)))) {
    ImGui::SetNextWindowPos(above);
    return;
  }
  float y = below.y;
  for (int pass = 0; pass < 4; ++pass)  // below every watched line it meets
    for (const ImRect& c : g_clear)
      if (c.Overlaps(ImRect(ImVec2(below.x, y), ImVec2(below.x + size.x, y + size.y))))
        y = c.Max.y + 4 * s;
  ImGui::SetNextWindowPos(ImVec2(below.x, y));
}
}  // namespace

void keep_clear() {
  g_clear_next.emplace_back(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
}

void item_tooltip(const char* text) {
  const ImGuiID id = ImGui::GetItemID();
  const bool hovered = ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled);
  if (hovered && (ImGui::IsItemClicked() || ImGui::IsItemActive())) g_tooltip_clicked = id;
  if (!hovered) {
    if (g_tooltip_clicked == id) g_tooltip_clicked = 0;
    return;
  }
  if (g_tooltip_clicked != id) tooltip("%s", text);
}

void begin_tooltip() {
  place_tooltip();
  ImGui::BeginTooltip();
  begin_capture();
}

void end_tooltip() {
  end_capture("tooltip");
  const ImVec2 at = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
  g_tooltip_rect = ImVec4(at.x, at.y, size.x, size.y);
  ImGui::EndTooltip();
}

std::optional<ImVec4> tooltip_rect() {
  return g_tooltip_rect;
}

void tooltip(const char* format, ...) {
  begin_tooltip();
  va_list args;
  va_start(args, format);
  ImGui::TextV(format, args);
  va_end(args);
  end_tooltip();
}

namespace {

// A field whose text is read by read(text) -> Result<T> when it is taken (see input_number).
template <class T, class Read>
NumberEdit edit_number(const char* label, T& value, const std::string& shown, Read read,
                       ImGuiInputTextFlags flags, ImGuiInputTextFlags filter) {
  // Only one field is edited at a time: its text lives here while it is.
  static ImGuiID editing = 0;
  static std::string text;
  const ImGuiID id = ImGui::GetID(label);
  if (editing != id) text = shown;
  NumberEdit edit;
  const bool returned = ImGui::InputText(label, &text, flags | filter);
  const bool enter_only = (flags & ImGuiInputTextFlags_EnterReturnsTrue) != 0;
  if (ImGui::IsItemActive()) editing = id;
  const bool left = ImGui::IsItemDeactivatedAfterEdit();
  if (returned || left) {
    const Result<T> x = read(text);
    if (x) {
      value = x.value();
      edit.changed = true;
    } else if (enter_only || left) {
      edit.refused = x.error();  // while typing ("1e"), no complaint yet
    }
    edit.entered = returned && enter_only;
  }
  if (!ImGui::IsItemActive() && editing == id) editing = 0;
  return edit;
}

}  // namespace

NumberEdit input_number(const char* label, double& value, ImGuiInputTextFlags flags) {
  char shown[64];
  std::snprintf(shown, sizeof shown, "%.6g", value);
  return edit_number(
      label, value, shown, [](const std::string& t) { return read_number(t); }, flags,
      ImGuiInputTextFlags_CharsScientific);
}

NumberEdit input_whole(const char* label, std::uint64_t& value, std::uint64_t max,
                       ImGuiInputTextFlags flags) {
  return edit_number(
      label, value, std::to_string(value),
      [max](const std::string& t) { return read_whole(t, max); }, flags,
      ImGuiInputTextFlags_CharsDecimal);
}

const std::map<std::string, std::string>& captured() {
  return g_captured;
}

void new_frame() {
  g_captured.clear();
  g_clear.swap(g_clear_next);
  g_clear_next.clear();
  g_tooltip_rect.reset();
}

namespace {
const Palette* g_palette = &palette_of(Theme::Dark);
}  // namespace

const Palette& palette() {
  return *g_palette;
}

void use_palette(const Palette& p) {
  g_palette = &p;
}

ImVec4 colour(Rgba c) {
  return ImVec4(c.r, c.g, c.b, c.a);
}

ImU32 colour32(Rgba c, float alpha) {
  return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, c.a * alpha));
}

void style_colours(ImGuiStyle& style, const Palette& p) {
  ImVec4* c = style.Colors;
  c[ImGuiCol_Text] = colour(p.text);
  c[ImGuiCol_TextDisabled] = colour(p.text_disabled);
  c[ImGuiCol_WindowBg] = colour(p.window);
  c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_PopupBg] = colour(p.popup);
  c[ImGuiCol_Border] = colour(p.border);
  c[ImGuiCol_FrameBg] = colour(p.frame);
  c[ImGuiCol_FrameBgHovered] = colour(p.frame_hover);
  c[ImGuiCol_FrameBgActive] = colour(p.frame_active);
  c[ImGuiCol_TitleBg] = colour(p.title);
  c[ImGuiCol_TitleBgActive] = colour(p.title_active);
  c[ImGuiCol_TitleBgCollapsed] = colour(p.title);
  c[ImGuiCol_MenuBarBg] = colour(p.title);
  c[ImGuiCol_ScrollbarBg] = colour(p.window);
  c[ImGuiCol_ScrollbarGrab] = colour(p.scrollbar);
  c[ImGuiCol_ScrollbarGrabHovered] = colour(p.grab);
  c[ImGuiCol_ScrollbarGrabActive] = colour(p.grab_active);
  c[ImGuiCol_CheckMark] = colour(p.check);
  c[ImGuiCol_SliderGrab] = colour(p.grab);
  c[ImGuiCol_SliderGrabActive] = colour(p.grab_active);
  c[ImGuiCol_Button] = colour(p.button);
  c[ImGuiCol_ButtonHovered] = colour(p.button_hover);
  c[ImGuiCol_ButtonActive] = colour(p.button_active);
  c[ImGuiCol_Header] = colour(p.header);
  c[ImGuiCol_HeaderHovered] = colour(p.header_hover);
  c[ImGuiCol_HeaderActive] = colour(p.header_active);
  c[ImGuiCol_Separator] = colour(p.border);
  c[ImGuiCol_Tab] = colour(p.tab);
  c[ImGuiCol_TabHovered] = colour(p.tab_hover);
  c[ImGuiCol_TabActive] = colour(p.tab_active);
  c[ImGuiCol_TabUnfocused] = colour(p.tab);
  c[ImGuiCol_TabUnfocusedActive] = colour(p.tab_active);
  c[ImGuiCol_TableHeaderBg] = colour(p.header);
  c[ImGuiCol_TableBorderStrong] = colour(p.border);
  c[ImGuiCol_TableBorderLight] = colour(p.border);
  c[ImGuiCol_NavHighlight] = colour(p.heading);
  c[ImGuiCol_PlotLines] = colour(p.curve);
  c[ImGuiCol_PlotHistogram] = colour(p.bar_fill);
}

bool section(AppState& s, std::string_view name, const char* label) {
  ImGui::SetNextItemOpen(s.section_open(name), ImGuiCond_Always);
  const bool open = section_header(label, s.scale);
  s.set_section_open(name, open);
  return open;
}

void heading(const char* text) {
  ImGui::Spacing();
  ImGui::PushStyleColor(ImGuiCol_Text, colour(palette().heading));
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();
}

bool section_header(const char* label, float scale) {
  // Only on a wide page: a phone keeps its finger-sized headers.
  if (ImGui::GetMainViewport()->WorkSize.x < 1000 * scale) return ImGui::CollapsingHeader(label);
  ImGuiStyle& style = ImGui::GetStyle();
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(style.FramePadding.x, 2 * scale));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(style.ItemSpacing.x, 4 * scale));
  const bool open = ImGui::CollapsingHeader(label);
  ImGui::PopStyleVar(2);
  return open;
}

namespace {

// Breaks text at the last space before the right edge of each line (the space becomes a line
// break) and draws it as one item, with the same line spacing as ImGui's wrapped text. A word
// wider than the line stays whole and overflows. text is the caller's buffer, changed here.
void draw_wrapped(std::string& text) {
  const float width = std::max(ImGui::GetContentRegionAvail().x, 1.0f);
  std::size_t line = 0;  // where the current line starts
  constexpr std::size_t kNone = std::string::npos;
  std::size_t fits = kNone;  // the last space at which the line may end
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const bool end = i == text.size() || text[i] == ' ' || text[i] == '\n';
    if (!end) continue;
    if (fits != kNone && ImGui::CalcTextSize(text.data() + line, text.data() + i).x > width) {
      text[fits] = '\n';
      line = fits + 1;
      fits = kNone;
      i = line - 1;  // measure the words after the break again
      continue;
    }
    if (i == text.size()) break;
    if (text[i] == '\n') {
      line = i + 1;
      fits = kNone;
    } else {
      fits = i;
    }
  }
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
}

// One buffer for every wrapped text of every frame: after the first frames no allocation.
std::string& scratch() {
  static std::string buffer;
  return buffer;
}

// printf into the scratch buffer.
std::string& format_scratch(const char* format, va_list args) IM_FMTLIST(1);
std::string& format_scratch(const char* format, va_list args) {
  va_list again;
  va_copy(again, args);
  const int n = std::vsnprintf(nullptr, 0, format, args);
  std::string& text = scratch();
  text.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  if (n > 0) std::vsnprintf(text.data(), text.size() + 1, format, again);
  va_end(again);
  return text;
}

}  // namespace

void wrapped(const char* format, ...) {
  va_list args;
  va_start(args, format);
  draw_wrapped(format_scratch(format, args));
  va_end(args);
}

void muted(const char* format, ...) {
  va_list args;
  va_start(args, format);
  ImGui::PushStyleColor(ImGuiCol_Text, colour(palette().muted));
  draw_wrapped(format_scratch(format, args));
  ImGui::PopStyleColor();
  va_end(args);
}

void wrapped_text(std::string_view text) {
  std::string& copy = scratch();
  copy.assign(text);
  draw_wrapped(copy);
}

void muted_wrapped(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, colour(palette().muted));
  wrapped_text(text);
  ImGui::PopStyleColor();
}

void error_wrapped(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, colour(palette().error));
  wrapped_text(text);
  ImGui::PopStyleColor();
}

// A number for a table or a label: fixed decimals while it fits, else scientific notation.
Formatted format_number(double v, int decimals) {
  Formatted f{};
  if (std::isnan(v))
    std::snprintf(f.text, sizeof f.text, "NaN");
  else if (std::isinf(v))
    std::snprintf(f.text, sizeof f.text, "%s", v > 0 ? "+inf" : "-inf");
  else if (std::fabs(v) >= 1e5)
    std::snprintf(f.text, sizeof f.text, "%.2e", v);
  else
    std::snprintf(f.text, sizeof f.text, "%.*f", decimals, v);
  drop_negative_zero(f.text);  // "-0.0000" is a zero
  return f;
}

// A number in a table cell, right-aligned so that columns of numbers line up.
void number_cell(double v, int decimals) {
  const Formatted f = format_number(v, decimals);
  const char* buf = f.text;
  const float w = ImGui::CalcTextSize(buf).x;
  const float avail = ImGui::GetContentRegionAvail().x;
  if (avail > w) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + avail - w);
  ImGui::TextUnformatted(buf);
}

float checkbox_width(const char* label) {
  return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
         ImGui::CalcTextSize(label, nullptr, true).x;
}

// Continues the current line if an item next_width wide still fits in the window after
// spacing; otherwise the next item starts a new line (for narrow windows).
bool small_button(const AppState& s, const char* label) {
  return s.touch_ui ? ImGui::Button(label) : ImGui::SmallButton(label);
}

void same_line_if_fits(float next_width, float spacing) {
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetItemRectMax().x + spacing + next_width <= right) ImGui::SameLine(0, spacing);
}

// A bar from 0 to 1 filled up to the output a, with a mark at the target y.
void output_bar(double a, double y, float width) {
  const float h = ImGui::GetTextLineHeight();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const auto at = [&](double v) {
    return p.x + width * static_cast<float>(std::clamp(v, 0.0, 1.0));
  };
  dl->AddRectFilled(p, ImVec2(p.x + width, p.y + h),
                    ImGui::GetColorU32(colour(palette().bar_back)));
  if (std::isfinite(a))
    dl->AddRectFilled(p, ImVec2(at(a), p.y + h), ImGui::GetColorU32(colour(palette().bar_fill)));
  const float mark = at(y);
  const float thick = std::max(2.0f, h * 0.15f);
  dl->AddRectFilled(ImVec2(mark - thick / 2, p.y - 2), ImVec2(mark + thick / 2, p.y + h + 2),
                    ImGui::GetColorU32(colour(palette().target)));
  ImGui::Dummy(ImVec2(width, h));
}

}  // namespace bp::app::ui
