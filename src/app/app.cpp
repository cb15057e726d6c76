// The page's UI: controls, the data with the live outputs, and the weights, all read from
// the core's Trainer each frame. Every number shown is one the core computed.
#include "app.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <utility>

#include <imgui.h>

#include "json.hpp"

namespace bp::app {
namespace {

constexpr float kFontSize = 16.0f;  // CSS pixels; ImGui's default 13 px is too small to read

// Colours of the page (dark theme).
const ImVec4 kMuted{0.62f, 0.66f, 0.72f, 1.0f};
const ImVec4 kError{1.0f, 0.45f, 0.40f, 1.0f};
const ImVec4 kHeading{0.55f, 0.80f, 1.0f, 1.0f};
const ImVec4 kBarBack{0.22f, 0.24f, 0.28f, 1.0f};
const ImVec4 kBarFill{0.30f, 0.60f, 0.95f, 1.0f};
const ImVec4 kTargetMark{1.0f, 0.80f, 0.25f, 1.0f};

Result<Trainer> make_trainer(const Settings& s, std::uint64_t seed) {
  Rng rng(seed);
  Result<Network> net = Network::random(s.spec, rng);
  if (!net) return Error{net.error()};
  return Trainer::create(std::move(net.value()), seed_dataset(), s.options);
}

void heading(const char* text) {
  ImGui::Spacing();
  ImGui::PushStyleColor(ImGuiCol_Text, kHeading);
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();
}

void muted_wrapped(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, kMuted);
  ImGui::TextWrapped("%s", text);
  ImGui::PopStyleColor();
}

// A number for a table or a label: fixed decimals while it fits, else scientific notation.
struct Formatted {
  char text[32];
};
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
void number_cell(double v) {
  const Formatted f = format_number(v, 4);
  const char* buf = f.text;
  const float w = ImGui::CalcTextSize(buf).x;
  const float avail = ImGui::GetContentRegionAvail().x;
  if (avail > w) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + avail - w);
  ImGui::TextUnformatted(buf);
}

// Continues the current line if an item next_width wide still fits in the window after
// spacing; otherwise the next item starts a new line (for narrow windows).
void same_line_if_fits(float next_width, float spacing) {
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetItemRectMax().x + spacing + next_width <= right) ImGui::SameLine(0, spacing);
}

// A bar from 0 to 1 filled up to the output a, with a mark at the target y.
void output_bar(double a, double y, float width) {
  const float h = ImGui::GetTextLineHeight();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const auto at = [&](double v) { return p.x + width * static_cast<float>(std::clamp(v, 0.0, 1.0)); };
  dl->AddRectFilled(p, ImVec2(p.x + width, p.y + h), ImGui::GetColorU32(kBarBack));
  if (std::isfinite(a)) dl->AddRectFilled(p, ImVec2(at(a), p.y + h), ImGui::GetColorU32(kBarFill));
  const float mark = at(y);
  const float thick = std::max(2.0f, h * 0.15f);
  dl->AddRectFilled(ImVec2(mark - thick / 2, p.y - 2), ImVec2(mark + thick / 2, p.y + h + 2),
                    ImGui::GetColorU32(kTargetMark));
  ImGui::Dummy(ImVec2(width, h));
}

}  // namespace

Status App::init(const Settings& settings, std::string settings_error, float ui_scale) {
  settings_ = settings;
  settings_error_ = std::move(settings_error);
  seed_ = settings.seed;
  iterations_per_frame_ = settings.iterations_per_frame;
  lr_edit_ = settings.options.learning_rate;
  Result<Trainer> t = make_trainer(settings_, seed_);
  if (!t) return Error{t.error()};
  trainer_.emplace(std::move(t.value()));
  ImGui::GetIO().IniFilename = nullptr;  // nothing to save between visits
  ui_scale_ = ui_scale > 0 ? ui_scale : 1.0f;
  build_style_and_fonts();
  fonts_rebuilt_ = false;  // the renderer has not uploaded anything yet
  return {};
}

void App::shutdown() {
  training_ = false;
  trainer_.reset();
  rects_.clear();
}

void App::set_ui_scale(float scale) {
  if (!(scale > 0) || scale == ui_scale_) return;
  ui_scale_ = scale;
  build_style_and_fonts();
}

bool App::fonts_rebuilt() { return std::exchange(fonts_rebuilt_, false); }

