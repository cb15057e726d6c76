// The exercise: the chapter's training loop with its five blanks as fields. What is typed is
// read and checked by the core (src/exercise, through exercise_state.hpp) at the current
// weights; this file only draws it.
#include "../panels.hpp"

#include <cmath>
#include <cstdio>

#include <imgui.h>

#include "../ui.hpp"
#include "explain_ui.hpp"

namespace bp::app {
namespace {

namespace ex = bp::exercise;

void code(const char* text) {
  ImGui::TextColored(ui::colour(ui::palette().text), "%s", text);
}

// One line of the loop with its field, the message under it and its hint.
void blank_line(AppState& s, ex::Blank b) {
  const auto i = static_cast<std::size_t>(b);
  const ex::BlankInfo& info = ex::info(b);
  ExerciseView& e = s.exercise;
  ImGui::PushID(static_cast<int>(i));
  ImGui::TextColored(ui::colour(ui::palette().text), "  %.*s", static_cast<int>(info.before.size()),
                     info.before.data());
  ImGui::SameLine(0, 0);
  char buf[ex::kMaxLength + 2];
  std::snprintf(buf, sizeof buf, "%s", e.texts[i].c_str());
  const float k = ImGui::GetFontSize() / 13.0f;
  ImGui::SetNextItemWidth(190 * k);
  if (ImGui::InputText("##blank", buf, sizeof buf)) exercise_set(s, b, buf);
  ui::track(s, "Exercise " + std::string(info.name));
  if (!info.after.empty()) {
    ImGui::SameLine(0, 0);
    ImGui::TextColored(ui::colour(ui::palette().text), "%.*s", static_cast<int>(info.after.size()),
                       info.after.data());
  }
  if (e.hint_level[i] < 3) {  // three steps, then the button goes
    ImGui::SameLine();
    if (ui::small_button(s, e.hint_level[i] == 0 ? "Hint" : "More hint")) ++e.hint_level[i];
    ui::track(s, "Exercise hint " + std::string(info.name));
  }
  const ex::Check& c = e.checks[i];
  ImGui::Indent(16 * k);
  const ImVec4 colour = c.verdict == ex::Check::Verdict::Correct ? ui::colour(ui::palette().good)
                        : c.verdict == ex::Check::Verdict::Empty ? ui::colour(ui::palette().muted)
                                                                 : ui::colour(ui::palette().error);
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ui::wrapped_text(c.message);
  ImGui::PopStyleColor();
  if (e.hint_level[i] > 0) {
    auto v = ex::step_values(s.t().network(), s.t().data(), s.t().options().learning_rate);
    if (v) ui::muted_wrapped(ex::hint(b, e.hint_level[i], *v).c_str());
  }
  ImGui::Unindent(16 * k);
  ImGui::PopID();
}

void run_result(const ExerciseView& e) {
  if (!e.run_done) return;
  if (!e.run_error.empty() || !e.run) {
    ui::error_wrapped(e.run_error.c_str());
    return;
  }
  const ex::Run& run = *e.run;
  const double first = run.loss.empty() ? 0.0 : run.loss.front();
  const double last = run.loss.empty() ? 0.0 : run.loss.back();
  ui::wrapped(
      "Your code trained %d iterations from this run's initial weights: the loss went "
      "from %.4f to %.4f (the built-in trainer: %.4f).",
      run.iterations, first, last, e.builtin_loss);
  if (e.bit_for_bit)
    ImGui::TextColored(ui::colour(ui::palette().good),
                       "The same weights as the built-in trainer, to the last bit.");
  std::string outs = "Outputs a2 after training:";
  char buf[32];
  bool stuck = true;
  for (Eigen::Index r = 0; r < run.outputs.rows(); ++r) {
    std::snprintf(buf, sizeof buf, " %.3f", run.outputs(r, 0));
    outs += buf;
    stuck = stuck && std::abs(run.outputs(r, 0) - 0.5) < 0.1;
  }
  ui::wrapped_text(outs);
  if (stuck)
    ui::error_wrapped("The outputs are stuck near 0.5: the network has not learnt the table.");
  if (!run.stopped.empty()) ui::error_wrapped(run.stopped.c_str());
  ImGui::PushStyleColor(ImGuiCol_Text, e.w1_ok && e.w2_ok ? ui::colour(ui::palette().good)
                                                          : ui::colour(ui::palette().error));
  ui::wrapped_text(e.gradient_message);
  ImGui::PopStyleColor();
}

// Once every blank evaluates, Train and Step run the student's code: a checkbox to turn it
// off and on, and the gradient check of their code at the current weights.
void train_with_code(AppState& s) {
  ExerciseView& e = s.exercise;
  if (!e.code_error.empty()) ui::error_wrapped(e.code_error.c_str());
  if (!e.program) {
    ui::muted_wrapped(
        "Once every field evaluates, Train runs your code instead of the built-in "
        "trainer.");
    return;
  }
  if (ImGui::Checkbox("Train with my code", &e.train_with_code)) e.code_error.clear();
  ui::track(s, "Train with my code");
  ui::muted_wrapped(e.train_with_code
                        ? "Train and Step run your five lines every iteration; the diagram, the "
                          "data and the loss curve show what they do."
                        : "Train and Step run the built-in trainer.");
  if (e.live_check) {
    ImGui::PushStyleColor(ImGuiCol_Text, e.live_check->w1_ok && e.live_check->w2_ok
                                             ? ui::colour(ui::palette().good)
                                             : ui::colour(ui::palette().error));
    ui::wrapped_text("At the current weights: " + e.live_check->message);
    ImGui::PopStyleColor();
  }
}

}  // namespace

void draw_exercise(AppState& s) {
  explain::track_column(s);
  exercise_refresh(s);
  ExerciseView& e = s.exercise;
  ui::begin_capture();
  ui::heading("Exercise: write the backward pass yourself");
  ui::muted_wrapped(
      "The chapter's loop, with its blanks as fields. Type numpy: a0.dot(weight1), a1.T, "
      "np.dot(a, b), *, +, -, sigmoid(), derv_sigmoid(). Each field is checked by its value at "
      "the current weights, so any correct form counts.");
  if (!e.not_applicable.empty()) {
    ui::error_wrapped(("The exercise needs the chapter's network: " + e.not_applicable).c_str());
    ui::end_capture("exercise");
    return;
  }
  code("for iter in range(0, iterations):");
  blank_line(s, ex::Blank::z1);
  code("  a1 = sigmoid(z1)");
  blank_line(s, ex::Blank::z2);
  code("  a2 = sigmoid(z2)");
  code("  k2 = (a2-y)*derv_sigmoid(a2)");
  blank_line(s, ex::Blank::dC_dw2);
  blank_line(s, ex::Blank::t1);
  blank_line(s, ex::Blank::dC_dw1);
  code("  weight2 = weight2 - learningRate*dC_dw2");
  code("  weight1 = weight1 - learningRate*dC_dw1");
  ImGui::Spacing();
  train_with_code(s);
  if (ImGui::Button("Run your code")) (void)exercise_run(s);
  ui::track(s, "Run your code");
  ImGui::SameLine();
  if (ImGui::Button("Copy as numpy")) {
    auto program = exercise_numpy(s);
    if (program)
      s.requests.push_back(PlatformRequest{PlatformRequest::Kind::CopyText, "", "", *program});
    else
      e.run_error = program.error();
  }
  ui::track(s, "Copy as numpy");
  run_result(e);
  ui::end_capture("exercise");
}

}  // namespace bp::app
