// The setup panel: which data to learn (the chapter's table, a generated 2-D set, or the
// student's own points from CSV), the input features, the network's layers, neurons and
// activations, the loss, batch size, regularization, and when to stop. Everything goes
// through AppState's actions, which check it and keep the current state on error.
#include "../panels.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "../ui.hpp"

namespace bp::app {
namespace {

constexpr Activation kActivations[] = {Activation::Sigmoid, Activation::Tanh, Activation::Relu,
                                       Activation::Linear};

const char* data_label(DataSetKind k) {
  switch (k) {
    case DataSetKind::Circle: return "Circle (classes)";
    case DataSetKind::Xor: return "XOR (classes)";
    case DataSetKind::Gaussians: return "Two gaussians (classes)";
    case DataSetKind::Spiral: return "Spiral (classes)";
    case DataSetKind::Plane: return "Plane (regression)";
    case DataSetKind::GaussianBump: return "Gaussian bump (regression)";
  }
  return "?";
}

const char* feature_label(Feature f) {
  switch (f) {
    case Feature::X1: return "x1";
    case Feature::X2: return "x2";
    case Feature::X1Squared: return "x1\xC2\xB2";
    case Feature::X2Squared: return "x2\xC2\xB2";
    case Feature::X1X2: return "x1\xC2\xB7x2";
    case Feature::SinX1: return "sin x1";
    case Feature::SinX2: return "sin x2";
  }
  return "?";
}

// A combo of activations; true when the student picked another one.
bool activation_combo(AppState& s, const char* id, Activation& f, float width) {
  bool changed = false;
  ImGui::SetNextItemWidth(width);
  const std::string current(name(f));
  if (ImGui::BeginCombo(id, current.c_str())) {
    for (Activation a : kActivations) {
      const std::string n(name(a));
      if (ImGui::Selectable(n.c_str(), a == f) && a != f) {
        f = a;
        changed = true;
      }
      ui::track(s, std::string(id + 2) + " " + n);
    }
    ImGui::EndCombo();
  }
  ui::track(s, id + 2);  // without the "##"
  return changed;
}

// A combo of labels whose items tests and scripts can find ("<name> <label>"); true when
// another item was picked.
bool choice(AppState& s, const char* name, const char* const* labels, int count, int& index,
            float width) {
  bool changed = false;
  ImGui::SetNextItemWidth(width);
  const std::string id = std::string("##") + name;
  if (ImGui::BeginCombo(id.c_str(), labels[index])) {
    for (int i = 0; i < count; ++i) {
      if (ImGui::Selectable(labels[i], i == index) && i != index) {
        index = i;
        changed = true;
      }
      ui::track(s, std::string(name) + " " + labels[i]);
    }
    ImGui::EndCombo();
  }
  ui::track(s, name);
  return changed;
}

// A small square button that tests and scripts can find by name.
bool small_button(AppState& s, const char* label, const char* name, const char* tip) {
  const bool pressed = ImGui::Button(label, ImVec2(ImGui::GetFrameHeight(), 0));
  ui::track(s, name);
  if (ImGui::IsItemHovered()) ui::tooltip("%s", tip);
  return pressed;
}

void data_choice(AppState& s);
void data_sliders(AppState& s);
void features_row(AppState& s);
void csv_box(AppState& s);
bool batch_slider(AppState& s, TrainerOptions& o);
bool regularization_row(AppState& s, TrainerOptions& o);
void stop_rules(AppState& s);

void data_section(AppState& s) {
  const Config& e = s.edit;
  const bool show_data = !s.hidden("dataset");  // a link can hide the data choice
  if (show_data) data_choice(s);
  if (e.source == DataSource::Chapter) {
    if (show_data)
      ui::muted_wrapped(
          "The chapter's network learns four rows of three inputs. Pick a 2-D data set to "
          "explore any network on hundreds of points, as in TensorFlow Playground.");
    return;
  }
  if (show_data) data_sliders(s);
  if (!s.hidden("features")) features_row(s);
  if (show_data && e.source == DataSource::Custom) csv_box(s);
}

void data_choice(AppState& s) {
  const float k = s.scale;
  Config& e = s.edit;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Data");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(250 * k);
  const char* shown = e.source == DataSource::Chapter  ? "The chapter's 4 rows"
                      : e.source == DataSource::Custom ? "Your own points"
                                                       : data_label(e.data.kind);
  if (ImGui::BeginCombo("##data set", shown)) {
    if (ImGui::Selectable("The chapter's 4 rows", e.source == DataSource::Chapter) &&
        s.config.source != DataSource::Chapter)
      (void)s.apply_setup(with_chapter_data(s.config));
    ui::track(s, "Data set chapter");
    for (DataSetKind kind : kAllDataSetKinds) {
      if (ImGui::Selectable(data_label(kind),
                            e.source == DataSource::Generated && e.data.kind == kind))
        (void)s.apply_setup(with_data_set(s.config, kind));
      ui::track(s, "Data set " + std::string(name(kind)));
    }
    if (ImGui::Selectable("Your own points (CSV)", e.source == DataSource::Custom)) {
      s.edit.source = DataSource::Custom;  // shows the CSV box; loading applies it
      if (s.csv_text.empty()) s.csv_text = "x1,x2,label\n-2,-2,0\n2,2,1\n-2,2,0\n2,-2,1\n";
    }
    ui::track(s, "Data set custom");
    ImGui::EndCombo();
  }
  ui::track(s, "Data set");
  if (e.source == DataSource::Generated) {
    ImGui::SameLine();
    if (ImGui::Button("Regenerate")) (void)s.regenerate();
    ui::track(s, "Regenerate");
    if (ImGui::IsItemHovered())
      ui::tooltip("New points from the next data seed (%llu), and new weights",
                  static_cast<unsigned long long>(s.config.data.seed + 1));
  }
}

// Noise, training share and size: applied when the slider is let go.
void data_sliders(AppState& s) {
  Config& e = s.edit;
  const float w = 150 * s.scale;
  if (e.source == DataSource::Generated) {
    float noise = static_cast<float>(e.data.noise_percent);
    ImGui::SetNextItemWidth(w);
    if (ImGui::SliderFloat("##noise", &noise, 0.0f, 50.0f, "noise %.0f%%"))
      e.data.noise_percent = static_cast<double>(noise);
    ui::track(s, "Noise");
    if (ImGui::IsItemDeactivatedAfterEdit()) (void)s.apply_setup(e);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(w);
    ImGui::SliderInt("##points", &e.data.points, 20, kMaxPoints, "%d points");
    ui::track(s, "Points");
    if (ImGui::IsItemDeactivatedAfterEdit()) (void)s.apply_setup(e);
  }
  float train = static_cast<float>(e.data.train_percent);
  ImGui::SetNextItemWidth(w);
  if (ImGui::SliderFloat("##training", &train, 10.0f, 90.0f, "%.0f%% for training"))
    e.data.train_percent = static_cast<double>(train);
  ui::track(s, "Training share");
  if (ImGui::IsItemHovered())
    ui::tooltip(
        "The share of the points the network learns from; the rest test whether it generalizes");
  if (ImGui::IsItemDeactivatedAfterEdit()) (void)s.apply_setup(e);
}

void features_row(AppState& s) {
  const Config& e = s.edit;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Features");
  for (Feature f : kAllFeatures) {
    // On a narrow column the rest of the row wraps.
    ui::same_line_if_fits(ui::checkbox_width(feature_label(f)), ImGui::GetStyle().ItemSpacing.x);
    bool on = e.features.has(f);
    if (ImGui::Checkbox(feature_label(f), &on)) {
      Config next = s.config;
      next.features.set(f, on);
      if (next.features.count() == 0)
        s.setup_error = "the network needs at least one input feature";
      else
        (void)s.apply_setup(next);
    }
    ui::track(s, std::string("feature ") + std::string(name(f)));
  }
}

// The student's own points.
void csv_box(AppState& s) {
  ui::muted_wrapped(
      "Paste lines of x1, x2, label (values from -1000 to 1000; the plot shows x1 and x2 "
      "from -6 to 6; labels 0 and 1 for two classes, or any number to fit), then Load. Or "
      "click the plot to add points.");
  ImGui::InputTextMultiline("##csv", &s.csv_text, ImVec2(-1, 90 * s.scale));
  ui::track(s, "CSV text");
  if (ImGui::Button("Load CSV")) (void)s.load_csv(s.csv_text);
  ui::track(s, "Load CSV");
  if (!s.csv_message.empty()) {
    ImGui::SameLine();
    if (s.csv_message.rfind("Not loaded", 0) == 0)
      ui::error_wrapped(s.csv_message.c_str());
    else
      ui::muted_wrapped(s.csv_message.c_str());
  }
}

void network_section(AppState& s) {
  const float k = s.scale;
  Config next = s.config;
  bool changed = false;
  const int layers = static_cast<int>(next.hidden.size());
  ImGui::AlignTextToFramePadding();
  ImGui::Text("Hidden layers: %d", layers);
  ImGui::SameLine();
  if (small_button(s, "-##layers", "Remove layer", "Remove the last hidden layer") && layers > 0) {
    next.hidden.pop_back();
    next.activations.pop_back();
    changed = true;
  }
  ImGui::SameLine();
  if (small_button(s, "+##layers", "Add layer", "Add a hidden layer before the output") &&
      layers < kMaxHiddenLayers) {
    next.hidden.push_back(next.hidden.empty() ? 4 : next.hidden.back());
    next.activations.push_back(next.activations.empty() ? Activation::Tanh
                                                        : next.activations.back());
    changed = true;
  }
  ImGui::SameLine(0, 20 * k);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Output");
  ImGui::SameLine();
  changed |= activation_combo(s, "##Output activation", next.output, 100 * k);
  ImGui::SameLine();
  changed |= ImGui::Checkbox("Biases", &next.biases);
  ui::track(s, "Biases");

  for (int l = 0; l < layers && !changed; ++l) {
    const auto i = static_cast<std::size_t>(l);
    ImGui::PushID(l);
    char name[40];
    ImGui::AlignTextToFramePadding();
    ImGui::Text("Layer %d:", l + 1);
    ImGui::SameLine();
    std::snprintf(name, sizeof name, "Fewer neurons %d", l + 1);
    if (small_button(s, "-", name, "One neuron less in this layer") && next.hidden[i] > 1) {
      --next.hidden[i];
      changed = true;
    }
    ImGui::SameLine();
    ImGui::Text("%2d neurons", next.hidden[i]);
    ImGui::SameLine();
    std::snprintf(name, sizeof name, "More neurons %d", l + 1);
    if (small_button(s, "+", name, "One neuron more in this layer") &&
        next.hidden[i] < kMaxHiddenUnits) {
      ++next.hidden[i];
      changed = true;
    }
    ImGui::SameLine();
    std::snprintf(name, sizeof name, "##Activation %d", l + 1);
    changed |= activation_combo(s, name, next.activations[i], 100 * k);
    ImGui::PopID();
  }
  if (changed) (void)s.apply_setup(next);
}

void training_section(AppState& s) {
  const float k = s.scale;
  TrainerOptions o = s.config.training;  // the widgets edit the Config's one copy
  bool changed = false;
  const bool show_loss = !s.hidden("loss");
  if (show_loss) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Loss");
    ImGui::SameLine();
    const char* loss_names[] = {"squared error", "cross-entropy"};
    int loss = o.loss == Loss::CrossEntropy ? 1 : 0;
    if (choice(s, "Loss", loss_names, 2, loss, 150 * k)) {
      o.loss = loss == 1 ? Loss::CrossEntropy : Loss::SquaredError;
      changed = true;
    }
  }
  if (!s.hidden("batch")) {
    if (show_loss) ImGui::SameLine(0, 20 * k);
    changed |= batch_slider(s, o);
  }
  if (!s.hidden("regularization")) changed |= regularization_row(s, o);
  if (changed) (void)s.set_options(o);
  if (!s.hidden("stop")) stop_rules(s);
}

bool batch_slider(AppState& s, TrainerOptions& o) {
  bool changed = false;
  const float k = s.scale;
  const int n = static_cast<int>(s.t().data().size());
  int batch = o.batch_size <= 0 || o.batch_size >= n ? n : o.batch_size;
  ImGui::SetNextItemWidth(150 * k);
  char fmt[40];
  std::snprintf(fmt, sizeof fmt, batch == n ? "batch %%d (all)" : "batch %%d");
  if (ImGui::SliderInt("##batch", &batch, 1, std::max(n, 1), fmt, ImGuiSliderFlags_AlwaysClamp)) {
    o.batch_size = batch >= n ? 0 : batch;
    changed = true;
  }
  ui::track(s, "Batch size");
  if (ImGui::IsItemHovered())
    ui::tooltip("Examples per step: all of them (full batch, as in the chapter) or fewer");
  return changed;
}

bool regularization_row(AppState& s, TrainerOptions& o) {
  bool changed = false;
  const float k = s.scale;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Regularization");
  ImGui::SameLine();
  const char* reg_names[] = {"none", "L1", "L2"};
  int reg = static_cast<int>(o.regularization);
  if (choice(s, "Regularization", reg_names, 3, reg, 90 * k)) {
    o.regularization = kAllRegularizations[reg];
    changed = true;
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(110 * k);
  double rate = o.regularization_rate;
  const ui::NumberEdit typed =
      ui::input_number("rate##regularization", rate, ImGuiInputTextFlags_EnterReturnsTrue);
  if (typed.changed) {
    o.regularization_rate = rate;
    changed = true;
  }
  if (!typed.refused.empty()) s.setup_error = "regularization rate: " + typed.refused;
  ui::track(s, "Regularization rate");
  return changed;
}

void stop_rules(AppState& s) {
  const float k = s.scale;
  StopRule& rule = s.config.stop;
  bool at_loss = rule.target_loss.has_value();
  if (ImGui::Checkbox("Stop at loss", &at_loss))
    rule.target_loss = at_loss ? std::optional<double>(s.stop_loss) : std::nullopt;
  ui::track(s, "Stop at loss");
  if (ImGui::IsItemHovered())
    ui::tooltip(s.two_d() ? "Stop training once the test set's mean loss is this low"
                          : "Stop training once the loss C is this low");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(90 * k);
  double target = s.stop_loss;
  const ui::NumberEdit loss = ui::input_number("##stop loss", target);
  if (!loss.refused.empty()) s.setup_error = "stop loss: " + loss.refused;
  if (loss.changed) {
    if (Status st = validate(StopRule{target, std::nullopt}); st) {
      s.stop_loss = target;
      if (rule.target_loss) rule.target_loss = target;
      s.setup_error.clear();
    } else {
      s.setup_error = st.error();
    }
  }
  ui::track(s, "Stop loss");
  // "Stop after [n] iterations" on the same line if it fits, else on the next.
  const ImGuiStyle& style = ImGui::GetStyle();
  ui::same_line_if_fits(ImGui::GetFrameHeight() + ImGui::CalcTextSize("Stop after").x +
                            ImGui::CalcTextSize("iterations").x + 110 * k +
                            4 * style.ItemInnerSpacing.x + 2 * style.ItemSpacing.x,
                        20 * k);
  bool after = rule.max_iterations.has_value();
  if (ImGui::Checkbox("Stop after", &after))
    rule.max_iterations = after ? std::optional<long>(s.stop_iterations) : std::nullopt;
  ui::track(s, "Stop after");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(110 * k);
  auto iters = static_cast<std::uint64_t>(std::max(0L, s.stop_iterations));
  const ui::NumberEdit typed =
      ui::input_whole("iterations##stop", iters, static_cast<std::uint64_t>(kMaxStopIterations));
  if (!typed.refused.empty()) s.setup_error = "stop after: " + typed.refused;
  if (typed.changed) {
    if (Status st = validate(StopRule{std::nullopt, static_cast<long>(iters)}); st) {
      s.stop_iterations = static_cast<long>(iters);
      if (rule.max_iterations) rule.max_iterations = s.stop_iterations;
      s.setup_error.clear();
    } else {
      s.setup_error = st.error();
    }
  }
  ui::track(s, "Stop iterations");
}

}  // namespace

void draw_setup(AppState& s) {
  // Closed on the chapter's page, so that the diagram is in view; open for 2-D data (the
  // link's `open` says otherwise).
  const bool open = ui::section(s, "setup", "Data, network and training");
  ui::track(s, "Setup header");
  if (!open) return;
  data_section(s);
  ImGui::Spacing();
  if (!s.hidden("layers")) {
    network_section(s);
    ImGui::Spacing();
  }
  training_section(s);
  if (!s.setup_error.empty()) {
    const std::string text = "Not changed: " + s.setup_error;
    ui::error_wrapped(text.c_str());
    ui::track(s, "Setup error");
  }
  ImGui::Spacing();
}

}  // namespace bp::app
