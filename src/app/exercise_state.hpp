// The exercise tab's logic (no ImGui): the five blanks the student types, their checks at
// the current weights, hints, running the student's code, and Copy as numpy. The panel
// (panels/exercise.cpp) draws it; scripts reach it through Session (backprop.exercise(),
// backprop.numpy()).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "exercise/exercise.hpp"

namespace bp::app {

struct AppState;

struct ExerciseView {
  exercise::Texts texts{};  // what the fields hold
  std::array<exercise::Check, exercise::kBlanks> checks{};
  std::array<int, exercise::kBlanks> hint_level{};  // 0: no hint shown, 1..3
  std::string not_applicable;  // why the current network is not the exercise's ("" if it is)
  // The weights and data the checks were made at (checked again when they change).
  Matrix checked_w1, checked_w2, checked_x, checked_y;
  bool checked = false;
  // The last run of the student's code.
  bool run_done = false;
  std::string run_error;
  std::optional<exercise::Run> run;  // set once a run succeeded
  double builtin_loss = 0.0;         // the built-in trainer's loss after the same iterations
  bool bit_for_bit = false;          // the run equals the built-in one in every weight
  std::string gradient_message;
  bool w1_ok = true, w2_ok = true;
  // Train with the student's code: turned on when every blank first evaluates (the student
  // may turn it off); Train and Step then run `program` every iteration (exercise_step).
  bool train_with_code = false;
  std::optional<exercise::Program> program;  // the blanks, read, once every one evaluates
  exercise::Texts compiled{};                // the texts program was read from
  std::string code_error;  // why Train went back to the built-in trainer ("" if it did not)
  // The student's gradients against the measured slope at the current weights (with program).
  std::optional<exercise::GradientVerdict> live_check;
};

inline constexpr int kExerciseIterations = 1000;  // a run of the student's code

// Checks every blank at the current weights and data if they changed since the last check.
void exercise_refresh(AppState& s);
// A field's new text; checked at once. Longer than exercise::kMaxLength + 100 is cut there.
void exercise_set(AppState& s, exercise::Blank b, std::string_view text);
// {"z1": "a0.dot(weight1)", "t1": "weight2 * k2", ...} (any of the five names), all or
// nothing: a key that is not a blank's name or a value that is not a string is refused,
// naming it, and nothing changes.
Status exercise_set_json(AppState& s, std::string_view json);
// One iteration of Train or Step with the student's code (ExerciseView::train_with_code):
// their gradients at the trainer's weights, applied by the trainer (Trainer::step_with). When
// it cannot (the data, the network or the options no longer fit the chapter's loop), false:
// code_error says why, and Train goes back to the built-in trainer.
bool exercise_step(AppState& s);
// Whether Train runs the student's code now.
bool exercise_trains(const AppState& s);
// Trains kExerciseIterations from this run's initial weights with the student's code, the
// built-in trainer beside it, and checks the student's gradients at the end.
Status exercise_run(AppState& s);
// The chapter's program as Python with numpy: the student's blanks (the correct forms where a
// field is empty), this run's initial weights, learning rate and iterations (the page's count,
// or the chapter's 1000 before any training). Off the chapter's loop (2-D data, other layers,
// biases, batches, a penalty or another loss): the general loop (numpy_general_program).
Result<std::string> exercise_numpy(const AppState& s);
// The exercise as JSON for state(): texts, verdicts, messages, hint levels, the last run.
std::string exercise_json(const AppState& s);

}  // namespace bp::app