void App::build_style_and_fonts() {
  ImGuiStyle style;
  ImGui::StyleColorsDark(&style);
  style.WindowRounding = 0.0f;
  style.FrameRounding = 4.0f;
  style.GrabRounding = 4.0f;
  style.WindowPadding = ImVec2(18, 14);
  style.FramePadding = ImVec2(10, 5);
  style.ItemSpacing = ImVec2(10, 8);
  style.CellPadding = ImVec2(10, 4);
  style.Colors[ImGuiCol_WindowBg] = ImVec4(0.10f, 0.11f, 0.13f, 1.0f);
  style.ScaleAllSizes(ui_scale_);
  ImGui::GetStyle() = style;

  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFontConfig font;
  font.SizePixels = std::round(kFontSize * ui_scale_);
  io.Fonts->AddFontDefault(&font);
  io.Fonts->Build();
  fonts_rebuilt_ = true;
}

void App::train() {
  if (!trainer_->diverged()) training_ = true;
}

void App::pause() { training_ = false; }

long App::step(long n) {
  pause();
  return n > 0 ? trainer_->train(n) : 0;
}

void App::reset() {
  pause();
  ++seed_;
  Rng rng(seed_);
  Result<Network> net = Network::random(settings_.spec, rng);
  if (net) {
    if (Status s = trainer_->set_network(std::move(net.value())); !s) lr_error_ = s.error();
  }
}

void App::restart() {
  pause();
  trainer_->restart();
}

Status App::set_learning_rate(double learning_rate) {
  lr_edit_ = learning_rate;
  Status s = trainer_->set_learning_rate(learning_rate);
  lr_error_ = s ? std::string{} : s.error();
  return s;
}

void App::track(const char* name) {
  const ImVec2 a = ImGui::GetItemRectMin();
  const ImVec2 b = ImGui::GetItemRectMax();
  rects_.push_back(WidgetRect{name, a.x, a.y, b.x - a.x, b.y - a.y});
}

std::optional<WidgetRect> App::widget_rect(std::string_view name) const {
  for (const WidgetRect& r : rects_)
    if (r.name == name) return r;
  return std::nullopt;
}

std::string App::message() const {
  if (trainer_->diverged()) return trainer_->divergence();
  if (!lr_error_.empty()) return lr_error_;
  return settings_error_;
}

