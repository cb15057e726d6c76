// libFuzzer target: the page's script and message entry points (window.backprop and a lesson
// page's postMessage reach these Session calls with text). The first byte picks the call, the
// rest is its argument. Whatever the text: no crash, a refusal names what is wrong, a refused
// call changes nothing, and what is accepted leaves a valid page that writes and reads back.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "app/session.hpp"
#include "config/config.hpp"
#include "fuzz_target.hpp"

namespace {

// Everything a refused call must leave as it was: the settings, weights and data (the
// document), the iteration and the selection.
std::string snapshot(const bp::app::Session& s) {
  const bp::app::AppState& st = s.state();
  return s.document() + "|" + std::to_string(s.trainer().iteration()) + "|" +
         std::to_string(st.config.view.selected.layer) + "," +
         std::to_string(st.config.view.selected.row) + "," +
         std::to_string(st.config.view.selected.col) + "|" + std::to_string(st.example);
}

void check_refusal(const bp::Status& status, const std::string& before, const bp::app::Session& s) {
  if (status.ok()) return;
  if (status.error().empty()) __builtin_trap();  // a refusal says why
  if (snapshot(s) != before) __builtin_trap();   // and changes nothing
}

// The three parts of "layer,row,col".
void split3(std::string_view text, std::string_view out[3]) {
  for (int i = 0; i < 3; ++i) {
    const std::size_t comma = i < 2 ? text.find(',') : std::string_view::npos;
    out[i] = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view arg(reinterpret_cast<const char*>(data) + 1, size - 1);
  bp::app::Session s;
  double now = 0.0;
  s.set_clock([&now] { return now += 0.001; });  // deterministic: 1 us per reading
  if (!s.start(bp::Config{}).ok()) __builtin_trap();
  const std::string before = snapshot(s);

  switch (data[0] % 7) {
    case 0: {  // set(settings)
      const bp::Status st = s.apply_settings(arg);
      check_refusal(st, before, s);
      if (st.ok()) {
        // get() then set(get()) changes nothing.
        const std::string got = s.settings_json();
        const std::string after = snapshot(s);
        if (!s.apply_settings(got).ok() || snapshot(s) != after) __builtin_trap();
      }
      break;
    }
    case 1: {  // load(text): a JSON document or CSV rows
      const bp::Status st = s.load_file("fuzz", arg);
      check_refusal(st, before, s);
      if (st.ok() && !bp::config_from_json(s.document()).ok()) __builtin_trap();
      break;
    }
    case 2: {  // select({layer, row, col}), each written as text
      std::string_view parts[3];
      split3(arg, parts);
      check_refusal(s.select(parts[0], parts[1], parts[2]), before, s);
      break;
    }
    case 3: check_refusal(s.set_example(arg), before, s); break;
    case 4: {
      const bp::Status st = s.set_learning_rate(arg);
      check_refusal(st, before, s);
      break;
    }
    case 5: {
      const bp::Status st = s.reset_to_seed(arg);
      check_refusal(st, before, s);
      break;
    }
    default: {  // walkthrough(phase)
      const bp::Result<bp::Phase> p = s.walk_to(arg);
      if (!p.ok() && p.error().empty()) __builtin_trap();
      break;
    }
  }
  // Whatever happened, the page goes on: a few frames of training.
  s.train();
  for (int i = 0; i < 3; ++i) s.advance(1.0 / 60.0);
  return 0;
}
