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

#include "state.hpp"

namespace bp::app::ui {

namespace {
std::map<std::string, std::string> g_captured;  // this frame's captures, by name
std::vector<int> g_capture_starts;              // where each open capture began in the log
}  // namespace

void track(AppState& s, std::string_view name) {
  const ImVec2 a = ImGui::GetItemRectMin();
  const ImVec2 b = ImGui::GetItemRectMax();
  s.rects.push_back(WidgetRect{std::string(name), a.x, a.y, b.x - a.x, b.y - a.y});
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

void draw_text(ImDrawList* dl, ImVec2 at, ImU32 colour, const char* text) {
  dl->AddText(at, colour, text);
  if (GImGui->LogEnabled) ImGui::LogText(" %s", text);
}

void begin_tooltip() {
  ImGui::BeginTooltip();
  begin_capture();
}

void end_tooltip() {
  end_capture("tooltip");
  ImGui::EndTooltip();
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
}

void heading(const char* text) {
  ImGui::Spacing();
  ImGui::PushStyleColor(ImGuiCol_Text, kHeading);
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();
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

}  // namespace

void wrapped(const char* format, ...) {
  va_list args;
  va_start(args, format);
  va_list again;
  va_copy(again, args);
  const int n = std::vsnprintf(nullptr, 0, format, args);
  va_end(args);
  std::string& text = scratch();
  text.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  if (n > 0) std::vsnprintf(text.data(), text.size() + 1, format, again);
  va_end(again);
  draw_wrapped(text);
}

void wrapped_text(std::string_view text) {
  std::string& copy = scratch();
  copy.assign(text);
  draw_wrapped(copy);
}

void muted_wrapped(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, kMuted);
  wrapped_text(text);
  ImGui::PopStyleColor();
}

void error_wrapped(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, kError);
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
  dl->AddRectFilled(p, ImVec2(p.x + width, p.y + h), ImGui::GetColorU32(kBarBack));
  if (std::isfinite(a)) dl->AddRectFilled(p, ImVec2(at(a), p.y + h), ImGui::GetColorU32(kBarFill));
  const float mark = at(y);
  const float thick = std::max(2.0f, h * 0.15f);
  dl->AddRectFilled(ImVec2(mark - thick / 2, p.y - 2), ImVec2(mark + thick / 2, p.y + h + 2),
                    ImGui::GetColorU32(kTargetMark));
  ImGui::Dummy(ImVec2(width, h));
}

}  // namespace bp::app::ui