void App::frame() {
  rects_.clear();
  if (training_) {
    trainer_->train(iterations_per_frame_);
    if (trainer_->diverged()) training_ = false;
  }
  record_loss();

  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                 ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                 ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::Begin("Backpropagation, live: a 3-4-1 network learns the chapter's data", nullptr, flags);
  muted_wrapped(
      "This network starts from random weights. Press Train and watch its outputs a2 move "
      "toward the targets y while gradient descent changes every weight. Pause and Step "
      "let you follow it one iteration at a time; Reset draws new random weights.");
  if (!settings_error_.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, kError);
    ImGui::TextWrapped("The link's settings were not used: %s", settings_error_.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::Spacing();
  draw_controls();
  draw_status();
  ImGui::Separator();

  const float s = ui_scale_;
  if (ImGui::GetContentRegionAvail().x < 1100 * s) {  // narrow window: one column
    draw_data_table();
    draw_loss_plot();
    draw_weights();
  } else if (ImGui::BeginTable("layout", 2, ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("data", ImGuiTableColumnFlags_WidthStretch, 1.15f);
    ImGui::TableSetupColumn("weights", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    draw_data_table();
    draw_loss_plot();
    ImGui::TableNextColumn();
    ImGui::Indent(12 * s);
    draw_weights();
    ImGui::Unindent(12 * s);
    ImGui::EndTable();
  }
  ImGui::End();
}

void App::draw_controls() {
  const float s = ui_scale_;
  const bool diverged = trainer_->diverged();
  const char* toggle = training_ ? "Pause" : "Train";
  ImGui::BeginDisabled(diverged);
  char label[32];
  std::snprintf(label, sizeof label, "%s###toggle", toggle);
  if (ImGui::Button(label, ImVec2(90 * s, 0))) training_ ? pause() : train();
  track(toggle);
  ImGui::SameLine();
  if (ImGui::Button("Step", ImVec2(90 * s, 0))) step(1);
  track("Step");
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Reset", ImVec2(90 * s, 0))) reset();
  track("Reset");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("New random weights (next seed), iteration 0");

  const float gap = ImGui::GetStyle().ItemSpacing.x;
  same_line_if_fits(ImGui::CalcTextSize("Iterations per frame").x + gap + 170 * s, 30 * s);
  ImGui::BeginGroup();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Iterations per frame");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(170 * s);
  ImGui::SliderInt("##speed", &iterations_per_frame_, 1, kMaxIterationsPerFrame, "%d",
                   ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp);
  track("Iterations per frame");
  ImGui::EndGroup();

  same_line_if_fits(ImGui::CalcTextSize("Learning rate").x + gap + 110 * s, 30 * s);
  ImGui::BeginGroup();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Learning rate");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(110 * s);
  const bool entered = ImGui::InputDouble("##lr", &lr_edit_, 0.0, 0.0, "%.6g",
                                          ImGuiInputTextFlags_EnterReturnsTrue |
                                              ImGuiInputTextFlags_CharsScientific);
  track("Learning rate");
  if (entered || ImGui::IsItemDeactivatedAfterEdit()) (void)set_learning_rate(lr_edit_);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Type a value and press Enter");
  ImGui::EndGroup();
  if (!lr_error_.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, kError);
    ImGui::TextWrapped("Learning rate not changed: %s (it stays %.6g).", lr_error_.c_str(),
                       trainer_->options().learning_rate);
    ImGui::PopStyleColor();
  }
}

void App::draw_status() {
  const Trainer& t = *trainer_;
  ImGui::Spacing();
  ImGui::Text("Iteration %ld", t.iteration());
  ImGui::SameLine(0, 40 * ui_scale_);
  ImGui::Text("Loss C = 1/2 sum (y - a2)^2 = %s", format_number(t.full_loss(), 6).text);
  ImGui::SameLine(0, 40 * ui_scale_);
  ImGui::TextColored(kMuted, "%s", training_ ? "training..." : (t.diverged() ? "stopped" : "paused"));
  std::string acts;
  for (std::size_t i = 0; i < t.network().spec().activations.size(); ++i)
    acts += (i ? ", " : "") + std::string(name(t.network().spec().activations[i]));
  char info[160];
  std::snprintf(info, sizeof info, "seed %llu, learning rate %.6g, activations %s",
                static_cast<unsigned long long>(seed_), t.options().learning_rate, acts.c_str());
  same_line_if_fits(ImGui::CalcTextSize(info).x, 40 * ui_scale_);
  ImGui::TextColored(kMuted, "%s", info);
  if (t.diverged()) {
    ImGui::PushStyleColor(ImGuiCol_Text, kError);
    ImGui::TextWrapped("%s", t.divergence().c_str());
    ImGui::PopStyleColor();
    if (ImGui::Button("Restart", ImVec2(90 * ui_scale_, 0))) restart();
    track("Restart");
    ImGui::SameLine();
    ImGui::TextColored(kMuted, "back to this seed's initial weights, keeping the learning rate");
  }
  ImGui::Spacing();
}

void App::draw_data_table() {
  const Trainer& t = *trainer_;
  const Dataset& d = t.data();
  const Matrix out = t.outputs();
  const float s = ui_scale_;
  heading("The data and what the network outputs now");
  muted_wrapped("Each row is one example: input x (its third column is a constant 1, the "
                "chapter's bias), target y, and the output a2 of the current weights.");
  const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoHostExtendX;
  const int x_cols = static_cast<int>(d.X.cols());
  if (ImGui::BeginTable("data", x_cols + 4, flags)) {
    for (int c = 0; c < x_cols; ++c) {
      char name[16];
      std::snprintf(name, sizeof name, "x%d", c + 1);
      ImGui::TableSetupColumn(name, ImGuiTableColumnFlags_WidthFixed, 30 * s);
    }
    ImGui::TableSetupColumn("target y", ImGuiTableColumnFlags_WidthFixed, 70 * s);
    ImGui::TableSetupColumn("output a2", ImGuiTableColumnFlags_WidthFixed, 80 * s);
    ImGui::TableSetupColumn("a2 - y", ImGuiTableColumnFlags_WidthFixed, 80 * s);
    ImGui::TableSetupColumn("a2 and y", ImGuiTableColumnFlags_WidthFixed, 170 * s);
    ImGui::TableHeadersRow();
    for (Eigen::Index r = 0; r < d.size(); ++r) {
      ImGui::TableNextRow();
      for (Eigen::Index c = 0; c < d.X.cols(); ++c) {
        ImGui::TableNextColumn();
        ImGui::Text("%g", d.X(r, c));
      }
      const double y = d.Y(r, 0), a = out(r, 0);
      ImGui::TableNextColumn();
      number_cell(y);
      ImGui::TableNextColumn();
      number_cell(a);
      ImGui::TableNextColumn();
      number_cell(a - y);
      ImGui::TableNextColumn();
      output_bar(a, y, 170 * s);
    }
    ImGui::EndTable();
    track("Data table");
  }
  ImGui::TextColored(kMuted, "Bars: the output a2 on a scale from 0 to 1; yellow mark: the target y.");
}

void App::record_loss() {
  constexpr std::size_t kMaxSamples = 600;
  const long it = trainer_->iteration();
  if (it < last_plotted_iteration_) {  // reset or restart
    loss_history_.clear();
    loss_iterations_.clear();
  }
  if (it == last_plotted_iteration_) return;
  last_plotted_iteration_ = it;
  const double c = trainer_->full_loss();
  if (!std::isfinite(c) || c > static_cast<double>(FLT_MAX)) return;  // the plot works in float
  if (loss_history_.size() == kMaxSamples) {
    loss_history_.erase(loss_history_.begin());
    loss_iterations_.erase(loss_iterations_.begin());
  }
  loss_history_.push_back(static_cast<float>(c));
  loss_iterations_.push_back(it);
}

void App::draw_loss_plot() {
  const float s = ui_scale_;
  heading("The loss over time");
  if (loss_history_.size() < 2) {
    muted_wrapped("Press Train or Step: the loss C of each frame is plotted here.");
    return;
  }
  char overlay[64];
  std::snprintf(overlay, sizeof overlay, "C = %s", format_number(trainer_->full_loss(), 6).text);
  ImGui::PlotLines("##loss", loss_history_.data(), static_cast<int>(loss_history_.size()), 0,
                   overlay, 0.0f, FLT_MAX, ImVec2(ImGui::GetContentRegionAvail().x - 10 * s, 120 * s));
  track("Loss plot");
  ImGui::TextColored(kMuted, "One point per frame: iterations %ld to %ld. The scale starts at 0.",
                     loss_iterations_.front(), loss_iterations_.back());
}

void App::draw_weights() {
  const Network& net = trainer_->network();
  const float s = ui_scale_;
  heading("The weights");
  muted_wrapped("W1 connects the 3 inputs to the 4 hidden units, W2 the hidden units to the "
                "output. Each iteration subtracts the learning rate times dC/dW.");
  for (int l = 1; l <= net.layers(); ++l) {
    const Matrix& w = net.W(l);
    ImGui::Spacing();
    ImGui::Text("W%d  [%ld x %ld]", l, static_cast<long>(w.rows()), static_cast<long>(w.cols()));
    char id[16];
    std::snprintf(id, sizeof id, "W%d", l);
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoHostExtendX;
    if (ImGui::BeginTable(id, static_cast<int>(w.cols()) + 1, flags)) {
      ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 70 * s);
      for (Eigen::Index c = 0; c < w.cols(); ++c) {
        char name[24];
        std::snprintf(name, sizeof name, l == net.layers() ? "to output" : "to h%ld",
                      static_cast<long>(c + 1));
        ImGui::TableSetupColumn(name, ImGuiTableColumnFlags_WidthFixed, 92 * s);
      }
      ImGui::TableHeadersRow();
      for (Eigen::Index r = 0; r < w.rows(); ++r) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextColored(kMuted, l == 1 ? "from x%ld" : "from h%ld", static_cast<long>(r + 1));
        for (Eigen::Index c = 0; c < w.cols(); ++c) {
          ImGui::TableNextColumn();
          number_cell(w(r, c));
        }
      }
      ImGui::EndTable();
      track(id);
    }
  }
}

