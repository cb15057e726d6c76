// The page's scripting side (window.backprop and postMessage, through src/platform): read and
// set the settings as a whole, the link and the JSON document, files opened or dropped, reset
// to a seed, run the walkthrough to a phase, and the events scripts can listen to. Every
// setting goes through the core's Config validator (core/config.hpp), whether it comes from
// a link, a file or a script.
#include <string>
#include <utility>

#include "app.hpp"

namespace bp::app {
namespace {

constexpr std::size_t kMaxSettingsBytes = 1 << 20;  // larger settings are refused unread
constexpr std::size_t kMaxFileBytes = 4 << 20;      // larger files are refused unread

std::string quoted(std::string_view text) {
  constexpr std::size_t kShown = 40;
  return "'" + std::string(text.substr(0, kShown)) + (text.size() > kShown ? "...'" : "'");
}

const char* kind_name(PhaseKind k) {
  switch (k) {
    case PhaseKind::Forward: return "forward";
    case PhaseKind::Loss: return "loss";
    case PhaseKind::Backward: return "backward";
    case PhaseKind::Update: return "update";
  }
  return "unknown";
}

}  // namespace

std::string App::settings_json() const {
  return settings_to_json(state_.config());
}

Status App::apply_settings(std::string_view json) {
  AppState& st = state_;
  if (json.size() > kMaxSettingsBytes)
    return Error{"the settings are too long (" + std::to_string(json.size()) + " bytes; at most " +
                 std::to_string(kMaxSettingsBytes) + ")"};
  const Config now = st.config();
  Result<Config> next = apply_settings_json(json, now);
  if (!next) {
    // A new shape may leave the selected weight behind: then select W1[0][0] instead.
    Config base = now;
    base.view.selected = WeightRef{1, 0, 0};
    Result<Config> again = apply_settings_json(json, base);
    if (!again) return Error{again.error()};
    next = std::move(again);
  }
  // From the chapter to 2-D data: settings not given take what picking that data gives.
  if (now.source == DataSource::Chapter && next->source != DataSource::Chapter) {
    Config base = page_defaults(next.value());
    base.seed = now.seed;
    base.stop = now.stop;
    base.view = now.view;
    base.view.selected = WeightRef{1, 0, 0};
    if (Result<Config> again = apply_settings_json(json, base); again) next = std::move(again);
  }
  return st.apply_config(next.value());
}

std::string App::link(bool with_weights) const {
  return page_query(state_.config(), with_weights);
}

std::string App::document() const {
  return config_to_json(state_.config(), true, true);
}

Status App::load_file(std::string_view name, std::string_view text) {
  AppState& st = state_;
  const std::string what = quoted(name);
  const auto done = [&](Status s, const std::string& ok_text) {
    st.file_message = s ? ok_text : "Not loaded " + what + ": " + s.error();
    return s;
  };
  if (text.size() > kMaxFileBytes)
    return done(Error{"the file is " + std::to_string(text.size()) + " bytes; at most " +
                      std::to_string(kMaxFileBytes)},
                "");
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && text[first] == '{') {
    Result<Config> c = page_config_from_json(text);
    if (!c) return done(Error{c.error()}, "");
    if (c->diverged)
      return done(st.apply_config(c.value()),
                  "Loaded " + what +
                      ": its settings and data. Its run had diverged, so it holds no weights: "
                      "training starts again from seed " +
                      std::to_string(c->seed) + "'s initial weights.");
    return done(st.apply_config(c.value()), "Loaded " + what + ": its settings and weights.");
  }
  const Status s = st.load_csv(text);
  return done(s, "Loaded " + what + ": " + st.csv_message);
}

Status App::reset_to_seed(std::string_view seed) {
  if (seed.size() > 40) return Error{"seed must be a whole number, not " + quoted(seed)};
  Result<Config> parsed = parse_query("seed=" + std::string(seed));
  if (!parsed) return Error{parsed.error()};
  state_.set_seed(parsed->seed);
  return {};
}

Result<Phase> App::walk_to(std::string_view target) {
  AppState& st = state_;
  std::optional<PhaseKind> kind;
  for (PhaseKind k : {PhaseKind::Forward, PhaseKind::Loss, PhaseKind::Backward, PhaseKind::Update})
    if (target == kind_name(k)) kind = k;
  if (!kind && target != "next")
    return Error{"walkthrough: unknown phase " + quoted(target) +
                 " (use true, false, 'next', 'forward', 'loss', 'backward' or 'update')"};
  if (st.t().diverged())
    return Error{"walkthrough: training diverged; restart or reset before stepping through it"};
  if (!st.walkthrough) st.set_walkthrough(true);
  Phase p = st.advance_phase();
  for (int n = 1; kind && p.kind != *kind && n < st.t().phase_count(); ++n) p = st.advance_phase();
  return p;
}

unsigned App::poll_events(EventWatch& watch) const {
  const Trainer& t = state_.t();
  unsigned events = 0;
  if (t.iteration() != watch.iteration) events |= kEventStep;
  if (t.diverged() && !watch.diverged) events |= kEventDiverged;
  const double target = state_.stop_at_loss ? state_.stop_loss : kConvergedLoss;
  const bool converged = !t.diverged() && state_.watched_loss() <= target;
  if (converged && !watch.converged && t.iteration() > 0) events |= kEventConverged;
  watch.iteration = t.iteration();
  watch.diverged = t.diverged();
  watch.converged = converged;
  return events;
}

}  // namespace bp::app