std::string App::state_json() const {
  const Trainer& t = *trainer_;
  const Dataset& d = t.data();
  const Matrix out = t.outputs();
  const auto column_or_rows = [](JsonWriter& j, const Matrix& m) {
    j.begin_array();
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
      if (m.cols() == 1) {
        j.number(m(r, 0));
        continue;
      }
      j.begin_array();
      for (Eigen::Index c = 0; c < m.cols(); ++c) j.number(m(r, c));
      j.end_array();
    }
    j.end_array();
  };
  const auto rows = [](JsonWriter& j, const Matrix& m) {
    j.begin_array();
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
      j.begin_array();
      for (Eigen::Index c = 0; c < m.cols(); ++c) j.number(m(r, c));
      j.end_array();
    }
    j.end_array();
  };
  JsonWriter j;
  j.begin_object();
  j.key("iteration").integer(t.iteration());
  j.key("loss").number(t.full_loss());
  j.key("lastStepLoss").number(t.loss());
  j.key("inputs");
  rows(j, d.X);
  j.key("targets");
  column_or_rows(j, d.Y);
  j.key("outputs");
  column_or_rows(j, out);
  j.key("weights").begin_array();
  for (int l = 1; l <= t.network().layers(); ++l) rows(j, t.network().W(l));
  j.end_array();
  j.key("training").boolean(training_);
  j.key("diverged").boolean(t.diverged());
  j.key("message").string(message());
  j.key("learningRate").number(t.options().learning_rate);
  j.key("iterationsPerFrame").integer(iterations_per_frame_);
  j.key("seed").unsigned_integer(seed_);
  j.key("activations").begin_array();
  for (Activation f : t.network().spec().activations) j.string(name(f));
  j.end_array();
  j.end_object();
  return j.str();
}

}  // namespace bp::app
